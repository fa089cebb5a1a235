#pragma once
// The kiosk's device key for the regional hub, as `meeloop sync --key` and `meeloop kiosk
// --hub-key / --hub-key-file` take it: "<kiosk-id>:<key>".
#include <filesystem>
#include <string>

#include "sync/sync_client.h"

namespace meeloop::cli {

// Splits `text` into o.device_id and o.device_key; throws BadInput naming `option` otherwise.
void set_device_key(const std::string& text, const std::string& option, sync::SyncOptions& o);

// The same from a file of one line: a regular file that only its owner may read (0600 or 0400),
// since a key in a file others can read is as good as published. Throws BadInput naming the file.
void read_device_key_file(const std::filesystem::path& file, const std::string& option, sync::SyncOptions& o);

}  // namespace meeloop::cli
