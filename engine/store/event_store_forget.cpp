// Deletion (the right to be forgotten) and retention. Deleting rows is not enough: SQLite keeps
// old page images in the WAL and freed pages in the file, so after deleting we VACUUM and
// truncate the WAL, and secure_delete (set on open) zeroes freed content on the way.
#include "store/event_store.h"
#include "store/event_store_impl.h"

namespace meeloop::store {
namespace {

// Deletes one person's rows inside the caller's transaction and counts them.
ForgetReport delete_person(sqlite3* db, const std::string& code) {
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
  // Explicit deletes, child tables first, rather than relying on ON DELETE CASCADE alone.
  remove("DELETE FROM evidence WHERE event_id IN (SELECT e.id FROM events e JOIN sessions s ON "
         "s.id = e.session_id WHERE s.participant_code = ?)");
  remove("DELETE FROM events WHERE session_id IN (SELECT id FROM sessions WHERE participant_code = ?)");
  remove("DELETE FROM sessions WHERE participant_code = ?");
  remove("DELETE FROM participants WHERE code = ?");
  return r;
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

}  // namespace

Result<ForgetReport> EventStore::forget(const std::string& code) {
  Impl& im = *impl_;
  return im.guarded("forget the participant", [&]() -> Result<ForgetReport> {
    ForgetReport r;
    sql::transaction(im.raw(), [&] { r = delete_person(im.raw(), code); });
    if (r.participants == 0 && r.sessions == 0)
      return bad_input(im.path.string(), "", "no participant with code " + code);
    scrub(im.raw());
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
    if (codes.empty()) return total;
    sql::transaction(im.raw(), [&] {
      for (const auto& code : codes) {
        ForgetReport r = delete_person(im.raw(), code);
        total.participants += r.participants;
        total.sessions += r.sessions;
        total.events += r.events;
      }
    });
    scrub(im.raw());
    return total;
  });
}

}  // namespace meeloop::store
