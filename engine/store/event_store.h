#pragma once
// The evidence log: an append-only SQLite database (WAL mode) of participants, sessions and
// events. Every append is durable when the call returns, so a crash or kill -9 never loses a
// choice already made. The schema is versioned and migrated forward on open. A person who
// shares (Participant::share) also gets outbox rows for the hub, in the same transactions.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"
#include "store/outbox.h"
#include "store/records.h"

namespace meeloop::store {

// What `forget` removed, for the message to the person who asked.
struct ForgetReport {
  int participants = 0;
  int sessions = 0;
  int events = 0;
  int export_folders = 0;         // exports/<CODE>/ folders removed (see exports_folder)
  bool finished_earlier = false;  // the rows were gone already: this finished an interrupted forget
  bool hub_erasure_queued = false;  // they had shared: the hub is told to erase them at the next sync
};

// Sessions started in a span of time, for the operator's "today" line.
struct SessionCounts {
  int sessions = 0;      // scenes started (a playlist of two is two sessions)
  int participants = 0;  // different people among them
};

// Which people a listing shows: newest first (by when they joined), a page at a time.
struct PeopleQuery {
  std::string code_prefix;  // only codes that start with this (case ignored); empty: everyone
  int offset = 0;           // people skipped before the page
  int limit = 0;            // people on the page; 0: all of them
};

// One person with every session they played, oldest session first.
struct PersonSessions {
  Participant participant;
  std::vector<Session> sessions;
};

struct PeoplePage {
  std::vector<PersonSessions> people;
  bool more = false;  // people after this page
};

// Where the recruiter view keeps one person's exported reports: exports/<CODE>/ beside the
// database. forget removes it with the records.
std::filesystem::path exports_folder(const std::filesystem::path& db, const std::string& code);

// Current UTC time as "2026-11-26T09:30:00.123Z", the format of every timestamp column.
std::string now_utc();
// `t` in that format.
std::string utc_text(std::chrono::system_clock::time_point t);

class EventStore {
 public:
  // Opens or creates the database (mode 0600, and so its -wal and -shm) and migrates it to the
  // current schema version in one BEGIN IMMEDIATE transaction, so kiosks opening one file at
  // the same moment wait for each other instead of failing. A file that is not a Meeloop
  // database (or is corrupt) is a BadInput error naming the path.
  static Result<std::unique_ptr<EventStore>> open(const std::filesystem::path& path, Log& log);
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // How long a write waits for another connection's lock before failing with "locked"
  // (default 5 s, so `forget` at the desk does not fail a player's write).
  void set_busy_timeout_ms(int ms);

  static int current_schema_version();
  int schema_version() const;
  const std::filesystem::path& path() const;

  // Fails if the code exists. Stores p.share: with a scope other than None, the person's events
  // and session ends get outbox rows from now on.
  Status add_participant(const Participant& p);
  Result<std::optional<Participant>> participant(const std::string& code) const;
  Result<std::vector<Participant>> participants() const;

  Result<int64_t> begin_session(const Session& s);  // returns the new session id
  // ended_at empty: now. A player that wrote the session late (disk full) passes the real time.
  // For a person who shares, the session's end is queued in the outbox in the same transaction.
  Status end_session(int64_t session_id, const std::string& ending_id,
                     const std::string& ended_at = "");
  // Assigns e.id (and e.seq when 0); durable (committed) when it returns. Idempotent per
  // (session, seq): the same event again (a retried write) returns the stored id and adds
  // nothing; a different event with a seq already taken is kept after the session's last seq.
  // For a person who shares, the event's outbox row is committed with it, or neither is.
  Status append_event(Event& e);
  Result<std::vector<Session>> sessions(const std::string& participant_code) const;
  Result<std::vector<Event>> events(int64_t session_id) const;
  // All events of all sessions of one person, oldest first.
  Result<std::vector<Event>> events_for_participant(const std::string& code) const;

  // One page of people with their sessions, read in one statement (no query per person).
  Result<PeoplePage> people(const PeopleQuery& query) const;
  // Sessions whose started_at lies in [from_utc, to_utc) (timestamps as now_utc() writes them).
  Result<SessionCounts> count_sessions(const std::string& from_utc, const std::string& to_utc) const;

  // Erases one person everywhere: their records, the old copies of those in the file and the
  // WAL (vacuum, WAL truncated) and their exports folder. When the wipe cannot finish (another
  // program holds the database open) the records are gone, an error says so, and the next
  // forget of the same code (or any forget_older_than) finishes it. An unknown code with
  // nothing left anywhere is a BadInput "no participant with code". The person's outbox rows
  // go with their events; if they shared, a hub erasure is queued (pending_hub_erasures), and
  // their code stays in the file only until mark_hub_erasure_done.
  Result<ForgetReport> forget(const std::string& code);
  // Retention: erases, as forget does, everyone whose last activity is older than `days` days,
  // and finishes any interrupted forget. Queues no hub erasure: the hub keeps its own retention.
  Result<ForgetReport> forget_older_than(int days);

  // The outbox for the sync client (store/outbox.h says how the calls fit together).
  // Up to `limit` rows due at `now`: oldest session first, a session's events in seq order and
  // its end last. A session with an unsent row still waiting for its backoff is left out whole.
  // A next attempt more than the longest backoff ahead of `now` (the clock was set back) is due.
  Result<std::vector<OutboxItem>> pending_outbox(
      int limit, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;
  // Marks rows delivered (sent_at = now); ids already sent or unknown are skipped.
  Status mark_sent(const std::vector<int64_t>& ids);
  // Counts one more failed attempt on each unsent row and sets when to try again (UTC text, as
  // outbox_next_attempt writes it).
  Status mark_failed(const std::vector<int64_t>& ids, const std::string& next_attempt_at);
  Result<OutboxCounts> outbox_counts() const;
  // People forgotten here who had shared, oldest first.
  Result<std::vector<HubErasure>> pending_hub_erasures() const;
  // The hub has erased `code`: the row goes, and the code is wiped from the file and the WAL as
  // forget wipes (if another program holds the file, the next forget finishes the wipe).
  Status mark_hub_erasure_done(const std::string& code);

 private:
  struct Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::store
