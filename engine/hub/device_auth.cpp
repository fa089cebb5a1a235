#include "hub/device_auth.h"

#include "core/password_hash.h"

namespace meeloop::hub {

DeviceAuth::DeviceAuth(const HubConfig& config)
    : config_(config),
      limiter_(config.limits.failed_logins, std::chrono::seconds(config.limits.failed_login_window_s)) {}

DeviceAuth::Answer DeviceAuth::check(std::string_view authorization, const std::string& client,
                                     Clock::time_point now) {
  if (auto wait = limiter_.wait_s(client, now)) return {Outcome::Limited, nullptr, *wait};
  if (authorization.empty()) return {Outcome::Missing};
  std::string user;
  SecretText key;
  const KioskDevice* device = nullptr;
  if (parse_basic_auth(authorization, user, key.text)) device = config_.find_kiosk(user);
  bool right = false;
  if (device && !key.text.empty()) {
    right = verified_.known(device->id, device->key_hash, key.text);
    if (!right && verify_password(device->key_hash, key.text)) {
      right = true;
      verified_.remember(device->id, device->key_hash, key.text);
    }
  }
  if (right) return {Outcome::Ok, device};
  limiter_.failed(client, now);
  return {Outcome::Wrong};
}

}  // namespace meeloop::hub
