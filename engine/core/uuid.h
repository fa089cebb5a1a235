#pragma once
// Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace UUID and a name). The same name
// always gives the same UUID, so exporting twice yields the same ids; SHA-1 spreads similar
// names ("…|event|1|7", "…|event|1|8") evenly, where a fast non-cryptographic hash clusters.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace meeloop {

using Uuid = std::array<uint8_t, 16>;

// Meeloop's namespace for its name-based UUIDs (xAPI statement ids and registrations, an
// installation's local address): f2f30b8f-8b9a-40fc-a57d-f752135d03bb. Fixed forever; changing
// it would change every id Meeloop has ever exported.
inline constexpr Uuid kMeeloopNamespace = {0xf2, 0xf3, 0x0b, 0x8f, 0x8b, 0x9a, 0x40, 0xfc,
                                           0xa5, 0x7d, 0xf7, 0x52, 0x13, 0x5d, 0x03, 0xbb};

// The version-5 UUID of `name` in namespace `ns` (SHA-1 from OpenSSL's libcrypto). Throws
// ErrorException (a Failure) only when libcrypto cannot compute SHA-1 at all, which is a broken
// OpenSSL installation, not bad input.
Uuid uuid_v5(const Uuid& ns, std::string_view name);

// Lower-case 8-4-4-4-12 hex, e.g. "2ed6657d-e927-568b-95e1-2665a8aea6a2".
std::string format_uuid(const Uuid& id);

}  // namespace meeloop
