#include "core/files.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace meeloop {
namespace {

// Closes a POSIX descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // close() can report a deferred write error (NFS, quota); callers that write check it.
  bool close_checked() {
    int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

// What a non-regular file is, in the words of an error message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "a special file";
}

std::string random_suffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 12; ++i) s += kAlphabet[rd() % (sizeof(kAlphabet) - 1)];
  return s;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = ENOSPC;
    if (n <= 0) return false;
    bytes.remove_prefix(size_t(n));
  }
  return true;
}

Status fsync_folder(const fs::path& folder) {
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0)
    return failure("cannot flush the folder to disk: " + errno_text(), folder.string());
  return Ok{};
}

// A target is replaced only when it is a regular file (or absent): renaming over a device, a
// FIFO or a link would replace that with a plain file (`--out /dev/null` run as root).
Status check_target(const fs::path& target) {
  if (target.empty() || !target.has_filename())
    return bad_input(target.string(), "", "names no file (a file name is needed, not a folder)");
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return bad_input(target.string(), "",
                     std::string("exists and is ") + kind_of(st.st_mode) +
                         ", not a regular file; refusing to replace it: choose another file name");
  return Ok{};
}

Error cannot_create(const fs::path& target, int err) {
  const std::string why = std::strerror(err);
  // A folder that is not there is the person's path, not a broken disk.
  if (err == ENOENT || err == ENOTDIR)
    return bad_input(target.string(), "", "cannot write here: the folder does not exist (" + why + ")");
  return failure("cannot create a file in this folder: " + why, target.string());
}

}  // namespace

Status write_file_atomically(const fs::path& target, std::string_view bytes, unsigned mode) {
  MEELOOP_RETURN_IF_ERROR(check_target(target));
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Short enough that the temp name stays under NAME_MAX even for a long target name.
  const std::string stem = "." + target.filename().string().substr(0, 200) + ".";
  fs::path tmp;
  Fd fd;
  for (int attempt = 0; attempt < 16 && fd.get() < 0; ++attempt) {
    tmp = folder / (stem + random_suffix() + ".tmp");
    fd.reset(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777));
    if (fd.get() < 0 && errno != EEXIST) return cannot_create(target, errno);
  }
  if (fd.get() < 0) return failure("cannot create a unique temporary file", target.string());
  auto discard = [&](Error e) {
    fd.reset();
    ::unlink(tmp.c_str());
    return e;
  };
  // The umask may have narrowed `mode` at creation; this sets exactly `mode`, never wider.
  if (::fchmod(fd.get(), mode & 07777) != 0)
    return discard(failure("cannot set the file's permissions: " + errno_text(), target.string()));
  if (!write_all(fd.get(), bytes))
    return discard(failure("writing failed (disk full?): " + errno_text(), target.string()));
  if (::fsync(fd.get()) != 0)
    return discard(failure("cannot flush the file to disk: " + errno_text(), target.string()));
  if (!fd.close_checked())
    return discard(failure("closing the file failed: " + errno_text(), target.string()));
  // Checked again: the target may have been swapped for a device or link while we wrote.
  if (auto st = check_target(target); !st) return discard(st.error());
  if (::rename(tmp.c_str(), target.c_str()) != 0)
    return discard(failure("cannot move the finished file into place: " + errno_text(),
                           target.string()));
  return fsync_folder(folder);
}

Result<std::string> read_regular_file(const fs::path& path, size_t max_bytes,
                                      std::string_view what) {
  const std::string expected = "expected " + std::string(what);
  auto not_regular = [&](mode_t mode) {
    return bad_input(path.string(), "",
                     std::string("is ") + kind_of(mode) + ", not a regular file; " + expected);
  };
  // stat first, so a device is never even opened (opening some has side effects or blocks).
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return bad_input(path.string(), "", "cannot open (" + errno_text() + "); " + expected);
  if (!S_ISREG(st.st_mode)) return not_regular(st.st_mode);
  // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open does not wait for
  // a writer; the fstat below then refuses it.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0)
    return bad_input(path.string(), "", "cannot open (" + errno_text() + "); " + expected);
  if (::fstat(fd.get(), &st) != 0) return failure("cannot read: " + errno_text(), path.string());
  if (!S_ISREG(st.st_mode)) return not_regular(st.st_mode);
  auto too_big = [&](const std::string& size) {
    return bad_input(path.string(), "",
                     "file is " + size + "; at most " + std::to_string(max_bytes) +
                         " bytes are allowed for " + std::string(what));
  };
  if (uint64_t(st.st_size) > max_bytes) return too_big(std::to_string(st.st_size) + " bytes");
  std::string text;
  text.reserve(size_t(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failure("reading failed: " + errno_text(), path.string());
    if (n == 0) break;
    if (text.size() + size_t(n) > max_bytes) return too_big("growing past the limit while being read");
    text.append(buf, size_t(n));
  }
  return text;
}

Status create_private_file(const fs::path& path, unsigned mode) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777));
  if (fd.get() < 0) {
    if (errno == EEXIST) return Ok{};
    return failure("cannot create the file: " + errno_text(), path.string());
  }
  if (::fchmod(fd.get(), mode & 07777) != 0)
    return failure("cannot set the file's permissions: " + errno_text(), path.string());
  return Ok{};
}

}  // namespace meeloop
