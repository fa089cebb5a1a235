#pragma once
// An SQLite VFS for tests that wraps the real one ("unix") and, on request, fails writes the way
// the operating system does: a full disk (ENOSPC: SQLITE_FULL), a file system that became
// read-only under the player (EROFS: SQLITE_IOERR_WRITE), or an fsync that fails after the data
// was written (EIO: SQLITE_IOERR_FSYNC), exactly as the unix VFS reports them.
// Root ignores file permissions, so chmod cannot make a read-only database in a test; this can.
// While alive it is the default VFS, so every connection the code under test opens uses it.
#include <sqlite3.h>

#include <atomic>

namespace meeloop::test {

class FaultVfs {
 public:
  // SyncFails: every write lands, but fsync reports EIO after really syncing (SQLITE_IOERR_FSYNC),
  // so SQLite is told a commit failed whose frames are already in the WAL file.
  enum class Mode { None, DiskFull, ReadOnly, SyncFails };

  FaultVfs();
  ~FaultVfs();
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  void set(Mode m) { mode_ = m; }
  Mode mode() const { return mode_; }
  int failed_writes() const { return failed_; }  // proof that the fault was really hit

  // Called by the wrapped files: the error a write gets now, or SQLITE_OK.
  int write_fault();
  // Called by the wrapped files after a real sync: the error the sync reports now, or SQLITE_OK.
  int sync_fault();

  sqlite3_vfs* real() const { return real_; }

 private:
  sqlite3_vfs vfs_{};
  sqlite3_vfs* real_ = nullptr;
  std::atomic<Mode> mode_{Mode::None};
  std::atomic<int> failed_{0};
};

}  // namespace meeloop::test
