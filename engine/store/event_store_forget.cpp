// Deletion (the right to be forgotten) and retention. Deleting rows is not enough: SQLite keeps
// old page images in the WAL and freed pages in the file, so after deleting we VACUUM and
// truncate the WAL, and secure_delete (set on open) zeroes freed content on the way. The
// recruiter view's exports beside the database go too.
//
// An erasure is recorded in pending_erasures in the transaction that deletes the rows and
// cleared only once the wipe has succeeded, so a wipe that another program's reader stopped
// half way is finished by the next forget instead of being answered "no participant".
//
// A person who shared may be on the regional hub already (a batch can land there although the
// kiosk never heard the answer), so forgetting them queues a hub erasure in the same
// transaction; their code stays in hub_erasures until the hub has confirmed, then it is wiped
// like any forgotten code.
#include <system_error>

#include "store/event_store.h"
#include "store/event_store_impl.h"

namespace meeloop::store {
namespace fs = std::filesystem;

namespace {

// Deletes one person's rows inside the caller's transaction, counts them, and records the
// erasure as pending when there was anything to delete; with `tell_hub`, a person who shared
// is queued for the hub's erasure too.
ForgetReport delete_person(sqlite3* db, const std::string& code, bool tell_hub) {
  ForgetReport r;
  auto count = [&](const char* q) {
    sql::Stmt s = sql::prepare(db, q);
    s.bind(1, code);
    return s.step() ? int(s.int64(0)) : 0;
  };
  auto remove = [&](const char* q) {
    sql::Stmt s = sql::prepare(db, q);
    s.bind(1, code).run();
  };
  r.participants = count("SELECT count(*) FROM participants WHERE code = ?");
  r.sessions = count("SELECT count(*) FROM sessions WHERE participant_code = ?");
  r.events = count("SELECT count(*) FROM events WHERE session_id IN "
                   "(SELECT id FROM sessions WHERE participant_code = ?)");
  if (tell_hub && count("SELECT count(*) FROM participants WHERE code = ? AND share <> 'none'") > 0) {
    sql::Stmt s = sql::prepare(db, "INSERT INTO hub_erasures (code, queued_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
    s.bind(1, code).bind(2, iso_utc_now()).run();
    r.hub_erasure_queued = true;
  }
  // Explicit deletes, child tables first, rather than relying on ON DELETE CASCADE alone.
  remove("DELETE FROM outbox WHERE session_id IN (SELECT id FROM sessions WHERE participant_code = ?)");
  remove("DELETE FROM evidence WHERE event_id IN (SELECT e.id FROM events e JOIN sessions s ON "
         "s.id = e.session_id WHERE s.participant_code = ?)");
  remove("DELETE FROM events WHERE session_id IN (SELECT id FROM sessions WHERE participant_code = ?)");
  remove("DELETE FROM sessions WHERE participant_code = ?");
  remove("DELETE FROM participants WHERE code = ?");
  if (r.participants > 0 || r.sessions > 0)
    remove("INSERT INTO pending_erasures (code) VALUES (?) ON CONFLICT DO NOTHING");
  return r;
}

std::vector<std::string> pending_erasures(sqlite3* db) {
  sql::Stmt s = sql::prepare(db, "SELECT code FROM pending_erasures ORDER BY code");
  std::vector<std::string> codes;
  while (s.step()) codes.push_back(s.text(0));
  return codes;
}

void set_pending(sqlite3* db, const std::vector<std::string>& codes, bool pending) {
  sql::transaction(db, [&] {
    sql::Stmt s = sql::prepare(db, pending ? "INSERT INTO pending_erasures (code) VALUES (?) ON CONFLICT DO NOTHING"
                                           : "DELETE FROM pending_erasures WHERE code = ?");
    for (const auto& code : codes) {
      s.bind(1, code).run();
      s.reset();
    }
  });
}

// A code read from the database names a folder only when it cannot leave exports/.
bool safe_folder_name(const std::string& code) {
  if (code.empty()) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Removes the exports folder of each code; how many folders there were.
int remove_exports(const fs::path& db_path, const std::vector<std::string>& codes) {
  int removed = 0;
  for (const auto& code : codes) {
    if (!safe_folder_name(code)) continue;
    const fs::path dir = exports_folder(db_path, code);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(dir, ec))) continue;
    fs::remove_all(dir, ec);  // a link planted there is removed, never followed
    if (ec)
      throw ErrorException(failure("the records are deleted, but the exports folder could not be removed (" +
                                       ec.message() + "); run forget again",
                                   dir.string()));
    ++removed;
  }
  return removed;
}

// Rewrites the file without the deleted pages and empties the WAL, so no trace stays on disk.
void scrub(sqlite3* db) {
  sql::exec(db, "VACUUM");
  int log_frames = 0, done = 0;
  int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &done);
  if (rc != SQLITE_OK)
    throw sql::SqlError{rc, std::string("the rows are deleted, but old copies could not yet be "
                                        "wiped from the write-ahead log because another program "
                                        "has the database open; close it and run forget again (") +
                                sqlite3_errstr(rc) + ")"};
}

// Finishes every pending erasure: exports folders, then the wipe. The pending marks are cleared
// before the wipe, so that no trace of the codes stays either, and put back if it fails.
int finish_erasures(sqlite3* db, const fs::path& db_path, Log& log) {
  std::vector<std::string> codes = pending_erasures(db);
  int folders = remove_exports(db_path, codes);
  set_pending(db, codes, false);
  try {
    scrub(db);
  } catch (...) {
    try {
      set_pending(db, codes, true);
    } catch (const sql::SqlError& e) {
      log.error("forget: could not note the unfinished erasure (" + e.message +
                "); the old copies are wiped by the next forget of anyone");
    }
    throw;
  }
  return folders;
}

}  // namespace

fs::path exports_folder(const fs::path& db, const std::string& code) {
  return db.parent_path() / "exports" / code;
}

Result<ForgetReport> EventStore::forget(const std::string& code) {
  Impl& im = *impl_;
  return im.guarded("forget the participant", [&]() -> Result<ForgetReport> {
    ForgetReport r;
    bool pending = false;  // this person's rows deleted now, or by a forget that stopped half way
    sql::transaction(im.raw(), [&] {
      r = delete_person(im.raw(), code, true);
      sql::Stmt s = sql::prepare(im.raw(), "SELECT 1 FROM pending_erasures WHERE code = ?");
      s.bind(1, code);
      pending = s.step();
    });
    if (!pending) {
      // What may be left is an exports folder (exported after an older Meeloop's forget, or
      // copied there by hand): it is this person's all the same.
      r.export_folders = remove_exports(im.path, {code});
      if (r.export_folders == 0) return bad_input(im.path.string(), "", "no participant with code " + code);
      return r;
    }
    r.finished_earlier = r.participants == 0 && r.sessions == 0;
    r.export_folders = finish_erasures(im.raw(), im.path, im.log);
    return r;
  });
}

Result<ForgetReport> EventStore::forget_older_than(int days) {
  Impl& im = *impl_;
  return im.guarded("remove old records", [&]() -> Result<ForgetReport> {
    if (days < 0) return bad_input("", "", "--older-than needs zero or more days");
    // Last activity: the latest of joining, any session start/end and any event.
    sql::Stmt s = sql::prepare(im.raw(),
        "SELECT p.code FROM participants p WHERE max(p.created_at, "
        "coalesce((SELECT max(max(s.started_at, s.ended_at)) FROM sessions s "
        "WHERE s.participant_code = p.code), ''), "
        "coalesce((SELECT max(e.at) FROM events e JOIN sessions s ON s.id = e.session_id "
        "WHERE s.participant_code = p.code), '')) < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)");
    s.bind(1, "-" + std::to_string(days) + " days");
    std::vector<std::string> codes;
    while (s.step()) codes.push_back(s.text(0));
    ForgetReport total;
    total.finished_earlier = !pending_erasures(im.raw()).empty();
    // Nothing to delete and nothing left half done: no rewrite of the whole file.
    if (codes.empty() && !total.finished_earlier) return total;
    sql::transaction(im.raw(), [&] {
      for (const auto& code : codes) {
        ForgetReport r = delete_person(im.raw(), code, false);
        total.participants += r.participants;
        total.sessions += r.sessions;
        total.events += r.events;
      }
    });
    total.export_folders = finish_erasures(im.raw(), im.path, im.log);
    return total;
  });
}

Result<std::vector<HubErasure>> EventStore::pending_hub_erasures() const {
  return impl_->guarded("read the hub erasures", [&]() -> Result<std::vector<HubErasure>> {
    sql::Stmt s = sql::prepare(impl_->raw(), "SELECT code, queued_at FROM hub_erasures ORDER BY queued_at, code");
    std::vector<HubErasure> out;
    while (s.step()) out.push_back(HubErasure{s.text(0), s.text(1)});
    return out;
  });
}

Status EventStore::mark_hub_erasure_done(const std::string& code) {
  Impl& im = *impl_;
  return im.guarded("note the hub erasure", [&]() -> Status {
    bool was_queued = false;
    // Handed to pending_erasures in one step, so a wipe stopped half way is still finished later.
    sql::transaction(im.raw(), [&] {
      sql::Stmt s = sql::prepare(im.raw(), "DELETE FROM hub_erasures WHERE code = ?");
      s.bind(1, code).run();
      was_queued = sqlite3_changes(im.raw()) > 0;
      if (was_queued) {
        sql::Stmt p = sql::prepare(im.raw(), "INSERT INTO pending_erasures (code) VALUES (?) ON CONFLICT DO NOTHING");
        p.bind(1, code).run();
      }
    });
    if (!was_queued) return Ok{};  // done before: a sync client that retried after a crash
    try {
      finish_erasures(im.raw(), im.path, im.log);
    } catch (const sql::SqlError& e) {
      // The hub's part is done and recorded; the local wipe waits for the next forget.
      im.log.warn("hub erasure noted; the local wipe waits for the next forget (" + e.message + ")");
    } catch (const ErrorException& e) {
      im.log.warn("hub erasure noted; the local wipe waits for the next forget (" + e.error().message + ")");
    }
    return Ok{};
  });
}

}  // namespace meeloop::store
