#pragma once
// Where Meeloop finds its shipped files (scenes/, data/, assets/) and compiled shaders, and
// where it keeps its own. The front end reads them once into Settings::paths (core/settings.h)
// and passes them down; new code takes a path as a parameter.
#include <filesystem>
#include <string>
#include <vector>

#include "core/settings.h"

namespace meeloop {

// Creates `paths.cache_dir` if missing and returns it.
std::filesystem::path ensure_cache_dir(const Paths& paths);
// Creates the folders of `paths.database` if missing, each 0700 (they hold the evidence of every
// person; folders that exist keep their mode), and returns the database file's path.
std::filesystem::path ensure_database_folder(const Paths& paths);

// Transitional: the same folders read from the process environment at each call, for the
// scene library, which is not handed Settings::paths yet (the mesh cache, the catalog's
// extraction folder, the scene loader's catalogs). Each reads only the variables of its own
// folder, as described for Settings in core/settings.h. Do not add callers.
std::filesystem::path cache_dir();  // created on demand
std::vector<std::filesystem::path> furniture_dirs();
// Version string of this build, e.g. "0.1.0".
std::string version();

}  // namespace meeloop
