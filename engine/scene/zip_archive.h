#pragma once
// Read-only access to a zip file (Sweet Home 3D .sh3f catalogs) through libzip.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

struct zip;

namespace meeloop::scene {

class ZipArchive {
 public:
  // Opens `path` for reading; a missing or corrupt file is a Failure naming it.
  static Result<ZipArchive> open(const std::filesystem::path& path);

  // Names of all entries, in archive order ("dir/", "dir/file.obj", ...).
  const std::vector<std::string>& names() const { return names_; }
  // Whole content of the entry called `name` (at most max_bytes), owned by the caller.
  Result<std::string> read(const std::string& name, size_t max_bytes = 64u << 20) const;
  // Writes every file entry whose name starts with `prefix` below `dest` (keeping the names'
  // folders). Names with ".." or absolute paths are refused (zip-slip). Returns files written.
  Result<int> extract_prefix(const std::string& prefix, const std::filesystem::path& dest) const;

 private:
  struct Closer {
    void operator()(zip* z) const;
  };
  std::string path_;
  std::shared_ptr<zip> zip_;
  std::vector<std::string> names_;
};

}  // namespace meeloop::scene
