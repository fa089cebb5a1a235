#include "hub/device_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/password_hash.h"

namespace meeloop::hub {
namespace {

// Beyond this many addresses with recent failures, ended windows are dropped, so a flood from
// many addresses cannot grow the table without bound.
constexpr size_t kMaxTrackedClients = 10000;

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

// Wipes a copy of a device key when it goes.
struct SecretText {
  std::string text;
  ~SecretText() { OPENSSL_cleanse(text.data(), text.size()); }
};

}  // namespace

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

DeviceAuth::DeviceAuth(const HubConfig& config) : config_(config) {}

DeviceAuth::Answer DeviceAuth::check(std::string_view authorization, const std::string& client,
                                     Clock::time_point now) {
  const auto window = std::chrono::seconds(config_.limits.failed_login_window_s);
  {
    std::lock_guard lock(mutex_);
    if (auto it = failures_.find(client); it != failures_.end()) {
      if (now - it->second.window_start >= window) {
        failures_.erase(it);
      } else if (it->second.count >= config_.limits.failed_logins) {
        auto left = std::chrono::duration_cast<std::chrono::seconds>(it->second.window_start + window - now);
        return {Outcome::Limited, nullptr, static_cast<int>(std::max<long long>(1, left.count()))};
      }
    }
  }
  if (authorization.empty()) return {Outcome::Missing};
  std::string user;
  SecretText key;
  const KioskDevice* device = nullptr;
  if (parse_basic_auth(authorization, user, key.text)) device = config_.find_kiosk(user);
  bool right = false;
  if (device && !key.text.empty()) {
    const auto digest = sha256(key.text);
    {
      std::lock_guard lock(mutex_);
      auto it = verified_.find(device->id);
      right = it != verified_.end() && CRYPTO_memcmp(it->second.data(), digest.data(), digest.size()) == 0;
    }
    if (!right && verify_password(device->key_hash, key.text)) {
      right = true;
      std::lock_guard lock(mutex_);
      verified_[device->id] = digest;
    }
  }
  if (right) return {Outcome::Ok, device};

  std::lock_guard lock(mutex_);
  if (failures_.size() >= kMaxTrackedClients) std::erase_if(failures_, [&](const auto& f) {
      return now - f.second.window_start >= window;
    });
  Failures& f = failures_[client];
  if (f.count == 0) f.window_start = now;
  ++f.count;
  return {Outcome::Wrong};
}

}  // namespace meeloop::hub
