#pragma once
// Secrets a person types or a device presents (the kiosk's recruiter PIN, a kiosk's device key on
// the hub, later recruiters' passwords) are stored only as salted Argon2id hashes in libsodium's
// self-describing string form ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), so the cost
// settings travel with each hash and can be raised later without breaking old ones.
// A small library of its own (meeloop_password_hash), so only what stores secrets links libsodium.
#include <string>
#include <string_view>

#include "core/error.h"

namespace meeloop {

// A new salted Argon2id hash of `secret` at libsodium's interactive limits (about 64 MiB and well
// under a second: a kiosk stays responsive, while a stolen settings or config file still costs an
// attacker real work per guess). Failure only when libsodium cannot start or memory runs out.
Result<std::string> hash_password(std::string_view secret);

// True when `secret` matches `hash` (made by hash_password, or any Argon2 string libsodium
// reads); false for a wrong secret, an empty one, or a malformed hash. Compares in constant time.
bool verify_password(const std::string& hash, std::string_view secret);

// True for a string in the form hash_password writes ("$argon2id$..."): what a loader checks
// before accepting a stored hash, so a pasted plain key is refused instead of never matching.
bool is_password_hash(std::string_view text);

}  // namespace meeloop
