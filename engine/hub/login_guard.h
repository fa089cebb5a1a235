#pragma once
// What every login on the hub shares, kiosks' device keys (device_auth.h) and recruiters'
// passwords (recruiter_auth.h) alike: a limit on wrong tries per client address, and a cache of
// secrets already verified, which spares a ~64 MiB Argon2id run on every request.
// Per process by design: a second hub process has its own counters and cache; nothing here is
// needed for correctness, so hub processes stay interchangeable.
#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace meeloop::hub {

// Past `max_failures` wrong tries from one address within `window`, every try from that address
// is refused until the window has passed, the right secret included, so the answer tells a
// guesser nothing.
class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  LoginLimiter(int max_failures, std::chrono::seconds window) : max_failures_(max_failures), window_(window) {}
  // Seconds to wait (at least 1) while `client` is limited; nullopt when it may try.
  std::optional<int> wait_s(const std::string& client, Clock::time_point now);
  void failed(const std::string& client, Clock::time_point now);

 private:
  struct Failures {
    int count = 0;
    Clock::time_point window_start;
  };
  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;  // by client address
};

// Remembers, per account (kiosk or recruiter id), a SHA-256 of the secret that verified against
// a given stored hash; a changed stored hash (a new password) misses, so only the current
// secret is ever let in from the cache.
class VerifiedSecrets {
 public:
  bool known(const std::string& account, const std::string& stored_hash, std::string_view secret);
  void remember(const std::string& account, const std::string& stored_hash, std::string_view secret);

 private:
  using Digest = std::array<unsigned char, 32>;
  std::mutex mutex_;
  std::unordered_map<std::string, Digest> verified_;
};

// "Basic base64(user:password)" split into user and password; false when malformed.
bool parse_basic_auth(std::string_view header, std::string& user, std::string& password);

// A copy of a secret (a device key, a password) that wipes itself when it goes.
struct SecretText {
  std::string text;
  SecretText() = default;
  SecretText(const SecretText&) = delete;
  SecretText& operator=(const SecretText&) = delete;
  ~SecretText();
};

}  // namespace meeloop::hub
