#pragma once
// Reading and writing files safely. Every file Meeloop writes (exports, kiosk settings,
// reports, screenshots) goes through write_file_atomically, and every input a person names
// (choices files, scripts, scene texts) through read_regular_file, so a device, a FIFO, a
// folder or an endless file is refused instead of hanging or eating memory.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace meeloop {

// Writes `bytes` to `target` all or nothing: a temp file with a random name is created
// exclusively (O_EXCL, never following a link) in the target's folder with `mode`, written,
// fsynced, renamed over the target, and the folder fsynced. A target that exists and is not a
// regular file (a device, a folder, a symlink, a FIFO) is refused as BadInput, and so is a
// folder that does not exist; a disk that fails is a Failure. The temp file is removed on every
// failure path, so a failed write leaves nothing behind and the old target stays whole. Caches
// pass 0644; everything with a person's data keeps the default 0600.
Status write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                             unsigned mode = 0600);

// Reads a whole regular file of at most `max_bytes`. A missing file, a folder, a device or a
// FIFO (refused from its stat, never opened for reading), and a file larger than the limit
// (checked before reading and again while reading, so a file that grows cannot slip past) are
// BadInput errors naming the file; `what` says what the file should have been ("a choices
// file").
Result<std::string> read_regular_file(const std::filesystem::path& path, size_t max_bytes,
                                      std::string_view what = "a file");

// Creates an empty file with `mode` if it does not exist yet (O_CREAT|O_EXCL semantics; an
// existing file is left alone). Used to give a database its permissions before SQLite opens it.
Status create_private_file(const std::filesystem::path& path, unsigned mode = 0600);

}  // namespace meeloop
