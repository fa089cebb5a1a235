#include "core/paths.h"

#include <sys/stat.h>

#include <cstdlib>

namespace meeloop {
namespace fs = std::filesystem;

namespace {
const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}
}  // namespace

fs::path data_root() {
  if (const char* v = env("MEELOOP_DATA_DIR")) return v;
  return MEELOOP_SOURCE_DIR;
}

fs::path shader_dir() {
  if (const char* v = env("MEELOOP_SHADER_DIR")) return v;
  return fs::path(MEELOOP_BINARY_DIR) / "shaders";
}

fs::path cache_dir() {
  fs::path dir;
  if (const char* v = env("MEELOOP_CACHE_DIR")) dir = v;
  else if (const char* x = env("XDG_CACHE_HOME")) dir = fs::path(x) / "meeloop";
  else if (const char* h = env("HOME")) dir = fs::path(h) / ".cache" / "meeloop";
  else dir = fs::temp_directory_path() / "meeloop-cache";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}

fs::path default_database_path() {
  if (const char* v = env("MEELOOP_DB")) return v;
  fs::path dir;
  if (const char* x = env("XDG_DATA_HOME")) dir = fs::path(x) / "meeloop";
  else if (const char* h = env("HOME")) dir = fs::path(h) / ".local" / "share" / "meeloop";
  else dir = fs::current_path() / "meeloop-data";
  // The folder holds the evidence of every person: only the owner may list it. Folders that
  // exist already keep their mode; a failure here shows when the database is opened.
  fs::path prefix;
  for (const fs::path& part : dir) {
    prefix /= part;
    ::mkdir(prefix.c_str(), 0700);
  }
  return dir / "meeloop.db";
}

std::string version() { return MEELOOP_VERSION; }

}  // namespace meeloop
