#pragma once
// Where one visitor's decisions go while they play. Shared by headless, desktop, kiosk and
// headset play so all four log the same events the same way.
//
// Without consent nothing is stored. With consent every event is appended to the evidence
// database before the runtime shows the next step. When the database cannot be written (disk
// full, read-only folder, locked file) the event is kept in memory, `warning()` says so, and
// the queue is written, in order, as soon as a later write succeeds; play never stops for it.
// A failed write is rolled back whole, so what is already stored is never touched. Events keep
// the time and sequence number they had when they happened, however late they are written.
// A person who shares (organisation or region) also gets an outbox row per event and session
// end, written in the same transaction by the store, for the regional hub.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "scenario/runtime.h"
#include "store/event_store.h"
#include "store/records.h"

namespace meeloop::play {

struct RecordingOptions {
  bool consent = false;
  std::filesystem::path db_path;           // the evidence database (needed with consent)
  std::optional<std::string> participant;  // a code (any spelling), or empty for a new person
  bool register_unknown = false;           // an unknown code becomes a new participant
  std::string language;                    // "nl" | "en"; empty: a returning person's own, else "nl"
  int busy_timeout_ms = 1000;              // how long a write waits for a lock held elsewhere
  store::Background background;            // only stored with consent
  // Who else may see the profile, chosen with the consent (only stored with it). A new person
  // without a choice shares nothing; a returning person keeps the scope they chose, and a
  // different choice for them is refused (changing a scope is not supported yet).
  std::optional<store::ShareScope> share;
};

class Recorder {
 public:
  // Opens the database (with consent) and registers the participant. Errors here are real:
  // a bad code is BadInput, an unopenable database is Failure; nothing has been played yet.
  static Result<std::unique_ptr<Recorder>> open(const RecordingOptions& o, Log& log);
  // Tries a last flush; what still waits then is named in the Log as lost (count only).
  ~Recorder();

  bool consent() const;
  const std::string& participant_code() const;  // empty without consent
  const std::string& language() const;
  store::ShareScope share() const;  // None without consent
  const std::filesystem::path& database() const;  // empty without consent
  int64_t session_id() const;  // the current session's database id; 0 while it waits in memory

  // Starts a session for one scene (a visitor may play several in a row). Like events, a
  // session that cannot be written yet waits in memory (Ok is returned).
  Status begin_session(const std::string& scene_id, const std::string& scene_version);
  // The runtime's EventSink (refers to this Recorder, which must outlive the runtime): Ok even
  // when the write failed and the event waits in memory.
  scenario::EventSink sink();
  // Marks the session ended (with the ending reached, or "" when stopped early); queued like
  // an event when the database cannot be written.
  Status end_session(const std::string& ending_id);

  // Retries queued writes; the desktop/kiosk loop calls this about once a second.
  void flush();
  std::size_t pending() const;  // writes waiting in memory (events, session starts and ends)
  // Empty while everything is on disk; otherwise the last write error (no personal data), for
  // the log and the operator. The UI shows its own localised warning while pending() > 0.
  std::string warning() const;

 private:
  struct Impl;
  explicit Recorder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::play
