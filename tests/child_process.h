#pragma once
// A program the test starts as a child (`meeloop hub --config F`, `meeloop hub --demo`) whose
// stdout the test reads through a pipe. The child gets SIGKILL when the test thread that started
// it ends (PR_SET_PDEATHSIG), so a failed REQUIRE never leaves a hub running; its stderr is the
// test's.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace meeloop::test {

class ChildProcess {
 public:
  // argv[0] is the program's path. `environment` entries ("NAME=value") replace or add to the
  // test's own environment.
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> environment = {});
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until `marker` appears, stdout ends or `limit` passes; true when it appeared.
  bool read_until(const std::string& marker, std::chrono::milliseconds limit);
  // Everything read from stdout so far.
  const std::string& output() const { return output_; }

  // Sends `sig` and waits up to `limit`: the exit code, or -1 when it did not exit by itself in
  // time (the destructor then kills it) or ended by a signal.
  int stop(int sig, std::chrono::seconds limit = std::chrono::seconds(60));
  // SIGKILL and reap: a crash, as far as anyone else can tell.
  void kill9();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

}  // namespace meeloop::test
