#include "hub_store/local_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace meeloop::hub_store {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The socket-only server needs a port number for its socket's name, never binds it.
constexpr uint16_t kSocketOnlyPort = 5432;

// The newest /usr/lib/postgresql/<version>/bin holding both initdb and postgres.
Result<fs::path> find_server_programs() {
  const fs::path root = "/usr/lib/postgresql";
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const fs::path bin = entry.path() / "bin";
    if (::access((bin / "initdb").c_str(), X_OK) != 0 || ::access((bin / "postgres").c_str(), X_OK) != 0) continue;
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version) best_version = version, best = bin;
  }
  if (best.empty())
    return failure(
        "PostgreSQL's server programs (initdb, postgres) are missing under /usr/lib/postgresql/<version>/bin: "
        "install postgresql-15 (tools/install-deps.sh)");
  return best;
}

std::string tail_of(const fs::path& file, size_t bytes = 2000) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  return text.size() > bytes ? "..." + text.substr(text.size() - bytes) : text;
}

// Percent-encodes everything but unreserved characters and '/', for a path in a libpq URL.
std::string url_encoded_path(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Spawn {
  std::vector<std::string> args;
  fs::path log;
  fs::path cwd;
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// fork + exec with output appended to a log. Everything the child needs is prepared before the
// fork, so the child calls only async-signal-safe functions (the caller may have threads).
Result<pid_t> spawn(const Spawn& s) {
  std::vector<char*> argv;
  for (const auto& a : s.args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int log = ::open(s.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) return failure("cannot open the log", s.log.string());
  if (s.switch_user && ::fchown(log, s.uid, s.gid) != 0) {
    ::close(log);
    return failure("cannot give the log to the postgres user", s.log.string());
  }
  // A caller that blocks signals for a waiting thread (meeloop hub) must not pass that on:
  // exec keeps the mask, and a server that cannot see SIGINT cannot be stopped.
  sigset_t none;
  sigemptyset(&none);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log);
    return failure("fork failed");
  }
  if (pid == 0) {
    // The reason goes to the log, which the parent quotes (write(2) is async-signal-safe).
    const auto die = [](const char* why) {
      (void)!::write(STDERR_FILENO, why, std::strlen(why));
      ::_exit(126);
    };
    const int null = ::open("/dev/null", O_RDONLY);
    if (null < 0 || ::dup2(null, 0) < 0 || ::dup2(log, 1) < 0 || ::dup2(log, 2) < 0) ::_exit(126);
    if (::setpgid(0, 0) != 0 || ::sigprocmask(SIG_SETMASK, &none, nullptr) != 0) die("cannot set up the process\n");
    if (s.switch_user && (::setgroups(0, nullptr) != 0 || ::setgid(s.gid) != 0 || ::setuid(s.uid) != 0))
      die("cannot switch to the postgres user\n");
    // After setuid, which clears it: the server dies with its parent, never outlives it.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) die("the parent process is gone\n");
    if (::chdir(s.cwd.c_str()) != 0)
      die(s.switch_user ? "the postgres user cannot enter its folder: every folder above it must let others pass "
                          "(e.g. a TMPDIR of mode 0700 does not)\n"
                        : "cannot enter its folder\n");
    ::execv(argv[0], argv.data());
    die("cannot run the PostgreSQL program\n");
  }
  ::close(log);
  return pid;
}

// Waits for `pid` up to `limit`; true when it exited (status filled in).
bool wait_for(pid_t pid, std::chrono::milliseconds limit, int& status) {
  const auto end = Clock::now() + limit;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || r < 0) return true;  // r < 0: not our child any more, nothing to wait for
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

struct PgConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
};

}  // namespace

Result<uint16_t> free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return failure("cannot create a socket to find a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) return failure("cannot bind a loopback socket to find a free port");
  return static_cast<uint16_t>(ntohs(addr.sin_port));
}

Result<std::unique_ptr<LocalCluster>> LocalCluster::create(const LocalClusterOptions& options) {
  std::unique_ptr<LocalCluster> cluster(new LocalCluster());
  // On failure the destructor stops whatever started and removes the folder.
  MEELOOP_RETURN_IF_ERROR(cluster->init(options));
  return cluster;
}

Status LocalCluster::init(const LocalClusterOptions& options) {
  MEELOOP_ASSIGN_OR_RETURN(bin_, find_server_programs());
  loopback_tcp_ = options.loopback_tcp;
  std::error_code ec;
  const fs::path parent = options.parent.empty() ? fs::temp_directory_path(ec) : options.parent;
  if (ec) return failure("there is no temp folder to put the PostgreSQL cluster in: " + ec.message());
  std::string name = (parent / (options.prefix + "-XXXXXX")).string();
  if (!::mkdtemp(name.data())) return failure("cannot create a private folder for PostgreSQL", name);
  folder_ = name;  // mkdtemp made it 0700
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (!pw)
      return failure(
          "running as root, and initdb/postgres refuse root: there is no `postgres` system user to run them as "
          "(Debian's postgresql-common creates it: install postgresql-15)");
    uid_ = pw->pw_uid;
    gid_ = pw->pw_gid;
    as_other_user_ = true;
    if (::chown(folder_.c_str(), uid_, gid_) != 0)
      return failure("cannot give the folder to the postgres user", folder_.string());
  }

  Spawn init;
  init.args = {(bin_ / "initdb").string(), "-D", (folder_ / "data").string(), "-U", "meeloop",
               // Trust is safe here: only loopback and a socket in a private folder are listened on.
               "--auth=trust", "--no-sync", "--no-locale", "-E", "UTF8"};
  init.log = folder_ / "initdb.log";
  init.cwd = folder_;
  init.switch_user = as_other_user_;
  init.uid = uid_;
  init.gid = gid_;
  MEELOOP_ASSIGN_OR_RETURN(const pid_t pid, spawn(init));
  int status = 0;
  if (!wait_for(pid, std::chrono::minutes(2), status)) {
    ::kill(pid, SIGKILL);
    wait_for(pid, std::chrono::seconds(5), status);
    return failure("initdb took over 2 minutes: " + tail_of(init.log));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failure("initdb failed (status " + std::to_string(status) + "): " + tail_of(init.log));

  std::string why;
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (loopback_tcp_) {
      MEELOOP_ASSIGN_OR_RETURN(port_, free_loopback_port());
    } else {
      port_ = kSocketOnlyPort;
    }
    if (try_start(why)) return Ok{};
    if (why.find("could not bind") == std::string::npos &&
        why.find("could not create any TCP/IP sockets") == std::string::npos)
      break;
  }
  return failure("PostgreSQL did not start: " + why);
}

LocalCluster::~LocalCluster() {
  stop();
  if (folder_.empty()) return;
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

std::string LocalCluster::url(std::string_view database) const {
  if (loopback_tcp_)
    return "postgresql://meeloop@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
  return "postgresql://meeloop@/" + std::string(database) + "?host=" + url_encoded_path(folder_.string()) +
         "&port=" + std::to_string(port_);
}

Result<std::string> LocalCluster::create_database(std::string_view name) {
  if (name.empty() || name.size() > 63 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string_view::npos)
    return bad_input("", "", "a database name here is 1 to 63 lower-case letters, digits or '_'");
  std::unique_ptr<PGconn, PgConnCloser> conn(PQconnectdb(url().c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return failure("cannot connect to the local PostgreSQL cluster: " + std::string(PQerrorMessage(conn.get())));
  std::unique_ptr<PGresult, PgResultCloser> res(
      PQexec(conn.get(), ("CREATE DATABASE " + std::string(name)).c_str()));
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK)
    return failure("CREATE DATABASE failed: " + std::string(PQerrorMessage(conn.get())));
  return url(name);
}

Status LocalCluster::try_start(std::string& why) {
  Spawn s;
  s.args = {(bin_ / "postgres").string(), "-D", (folder_ / "data").string(), "-p", std::to_string(port_), "-k",
            folder_.string(), "-c", loopback_tcp_ ? "listen_addresses=127.0.0.1" : "listen_addresses=",
            // Throwaway data need not survive a power cut: no flush to disk (much faster). Commits
            // still reach the OS before they return (synchronous_commit stays on), so a server
            // killed with SIGKILL (kill()) recovers every committed row, as in production.
            "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200", "-c",
            "log_min_messages=warning"};
  s.log = folder_ / "postgres.log";
  s.cwd = folder_;
  s.switch_user = as_other_user_;
  s.uid = uid_;
  s.gid = gid_;
  std::error_code ec;
  const auto log_start = fs::exists(s.log, ec) ? fs::file_size(s.log, ec) : 0;
  auto spawned = spawn(s);
  if (!spawned) {
    why = spawned.error().to_string();
    return spawned.error();
  }
  pid_ = *spawned;
  const std::string conninfo = (loopback_tcp_ ? "host=127.0.0.1" : "host=" + folder_.string()) +
                               " port=" + std::to_string(port_) + " user=meeloop dbname=postgres connect_timeout=2";
  const auto end = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < end) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return Ok{};
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      const std::string log = tail_of(s.log);
      why = log.size() > log_start ? log : "the server exited at once";
      return failure(why);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  why = "not ready after 60 s: " + tail_of(s.log);
  kill();
  return failure(why);
}

Status LocalCluster::start() {
  if (running()) return Ok{};
  // After kill(), the dead server's backends may hold its shared memory for a moment
  // ("pre-existing shared memory block is still in use"): try again for a while.
  std::string why;
  const auto end = Clock::now() + std::chrono::seconds(20);
  do {
    if (try_start(why)) return Ok{};
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  } while (Clock::now() < end);
  return failure("PostgreSQL did not start again on port " + std::to_string(port_) + ": " + why);
}

void LocalCluster::stop() {
  if (!running()) return;
  int status = 0;
  ::kill(pid_, SIGINT);  // fast shutdown: open transactions are rolled back, committed data stays
  if (!wait_for(pid_, std::chrono::seconds(30), status)) {
    ::kill(pid_, SIGKILL);
    wait_for(pid_, std::chrono::seconds(10), status);
  }
  pid_ = -1;
}

void LocalCluster::kill() {
  if (!running()) return;
  int status = 0;
  ::kill(pid_, SIGKILL);
  wait_for(pid_, std::chrono::seconds(10), status);
  pid_ = -1;
}

Status LocalCluster::restart() {
  stop();
  return start();
}

}  // namespace meeloop::hub_store
