#pragma once
// HTTP Basic authentication of kiosk devices: the user name is the kiosk id, the password its
// device key, checked against the Argon2id hash in the hub's configuration. Wrong keys are
// counted per client address; past HubLimits::failed_logins within the window every request
// from that address is refused (429) until the window has passed, the right key included, so
// the answer tells a guesser nothing.
// Per process: the counters and the cache of keys already verified live in this object only
// (login_guard.h, shared with the recruiters' logins); hub processes stay interchangeable.
#include <chrono>
#include <string>
#include <string_view>

#include "hub/hub_config.h"
#include "hub/login_guard.h"

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
  const HubConfig& config_;
  LoginLimiter limiter_;
  VerifiedSecrets verified_;  // by kiosk id
};

}  // namespace meeloop::hub
