#include "store/event_store.h"

#include <chrono>
#include <ctime>
#include <system_error>
#include <thread>

#include "core/files.h"
#include "store/event_store_impl.h"
#include "store/schema.h"

namespace meeloop::store {
namespace fs = std::filesystem;

std::string utc_text(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const std::time_t secs = system_clock::to_time_t(t);
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count() % 1000;
  if (ms < 0) ms += 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms));
  return buf;
}

std::string iso_utc_now() { return utc_text(std::chrono::system_clock::now()); }

std::string now_utc() { return iso_utc_now(); }

Error EventStore::Impl::db_error(const char* what, const sql::SqlError& e) const {
  if (sql::is_not_a_database(e.code))
    return bad_input(path.string(), "",
                     "this is not a Meeloop evidence database, or the file is damaged (" +
                         e.message + ")");
  return failure(std::string("could not ") + what + ": " + e.message, path.string());
}

namespace {

// Long enough that `forget` at the desk or a second kiosk opening the file does not fail a
// player's write or a kiosk's start.
constexpr int kBusyTimeoutMs = 5000;

// Every connection gets the same settings: durable commits and enforced references.
void configure(sqlite3* db) {
  sql::Stmt mode = sql::prepare(db, "PRAGMA journal_mode = WAL");
  if (!mode.step() || mode.text(0) != "wal")
    throw sql::SqlError{SQLITE_ERROR, "the file system does not support write-ahead logging"};
  // FULL: the WAL is synced on every commit, so an event is on disk when append returns.
  sql::exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON");
  // No automatic checkpoints inside append_event: a checkpoint syncs the whole database file
  // and would put a spike in the per-decision latency. Sessions checkpoint at start and end.
  sql::exec(db, "PRAGMA wal_autocheckpoint = 0");
}

void check_integrity(sqlite3* db) {
  sql::Stmt s = sql::prepare(db, "PRAGMA quick_check(1)");
  if (s.step() && s.text(0) != "ok") throw sql::SqlError{SQLITE_CORRUPT, s.text(0)};
}

Status check_version(const fs::path& path, int version) {
  if (version < 0)
    return bad_input(path.string(), "",
                     "is an SQLite database but not a Meeloop evidence database "
                     "(it has no schema_version table)");
  if (version > schema::kCurrentVersion)
    return bad_input(path.string(), "",
                     "was written by a newer Meeloop (schema version " + std::to_string(version) +
                         "; this build knows up to " + std::to_string(schema::kCurrentVersion) + ")");
  return Ok{};
}

// Runs `step` again while another connection holds a lock that SQLite reports at once instead
// of waiting for it (another kiosk switching a new file to WAL, or checkpointing as it closes),
// for about the busy timeout. `step` must be safe to repeat.
template <class F>
auto retry_while_busy(F&& step) -> decltype(step()) {
  using namespace std::chrono;
  const auto deadline = steady_clock::now() + milliseconds(kBusyTimeoutMs);
  for (int attempt = 0;; ++attempt) {
    try {
      return step();
    } catch (const sql::SqlError& e) {
      if (!sql::is_busy(e.code) || steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(milliseconds(2 + (attempt % 10) * 3));
  }
}

// Binds e to EventStore::Impl::insert_event, at `seq` (0: after the session's last seq).
void bind_event(sql::Stmt& s, const Event& e, int64_t seq) {
  s.bind(1, e.session_id).bind(2, seq).bind(3, e.at).bind(4, e.scene_id).bind(5, e.step_id);
  s.bind(6, e.kind).bind(7, e.item_id).bind(8, e.decision_seconds).bind(9, int(e.help_asked));
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::open(const fs::path& path, Log& log) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return bad_input(path.string(), "", "is a folder; expected a database file");
  // The file exists 0600 before SQLite opens it, and SQLite gives the -wal and -shm files it
  // creates the database file's mode: no moment where another local user could read them.
  if (auto made = create_private_file(path, 0600); !made)
    return bad_input(path.string(), "", made.error().message);
  auto impl = std::make_unique<Impl>(path, log);
  int rc = 0;
  impl->db = sql::open(path, kBusyTimeoutMs, rc);
  if (rc != SQLITE_OK)
    return bad_input(path.string(), "", std::string("cannot open or create the database file: ") +
                                            sqlite3_errstr(rc));
  Impl& im = *impl;
  Status st = im.guarded("open the database", [&]() -> Status {
    return retry_while_busy([&]() -> Status {
      // Read before anything is written, so a foreign or newer file is refused untouched.
      int version = schema::read_version(im.raw());
      if (auto ok = check_version(path, version); !ok) return ok;
      check_integrity(im.raw());
      configure(im.raw());
      if (version < schema::kCurrentVersion) {
        // Read again under the write lock: another kiosk may have migrated the file meanwhile.
        int from = -1;
        sql::transaction(im.raw(), [&] {
          from = schema::read_version(im.raw());
          if (from >= 0 && from < schema::kCurrentVersion) schema::migrate(im.raw(), from);
        });
        if (auto ok = check_version(path, from); !ok) return ok;
        if (from > 0 && from < schema::kCurrentVersion)
          log.info("evidence database migrated from schema " + std::to_string(from) + " to " +
                   std::to_string(schema::kCurrentVersion));
      }
      im.version = schema::read_version(im.raw());
      im.insert_event = sql::prepare(im.raw(),
          "INSERT INTO events (session_id, seq, at, scene_id, step_id, kind, item_id, "
          "decision_seconds, help_asked) VALUES (?1, CASE WHEN ?2 > 0 THEN ?2 ELSE "
          "(SELECT coalesce(max(seq), 0) + 1 FROM events WHERE session_id = ?1) END, "
          "?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (session_id, seq) DO NOTHING RETURNING id, seq", true);
      im.stored_event = sql::prepare(im.raw(),
          "SELECT id, at, scene_id, step_id, kind, item_id FROM events WHERE session_id = ? AND seq = ?",
          true);
      im.insert_evidence = sql::prepare(im.raw(),
          "INSERT INTO evidence (event_id, ord, dimension, weight, reason) VALUES (?, ?, ?, ?, ?)",
          true);
      // Adds nothing for a person who shares nothing, and nothing twice (a retried write).
      im.insert_outbox = sql::prepare(im.raw(),
          "INSERT INTO outbox (kind, session_id, event_id, queued_at) "
          "SELECT ?1, s.id, ?3, ?4 FROM sessions s JOIN participants p ON p.code = s.participant_code "
          "WHERE s.id = ?2 AND p.share <> 'none' ON CONFLICT DO NOTHING", true);
      return Ok{};
    });
  });
  MEELOOP_RETURN_IF_ERROR(st);
  return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
}

void EventStore::Impl::queue_outbox(const char* kind, int64_t session_id, int64_t event_id) {
  sql::Stmt& s = insert_outbox;
  s.bind(1, kind).bind(2, session_id).bind(4, iso_utc_now());
  if (event_id > 0) s.bind(3, event_id);  // unbound: NULL, the session's end
  s.run();
  s.reset();
}

void EventStore::Impl::checkpoint() const {
  // PASSIVE never waits; a reader holding the WAL only delays the copy to the next session.
  sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

// Whether the row stored at e's (session, seq) is e itself (then id is set to it).
bool EventStore::Impl::already_stored(const Event& e, int64_t& id) {
  sql::Stmt& q = stored_event;
  q.bind(1, e.session_id).bind(2, e.seq);
  const bool same = q.step() && q.text(1) == e.at && q.text(2) == e.scene_id && q.text(3) == e.step_id &&
                    q.text(4) == e.kind && q.text(5) == e.item_id;
  if (same) id = q.int64(0);
  q.reset();
  return same;
}

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventStore::~EventStore() = default;

void EventStore::set_busy_timeout_ms(int ms) { sqlite3_busy_timeout(impl_->raw(), ms); }

int EventStore::current_schema_version() { return schema::kCurrentVersion; }
int EventStore::schema_version() const { return impl_->version; }
const fs::path& EventStore::path() const { return impl_->path; }

Status EventStore::append_event(Event& e) {
  Impl& im = *impl_;
  return im.guarded("save the event", [&]() -> Status {
    if (e.at.empty()) e.at = iso_utc_now();
    int64_t id = 0;
    int seq = e.seq;
    try {
      sql::transaction(im.raw(), [&] {
        sql::Stmt& s = im.insert_event;
        bind_event(s, e, e.seq);
        bool inserted = s.step();
        if (inserted) {
          id = s.int64(0);
          seq = int(s.int64(1));
          s.run();  // to the end of the statement (no second row)
        }
        s.reset();
        // This (session, seq) is stored already. The same event: a retry of a write that landed
        // although SQLite reported it failed, so it is done. A different event (a caller's
        // numbering clash) is kept too, after the session's last seq, as the v3 migration does.
        if (!inserted && !im.already_stored(e, id)) {
          bind_event(s, e, 0);
          inserted = s.step();
          id = s.int64(0);
          seq = int(s.int64(1));
          s.run();
          s.reset();
          im.log.warn("event store: seq " + std::to_string(e.seq) + " of session " +
                      std::to_string(e.session_id) + " was taken by another event; stored as seq " +
                      std::to_string(seq));
        }
        for (size_t i = 0; inserted && i < e.evidence.size(); ++i) {
          const Evidence& ev = e.evidence[i];
          im.insert_evidence.bind(1, id).bind(2, int64_t(i)).bind(3, ev.dimension)
              .bind(4, ev.weight).bind(5, ev.reason).run();
          im.insert_evidence.reset();
        }
        im.queue_outbox("event", e.session_id, id);
      });
    } catch (const sql::SqlError& err) {
      // A statement that failed mid-event keeps its bindings; the next append starts clean.
      im.insert_event.reset();
      im.insert_evidence.reset();
      im.insert_outbox.reset();
      if (err.code == SQLITE_CONSTRAINT_FOREIGNKEY)
        return bad_input(im.path.string(), "",
                         "cannot save an event for session " + std::to_string(e.session_id) +
                             ": there is no such session");
      throw;
    }
    e.id = id;
    e.seq = seq;
    return Ok{};
  });
}

}  // namespace meeloop::store
