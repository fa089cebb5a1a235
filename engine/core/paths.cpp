#include "core/paths.h"

#include <sys/stat.h>

namespace meeloop {
namespace fs = std::filesystem;

fs::path ensure_database_folder(const Paths& paths) {
  // A failure here shows when the database is opened.
  fs::path prefix;
  for (const fs::path& part : paths.database.parent_path()) {
    prefix /= part;
    ::mkdir(prefix.c_str(), 0700);
  }
  return paths.database;
}

std::string version() { return MEELOOP_VERSION; }

}  // namespace meeloop
