#include "store/sqlite_db.h"

namespace meeloop::store::sql {
namespace {
[[noreturn]] void raise(sqlite3* db, int rc) {
  throw SqlError{db ? sqlite3_extended_errcode(db) : rc,
                 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
}
}  // namespace

Stmt& Stmt::bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text(s_.get(), i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) raise(db_, rc);
  return *this;
}

Stmt& Stmt::bind(int i, int64_t v) {
  int rc = sqlite3_bind_int64(s_.get(), i, v);
  if (rc != SQLITE_OK) raise(db_, rc);
  return *this;
}

Stmt& Stmt::bind(int i, double v) {
  int rc = sqlite3_bind_double(s_.get(), i, v);
  if (rc != SQLITE_OK) raise(db_, rc);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(s_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Keep the message before reset() replaces it.
  SqlError e{sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)};
  sqlite3_reset(s_.get());
  throw e;
}

void Stmt::run() {
  while (step()) {
  }
}

void Stmt::reset() {
  sqlite3_reset(s_.get());
  sqlite3_clear_bindings(s_.get());
}

std::string Stmt::text(int col) const {
  const unsigned char* t = sqlite3_column_text(s_.get(), col);
  return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(s_.get(), col)))
           : std::string();
}

DbHandle open(const std::filesystem::path& path, int busy_timeout_ms, int& rc) {
  sqlite3* raw = nullptr;
  rc = sqlite3_open_v2(path.c_str(), &raw,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);  // owns the handle even when opening failed
  if (rc == SQLITE_OK) {
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, busy_timeout_ms);
  }
  return db;
}

Stmt prepare(sqlite3* db, std::string_view sql, bool persistent) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), int(sql.size()),
                              persistent ? SQLITE_PREPARE_PERSISTENT : 0, &s, nullptr);
  if (rc != SQLITE_OK) raise(db, rc);
  return Stmt(db, s);
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    SqlError e{sqlite3_extended_errcode(db), err ? err : sqlite3_errstr(rc)};
    sqlite3_free(err);
    throw e;
  }
}

int64_t query_int(sqlite3* db, std::string_view sql) {
  Stmt s = prepare(db, sql);
  return s.step() ? s.int64(0) : 0;
}

bool is_not_a_database(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
}

bool is_busy(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace meeloop::store::sql
