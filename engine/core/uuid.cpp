#include "core/uuid.h"

#include <openssl/evp.h>

#include "core/error.h"

namespace meeloop {

Uuid uuid_v5(const Uuid& ns, std::string_view name) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, ns.data(), ns.size()) == 1 &&
            EVP_DigestUpdate(ctx, name.data(), name.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, digest, &size) == 1 && size >= 16;
  EVP_MD_CTX_free(ctx);
  if (!ok) throw ErrorException(failure("OpenSSL's libcrypto cannot compute SHA-1 (needed for UUIDs)"));
  Uuid id;
  for (size_t i = 0; i < id.size(); ++i) id[i] = digest[i];
  id[6] = uint8_t((id[6] & 0x0F) | 0x50);  // version 5
  id[8] = uint8_t((id[8] & 0x3F) | 0x80);  // variant 10 (RFC 9562)
  return id;
}

std::string format_uuid(const Uuid& id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[id[i] >> 4];
    out += kHex[id[i] & 0x0F];
  }
  return out;
}

}  // namespace meeloop
