#include "hub_store/connection.h"

#include <libpq-fe.h>

namespace meeloop::hub_store {
namespace {

// Idle connections kept for reuse; more are opened when calls overlap, and closed on return.
constexpr size_t kMaxIdle = 16;

std::string first_line(const std::string& text) {
  auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  auto conn = std::make_unique<pqxx::connection>(url);
  // Timestamps without a zone (a filter's since/until) are read as UTC, as they are written.
  pqxx::nontransaction n(*conn);
  n.exec("SET TIME ZONE 'UTC'");
  n.exec("SET application_name = 'meeloop-hub'");
  return conn;
}

std::string describe_url(const std::string& url) {
  PQconninfoOption* options = PQconninfoParse(url.c_str(), nullptr);
  if (!options) return "(an unreadable database URL)";
  std::string host, port, db;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    std::string key = o->keyword;
    if (key == "host" || key == "hostaddr") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") db = o->val;
  }
  PQconninfoFree(options);
  return (host.empty() ? "localhost" : host) + (port.empty() ? "" : ":" + port) + "/" + db;
}

Error error_from(const std::exception& e, const std::string& what) {
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state.rfind("22", 0) == 0) return bad_input("", "", what + ": " + first_line(sql->what()));
    return failure(what + ": the hub database refused it (SQLSTATE " + state + "): " + first_line(sql->what()));
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e))
    return failure(what + ": the hub database cannot be reached: " + first_line(e.what()));
  return failure(what + ": " + first_line(e.what()));
}

std::unique_ptr<pqxx::connection> Pool::borrow() {
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->is_open()) return conn;
    }
  }
  return connect(url_);
}

void Pool::give_back(std::unique_ptr<pqxx::connection> conn) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(conn));
}

void Pool::drop_idle() {
  std::vector<std::unique_ptr<pqxx::connection>> gone;
  {
    std::lock_guard lock(mutex_);
    gone.swap(idle_);
  }
}

}  // namespace meeloop::hub_store
