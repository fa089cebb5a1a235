#include "hub/login_guard.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace meeloop::hub {
namespace {

// Beyond this many addresses with recent failures, ended windows are dropped, so a flood from
// many addresses cannot grow the table without bound.
constexpr size_t kMaxTrackedClients = 10000;

// The secret is bound to the stored hash it verified against, so a new hash misses the cache.
std::array<unsigned char, 32> digest_of(const std::string& stored_hash, std::string_view secret) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
      EVP_DigestUpdate(ctx, stored_hash.data(), stored_hash.size()) == 1 &&
      EVP_DigestUpdate(ctx, "\n", 1) == 1 && EVP_DigestUpdate(ctx, secret.data(), secret.size()) == 1)
    EVP_DigestFinal_ex(ctx, out.data(), &len);
  EVP_MD_CTX_free(ctx);
  return out;
}

}  // namespace

SecretText::~SecretText() { OPENSSL_cleanse(text.data(), text.size()); }

std::optional<int> LoginLimiter::wait_s(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(client);
  if (it == failures_.end()) return std::nullopt;
  if (now - it->second.window_start >= window_) {
    failures_.erase(it);
    return std::nullopt;
  }
  if (it->second.count < max_failures_) return std::nullopt;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(it->second.window_start + window_ - now);
  return static_cast<int>(std::max<long long>(1, left.count()));
}

void LoginLimiter::failed(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxTrackedClients)
    std::erase_if(failures_, [&](const auto& f) { return now - f.second.window_start >= window_; });
  Failures& f = failures_[client];
  if (f.count == 0) f.window_start = now;
  ++f.count;
}

bool VerifiedSecrets::known(const std::string& account, const std::string& stored_hash, std::string_view secret) {
  const Digest d = digest_of(stored_hash, secret);
  std::lock_guard lock(mutex_);
  auto it = verified_.find(account);
  return it != verified_.end() && CRYPTO_memcmp(it->second.data(), d.data(), d.size()) == 0;
}

void VerifiedSecrets::remember(const std::string& account, const std::string& stored_hash, std::string_view secret) {
  const Digest d = digest_of(stored_hash, secret);
  std::lock_guard lock(mutex_);
  verified_[account] = d;
}

bool parse_basic_auth(std::string_view header, std::string& user, std::string& password) {
  constexpr std::string_view kScheme = "Basic ";
  if (header.size() <= kScheme.size() || header.size() > 4096) return false;
  for (size_t i = 0; i < kScheme.size() - 1; ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != std::tolower(static_cast<unsigned char>(kScheme[i])))
      return false;
  if (header[kScheme.size() - 1] != ' ') return false;
  std::string_view b64 = header.substr(kScheme.size());
  std::vector<unsigned char> decoded(b64.size() / 4 * 3 + 3);
  EVP_ENCODE_CTX* ctx = EVP_ENCODE_CTX_new();
  if (!ctx) return false;
  int len = 0, tail = 0;
  EVP_DecodeInit(ctx);
  int rc = EVP_DecodeUpdate(ctx, decoded.data(), &len, reinterpret_cast<const unsigned char*>(b64.data()),
                            static_cast<int>(b64.size()));
  if (rc >= 0) rc = EVP_DecodeFinal(ctx, decoded.data() + len, &tail);
  EVP_ENCODE_CTX_free(ctx);
  if (rc < 0) return false;
  std::string text(reinterpret_cast<const char*>(decoded.data()), static_cast<size_t>(len + tail));
  OPENSSL_cleanse(decoded.data(), decoded.size());
  size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  user = text.substr(0, colon);
  password = text.substr(colon + 1);
  OPENSSL_cleanse(text.data(), text.size());
  return true;
}

}  // namespace meeloop::hub
