#pragma once
// Where Meeloop finds its shipped files (scenes/, data/, assets/) and compiled shaders, and
// where it keeps its own. The front end reads them once into Settings::paths (core/settings.h)
// and passes them down; nothing below the front end reads the environment for a folder.
#include <filesystem>
#include <string>

#include "core/settings.h"

namespace meeloop {

// Creates the folders of `paths.database` if missing, each 0700 (they hold the evidence of every
// person; folders that exist keep their mode), and returns the database file's path.
std::filesystem::path ensure_database_folder(const Paths& paths);

// Version string of this build, e.g. "0.1.0".
std::string version();

}  // namespace meeloop
