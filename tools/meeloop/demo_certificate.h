#pragma once
// Throwaway TLS material and device keys for hubs that live only as long as one command
// (`meeloop hub --demo`, `meeloop bench hub`), made with libcrypto itself, so neither needs the
// openssl command.
#include <filesystem>
#include <string>

#include "core/error.h"

namespace meeloop::cli {

// A self-signed certificate (P-256, 30 days) for 127.0.0.1 and localhost, and its key: what a
// client is told to trust (`--ca`). The key file is 0600; the key's PEM text is wiped from
// memory after writing.
Status write_demo_certificate(const std::filesystem::path& certificate, const std::filesystem::path& key_file);

// 24 random bytes as unpadded base64url: 32 characters that need no quoting in a shell and hold
// no ':' (which would end the kiosk id in Basic auth).
Result<std::string> random_device_key();

}  // namespace meeloop::cli
