#pragma once
// A private PostgreSQL server for tests: hub_store::LocalCluster (engine/hub_store/
// local_cluster.h: initdb in a temp folder, `postgres` on 127.0.0.1 at a free port and a socket
// in that folder, trust authentication for the superuser "meeloop", stopped and removed with
// the object, SIGKILLed with the test process) with exceptions instead of Results, so a fixture
// that cannot start FAILS the test saying why (e.g. postgresql-15 missing: CI installs it).
//
// The server is a child of the thread that started it (the parent-death signal fires when that
// thread ends): start, restart and start after kill from the test's main thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "hub_store/local_cluster.h"
#include "temp_dir.h"

namespace meeloop::test {

class PgCluster {
 public:
  PgCluster();  // initdb and start; throws std::runtime_error with the reason
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // "postgresql://meeloop@127.0.0.1:<port>/<database>"
  std::string url(std::string_view database = "postgres") const { return cluster_->url(database); }
  // A new, empty database with a name unique in this cluster; returns its URL.
  std::string fresh_database();
  uint16_t port() const { return cluster_->port(); }
  const std::filesystem::path& folder() const { return cluster_->folder(); }

  // Fast shutdown, then start again on the same port and data: what "PostgreSQL restarted"
  // means to a client (open connections are cut, committed data stays).
  void restart();
  void kill() { cluster_->kill(); }  // SIGKILL to the server: a crash
  void stop() { cluster_->stop(); }  // fast shutdown (SIGINT), SIGKILL if it takes over 30 s
  void start();                      // a stopped or killed server, same port and data
  bool running() const { return cluster_->running(); }

 private:
  std::unique_ptr<hub_store::LocalCluster> cluster_;
  int databases_ = 0;
};

// One cluster per test binary, started on first use and stopped at exit. Tests take a
// fresh_database() each so they do not see each other's rows.
PgCluster& shared_pg_cluster();

}  // namespace meeloop::test
