#pragma once
// A thin RAII layer over the SQLite C API for the event store: one owning handle per
// connection and per prepared statement, errors returned as meeloop::Error with the path.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace meeloop::store::sql {

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using DbHandle = std::unique_ptr<sqlite3, DbClose>;

// A prepared statement that is reset (not finalized) after each use, so the hot insert path
// re-uses its query plan.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  explicit operator bool() const { return s_ != nullptr; }

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, int64_t(v)); }
  Stmt& bind(int i, double v);
  // Steps once: true when a row is ready, false when done. Throws on error.
  bool step();
  // Steps to completion, ignoring rows.
  void run();
  // Resets and clears the bindings, ready for the next use.
  void reset();

  std::string text(int col) const;
  int64_t int64(int col) const { return sqlite3_column_int64(s_.get(), col); }
  double real(int col) const { return sqlite3_column_double(s_.get(), col); }

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StmtFinalize> s_;
};

// Thrown inside the store when SQLite reports an error; converted to an Error at the API edge.
struct SqlError {
  int code = 0;         // extended result code
  std::string message;  // sqlite3_errmsg at the time
};

// Opens (creating if missing) a database file in read-write mode, with the busy timeout set
// before any statement runs: another kiosk's open or write then waits instead of failing.
DbHandle open(const std::filesystem::path& path, int busy_timeout_ms, int& rc);
// Prepares one statement; throws SqlError.
Stmt prepare(sqlite3* db, std::string_view sql, bool persistent = false);
// Runs one or more statements with no results; throws SqlError.
void exec(sqlite3* db, const std::string& sql);
// The single integer that a query such as "PRAGMA user_version" returns.
int64_t query_int(sqlite3* db, std::string_view sql);

// True for result codes that mean "this file is not a (healthy) SQLite database".
bool is_not_a_database(int code);
// True for "another connection holds a lock" (SQLITE_BUSY or SQLITE_LOCKED, any extended code):
// worth trying again, never a reason to give up on a file.
bool is_busy(int code);

// Runs the body in BEGIN IMMEDIATE ... COMMIT, rolling back if the body or the COMMIT throws
// (a COMMIT that failed, on a full disk or a failed fsync, can leave the transaction open, and
// the connection's next BEGIN would then fail too).
template <class F>
void transaction(sqlite3* db, F&& body) {
  exec(db, "BEGIN IMMEDIATE");
  try {
    body();
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace meeloop::store::sql
