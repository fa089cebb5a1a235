#pragma once
// HTTP Basic authentication of kiosk devices: the user name is the kiosk id, the password its
// device key, checked against the Argon2id hash in the hub's configuration. Wrong keys are
// counted per client address; past HubLimits::failed_logins within the window every request
// from that address is refused (429) until the window has passed, the right key included, so
// the answer tells a guesser nothing.
// Per process: the counters and the cache of keys already verified (which spares a ~64 MiB
// Argon2id run on every request) live in this object only. A second hub process has its own;
// nothing here is needed for correctness, so hub processes stay interchangeable.
#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "hub/hub_config.h"

namespace meeloop::hub {

class DeviceAuth {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Outcome { Ok, Missing, Wrong, Limited };
  struct Answer {
    Outcome outcome = Outcome::Missing;
    const KioskDevice* device = nullptr;  // set when Ok
    int retry_after_s = 0;                // set when Limited
  };

  explicit DeviceAuth(const HubConfig& config);
  // `authorization` is the request's Authorization header (may be empty); `client` its address.
  Answer check(std::string_view authorization, const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Failures {
    int count = 0;
    Clock::time_point window_start;
  };
  using Digest = std::array<unsigned char, 32>;

  const HubConfig& config_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;  // by client address
  std::unordered_map<std::string, Digest> verified_;    // by kiosk id: SHA-256 of the key that verified
};

// "Basic base64(user:password)" split into user and password; false when malformed.
bool parse_basic_auth(std::string_view header, std::string& user, std::string& password);

}  // namespace meeloop::hub
