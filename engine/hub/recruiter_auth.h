#pragma once
// Who is asking, for the recruiters' routes (people_routes.h): HTTP Basic authentication of
// recruiter accounts (hub_store.h, RecruiterAccount) against their Argon2id password hashes.
// The outcome is a Recruiter value handed to every handler, never a global: issue 19's cookie
// sessions will make the same value from a session and call the same handlers.
//
// Wrong passwords (and unknown names) are counted per client address, as for kiosks
// (login_guard.h): past HubLimits::failed_logins within the window, every try from that address
// is 429 until the window has passed. A disabled account is refused like a wrong password. The
// account is read from the database on every request (so a disabled account or a new password
// counts at once, in every hub process); only the slow Argon2id check is cached per process.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "hub/hub_config.h"
#include "hub/login_guard.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub {

// An authenticated recruiter: what authorisation looks at. No name: the account id is what logs
// and the audit log record.
struct Recruiter {
  std::string account_id;
  std::string organisation;
  hub_store::Role role = hub_store::Role::Recruiter;
};

class RecruiterAuth {
 public:
  using Clock = LoginLimiter::Clock;
  enum class Outcome { Ok, Missing, Wrong, Limited, Unavailable };
  struct Answer {
    Outcome outcome = Outcome::Missing;
    std::optional<Recruiter> who;  // set when Ok
    int retry_after_s = 0;         // set when Limited
  };

  // `store` must outlive this object.
  RecruiterAuth(hub_store::HubStore& store, const HubLimits& limits);
  // `authorization` is the request's Authorization header (may be empty); `client` its address.
  // Unavailable: the database could not be asked (answer 503, count nothing).
  Answer check(std::string_view authorization, const std::string& client, Clock::time_point now = Clock::now());
  // The same from a name and password (a log-in form).
  Answer log_in(const std::string& name, std::string_view password, const std::string& client,
                Clock::time_point now = Clock::now());

 private:
  hub_store::HubStore& store_;
  LoginLimiter limiter_;
  VerifiedSecrets verified_;  // by account id
  std::once_flag decoy_once_;
  std::string decoy_hash_;    // verified against for unknown names (made on first use)
};

constexpr size_t kMinPasswordChars = 12;
// BadInput (naming no password) unless `password` may be a recruiter's: at least
// kMinPasswordChars characters, not on a small list of the most common ones (compared without
// case, spaces and trailing digits), not the account's own name.
Status check_new_password(std::string_view password, std::string_view account_name);
// The name rules of a recruiter account: 1 to 64 printable characters, no ':' (which would end
// the name in Basic auth) and no spaces. BadInput otherwise.
Status check_account_name(std::string_view name);

}  // namespace meeloop::hub
