#pragma once
// Where Meeloop finds its shipped files (scenes/, data/, assets/) and compiled shaders.
#include <filesystem>
#include <string>

namespace meeloop {

// Root holding scenes/, data/ and assets/: $MEELOOP_DATA_DIR, else the source tree it was built from.
std::filesystem::path data_root();
// Folder with the compiled *.spv files: $MEELOOP_SHADER_DIR, else <build>/shaders.
std::filesystem::path shader_dir();
// Writable per-user folder for caches (extracted catalog models): $MEELOOP_CACHE_DIR,
// else $XDG_CACHE_HOME/meeloop, else ~/.cache/meeloop. Created on demand.
std::filesystem::path cache_dir();
// The evidence database used when no --db is given: $MEELOOP_DB, else
// $XDG_DATA_HOME/meeloop/meeloop.db, else ~/.local/share/meeloop/meeloop.db. Folder created on demand.
std::filesystem::path default_database_path();
// Version string of this build, e.g. "0.1.0".
std::string version();

}  // namespace meeloop
