#pragma once
// An SQLite VFS for tests that wraps the real one ("unix") and, on request, fails writes the way
// the operating system does: a full disk (ENOSPC: SQLITE_FULL) or a file system that became
// read-only under the player (EROFS: SQLITE_IOERR_WRITE), exactly as the unix VFS reports them.
// Root ignores file permissions, so chmod cannot make a read-only database in a test; this can.
// While alive it is the default VFS, so every connection the code under test opens uses it.
#include <sqlite3.h>

#include <atomic>

namespace meeloop::test {

class FaultVfs {
 public:
  enum class Mode { None, DiskFull, ReadOnly };

  FaultVfs();
  ~FaultVfs();
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  void set(Mode m) { mode_ = m; }
  Mode mode() const { return mode_; }
  int failed_writes() const { return failed_; }  // proof that the fault was really hit

  // Called by the wrapped files: the error a write gets now, or SQLITE_OK.
  int write_fault();

  sqlite3_vfs* real() const { return real_; }

 private:
  sqlite3_vfs vfs_{};
  sqlite3_vfs* real_ = nullptr;
  std::atomic<Mode> mode_{Mode::None};
  std::atomic<int> failed_{0};
};

}  // namespace meeloop::test
