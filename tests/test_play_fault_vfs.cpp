#include "test_play_fault_vfs.h"

#include <stdexcept>

namespace meeloop::test {
namespace {

// The wrapper file: our header, then the real VFS's file object right behind it.
struct File {
  sqlite3_file base;
  FaultVfs* owner;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File* of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
sqlite3_file* real(sqlite3_file* f) { return of(f)->real(); }
const sqlite3_io_methods& m(sqlite3_file* f) { return *real(f)->pMethods; }

int x_close(sqlite3_file* f) { return m(f).xClose(real(f)); }
int x_read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return m(f).xRead(real(f), p, n, off); }
int x_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (int rc = of(f)->owner->write_fault()) return rc;
  return m(f).xWrite(real(f), p, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = of(f)->owner->write_fault()) return rc == SQLITE_FULL ? rc : SQLITE_IOERR_TRUNCATE;
  return m(f).xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
  int rc = m(f).xSync(real(f), flags);
  if (rc != SQLITE_OK) return rc;
  return of(f)->owner->sync_fault();
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return m(f).xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int l) { return m(f).xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return m(f).xUnlock(real(f), l); }
int x_check_reserved(sqlite3_file* f, int* out) { return m(f).xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return m(f).xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return m(f).xSectorSize(real(f)); }
int x_device_chars(sqlite3_file* f) { return m(f).xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
  return m(f).xShmMap(real(f), pg, sz, extend, p);
}
int x_shm_lock(sqlite3_file* f, int off, int n, int flags) { return m(f).xShmLock(real(f), off, n, flags); }
void x_shm_barrier(sqlite3_file* f) { m(f).xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return m(f).xShmUnmap(real(f), del); }
// No memory-mapped I/O: every page goes through xRead/xWrite, where the faults are.
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** p) {
  *p = nullptr;
  return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {
    3,           x_close,        x_read,        x_write,          x_truncate,     x_sync,
    x_file_size, x_lock,         x_unlock,      x_check_reserved, x_file_control, x_sector_size,
    x_device_chars, x_shm_map,   x_shm_lock,    x_shm_barrier,    x_shm_unmap,    x_fetch,
    x_unfetch};

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  auto* owner = static_cast<FaultVfs*>(vfs->pAppData);
  File* file = of(f);
  file->owner = owner;
  int rc = owner->real()->xOpen(owner->real(), name, file->real(), flags, out_flags);
  // SQLite calls xClose only when pMethods is set, so leave it null after a failed open.
  file->base.pMethods = rc == SQLITE_OK ? &kMethods : nullptr;
  return rc;
}

sqlite3_vfs* real_of(sqlite3_vfs* vfs) { return static_cast<FaultVfs*>(vfs->pAppData)->real(); }
int x_delete(sqlite3_vfs* v, const char* n, int sync) { return real_of(v)->xDelete(real_of(v), n, sync); }
int x_access(sqlite3_vfs* v, const char* n, int flags, int* out) {
  return real_of(v)->xAccess(real_of(v), n, flags, out);
}
int x_full_pathname(sqlite3_vfs* v, const char* n, int size, char* out) {
  return real_of(v)->xFullPathname(real_of(v), n, size, out);
}
void* x_dl_open(sqlite3_vfs* v, const char* n) { return real_of(v)->xDlOpen(real_of(v), n); }
void x_dl_error(sqlite3_vfs* v, int n, char* msg) { real_of(v)->xDlError(real_of(v), n, msg); }
void (*x_dl_sym(sqlite3_vfs* v, void* h, const char* s))(void) { return real_of(v)->xDlSym(real_of(v), h, s); }
void x_dl_close(sqlite3_vfs* v, void* h) { real_of(v)->xDlClose(real_of(v), h); }
int x_randomness(sqlite3_vfs* v, int n, char* out) { return real_of(v)->xRandomness(real_of(v), n, out); }
int x_sleep(sqlite3_vfs* v, int us) { return real_of(v)->xSleep(real_of(v), us); }
int x_current_time(sqlite3_vfs* v, double* t) { return real_of(v)->xCurrentTime(real_of(v), t); }
int x_get_last_error(sqlite3_vfs* v, int n, char* s) { return real_of(v)->xGetLastError(real_of(v), n, s); }
int x_current_time_int64(sqlite3_vfs* v, sqlite3_int64* t) {
  return real_of(v)->xCurrentTimeInt64(real_of(v), t);
}

}  // namespace

FaultVfs::FaultVfs() {
  real_ = sqlite3_vfs_find("unix");
  if (!real_) throw std::runtime_error("no unix VFS");
  vfs_.iVersion = 2;
  vfs_.szOsFile = int(sizeof(File)) + real_->szOsFile;
  vfs_.mxPathname = real_->mxPathname;
  vfs_.zName = "meeloop-fault";
  vfs_.pAppData = this;
  vfs_.xOpen = x_open;
  vfs_.xDelete = x_delete;
  vfs_.xAccess = x_access;
  vfs_.xFullPathname = x_full_pathname;
  vfs_.xDlOpen = x_dl_open;
  vfs_.xDlError = x_dl_error;
  vfs_.xDlSym = x_dl_sym;
  vfs_.xDlClose = x_dl_close;
  vfs_.xRandomness = x_randomness;
  vfs_.xSleep = x_sleep;
  vfs_.xCurrentTime = x_current_time;
  vfs_.xGetLastError = x_get_last_error;
  vfs_.xCurrentTimeInt64 = x_current_time_int64;
  sqlite3_vfs_register(&vfs_, 1);
}

FaultVfs::~FaultVfs() { sqlite3_vfs_unregister(&vfs_); }

int FaultVfs::write_fault() {
  switch (mode_.load()) {
    case Mode::None: return SQLITE_OK;
    case Mode::DiskFull: ++failed_; return SQLITE_FULL;          // what unix VFS returns on ENOSPC
    case Mode::ReadOnly: ++failed_; return SQLITE_IOERR_WRITE;   // ... and on EROFS
    case Mode::SyncFails: return SQLITE_OK;
  }
  return SQLITE_OK;
}

int FaultVfs::sync_fault() {
  if (mode_.load() != Mode::SyncFails) return SQLITE_OK;
  ++failed_;
  return SQLITE_IOERR_FSYNC;  // what the unix VFS returns when fsync fails
}

}  // namespace meeloop::test
