#pragma once
// Private to the store: the state behind EventStore, shared by its .cpp files.
#include <filesystem>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "store/event_store.h"
#include "store/sqlite_db.h"

namespace meeloop::store {

struct EventStore::Impl {
  std::filesystem::path path;
  Log& log;
  sql::DbHandle db;
  int version = 0;
  // The hot path of append_event keeps its statements prepared for the store's lifetime.
  sql::Stmt insert_event, insert_evidence, stored_event, insert_outbox;

  Impl(std::filesystem::path p, Log& l) : path(std::move(p)), log(l) {}
  sqlite3* raw() const { return db.get(); }
  // Copies committed WAL frames into the database file, outside the per-event hot path.
  void checkpoint() const;
  // For append_event: whether the row stored at e's (session, seq) is e itself (then id is set).
  bool already_stored(const Event& e, int64_t& id);
  // Inside the caller's transaction: an outbox row of `kind` ("event" with event_id, or
  // "session_ended" with event_id 0) when the session's participant shares.
  void queue_outbox(const char* kind, int64_t session_id, int64_t event_id);

  // An SQLite failure as an Error naming the database file; `what` says what was being done.
  Error db_error(const char* what, const sql::SqlError& e) const;

  // Runs f, turning SqlError and ErrorException into an Error of f's Result type.
  template <class F>
  auto guarded(const char* what, F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const sql::SqlError& e) {
      return db_error(what, e);
    } catch (const ErrorException& e) {
      return e.error();
    }
  }
};

// Current UTC time as "2026-11-26T09:30:00.123Z", the format every timestamp column uses, so
// that text comparison orders them in time.
std::string iso_utc_now();

// Columns read back by more than one query: a Session from 8 columns starting at `first` (id,
// participant_code, scene_id, scene_version, language, started_at, ended_at, ending_id) and an
// Event, without evidence, from 10 (id, session_id, seq, at, scene_id, step_id, kind, item_id,
// decision_seconds, help_asked).
Session read_session(const sql::Stmt& s, int first);
Event read_event(const sql::Stmt& s, int first);

}  // namespace meeloop::store
