#pragma once
// Inside hub_store only: connections to PostgreSQL, a small pool, and one transaction per call
// with libpqxx's exceptions turned into Errors. Not part of the library's API (pqxx stays
// private to it).
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "core/error.h"

namespace meeloop::hub_store {

// Connects with the session settings every query here relies on (UTC timestamps).
std::unique_ptr<pqxx::connection> connect(const std::string& url);

// An Error for an exception thrown by libpqxx or the standard library while talking to the
// database. Data exceptions (SQLSTATE class 22: a timestamp or UUID PostgreSQL cannot read) are
// the caller's input, so BadInput; everything else is a Failure.
Error error_from(const std::exception& e, const std::string& what);

// "where" of a database URL for messages: host, port and database, never user or password.
std::string describe_url(const std::string& url);

struct Tx {
  pqxx::work& w;
  bool rollback = false;  // set by a body that wants its Ok result without a COMMIT
};

class Pool {
 public:
  explicit Pool(std::string url) : url_(std::move(url)) {}

  // Runs `body` in one transaction on a pooled connection and commits when it returns a value
  // (and did not ask for a rollback). A connection found broken before COMMIT is dropped with
  // every idle one (a restarted server cut them all) and the body run once more on a fresh one.
  template <class T>
  Result<T> transact(const std::string& what, const std::function<Result<T>(Tx&)>& body) {
    for (int attempt = 0;; ++attempt) {
      std::unique_ptr<pqxx::connection> conn;
      bool committing = false;
      try {
        conn = borrow();
        pqxx::work w(*conn);
        Tx tx{w};
        Result<T> r = body(tx);
        if (r && !tx.rollback) {
          committing = true;
          w.commit();
        }
        give_back(std::move(conn));
        return r;
      } catch (const pqxx::in_doubt_error& e) {
        return failure(what +
                       ": the connection to the hub database broke during COMMIT, so whether it was "
                       "written is unknown; sending again is safe");
      } catch (const pqxx::broken_connection& e) {
        drop_idle();
        if (attempt == 0 && !committing) continue;
        return error_from(e, what);
      } catch (const std::exception& e) {
        if (conn && conn->is_open()) give_back(std::move(conn));
        return error_from(e, what);
      }
    }
  }

  const std::string& url() const { return url_; }

 private:
  std::unique_ptr<pqxx::connection> borrow();
  void give_back(std::unique_ptr<pqxx::connection> conn);
  void drop_idle();

  std::string url_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
};

// A NULL parameter when absent (libpqxx 6 has no std::optional parameters).
inline const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

}  // namespace meeloop::hub_store
