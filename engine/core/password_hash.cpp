#include "core/password_hash.h"

#include <sodium.h>

namespace meeloop {
namespace {

// sodium_init is idempotent and thread-safe; calling it before each use keeps the helpers free
// of any set-up order.
bool sodium_ready() { return sodium_init() >= 0; }

}  // namespace

Result<std::string> hash_password(std::string_view secret) {
  if (!sodium_ready()) return failure("libsodium could not start (no random source?)");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return failure("hashing a secret failed (out of memory?)");
  return std::string(hash);
}

bool verify_password(const std::string& hash, std::string_view secret) {
  // Any Argon2 variant libsodium can check (a kiosk PIN set by an older libsodium may be argon2i).
  if (secret.empty() || hash.rfind("$argon2", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES || !sodium_ready())
    return false;
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

bool is_password_hash(std::string_view text) {
  return text.rfind("$argon2id$", 0) == 0 && text.size() < crypto_pwhash_STRBYTES;
}

}  // namespace meeloop
