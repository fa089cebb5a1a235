#pragma once
// A private, throwaway PostgreSQL server: initdb in a fresh 0700 temp folder, one `postgres`
// with its unix socket in that folder, trust authentication for the superuser "meeloop". For
// `meeloop hub --demo` and the hub tests; never for data that must last (fsync is off).
// The server is stopped and the folder removed when the object goes; if this process dies
// outright, the server gets SIGKILL with it (parent-death signal), so none is left running.
//
// Needs Debian's postgresql-15 (server programs under /usr/lib/postgresql/<v>/bin). initdb and
// postgres refuse to run as root; as root they run as the `postgres` system user that
// postgresql-common creates, with the folder given to it.
//
// The server runs in a process group of its own (a terminal's Ctrl-C reaches only this process,
// which stops its users first) and is a child of the thread that started it: the parent-death
// signal fires when that thread ends, so start and restart it from a thread that lives as long.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace meeloop::hub_store {

// A loopback TCP port nobody listens on right now. Another process may take it before the caller
// binds it: LocalCluster::init sees that in the server log and tries another.
Result<uint16_t> free_loopback_port();

struct LocalClusterOptions {
  std::filesystem::path parent;          // where the temp folder is made; empty: the system's
  std::string prefix = "meeloop-pg";     // the folder is <prefix>-XXXXXX, so a stray one says whose
  // Also listen on 127.0.0.1:<a free port> (tests connect by port). Off, only the socket in the
  // 0700 folder takes connections, so trust authentication admits no other user of the machine.
  bool loopback_tcp = true;
};

class LocalCluster {
 public:
  // initdb and start. A Failure naming what is missing ("install postgresql-15") or what the
  // server logged when it did not start; the folder is removed again then.
  static Result<std::unique_ptr<LocalCluster>> create(const LocalClusterOptions& options = {});
  ~LocalCluster();  // stop(), then the folder is removed with everything in it
  LocalCluster(const LocalCluster&) = delete;
  LocalCluster& operator=(const LocalCluster&) = delete;

  // A libpq URL for `database` as the superuser: "postgresql://meeloop@127.0.0.1:<port>/<db>"
  // with loopback_tcp, else one whose host is the socket folder.
  std::string url(std::string_view database = "postgres") const;
  // CREATE DATABASE `name` (lower-case letters, digits and '_'); returns its url().
  Result<std::string> create_database(std::string_view name);
  uint16_t port() const { return port_; }
  const std::filesystem::path& folder() const { return folder_; }

  // Fast shutdown (SIGINT), SIGKILL when it takes over 30 s.
  void stop();
  // SIGKILL to the server: a crash; start() brings it back through crash recovery.
  void kill();
  // A stopped or killed server again, same port and data.
  Status start();
  Status restart();
  bool running() const { return pid_ > 0; }

 private:
  LocalCluster() = default;
  Status init(const LocalClusterOptions& options);
  Status try_start(std::string& why);

  std::filesystem::path folder_;
  std::filesystem::path bin_;
  bool loopback_tcp_ = true;
  bool as_other_user_ = false;  // initdb and postgres run as `postgres` because we are root
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace meeloop::hub_store
