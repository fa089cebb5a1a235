#include "hub/recruiter_auth.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/password_hash.h"

namespace meeloop::hub {
namespace {

// The stems of the passwords people pick first, Dutch and English; a password that is one of
// them with capitals, spaces or digits and signs at the end is as easy to guess.
constexpr std::array<std::string_view, 40> kCommonStems = {
    "",          "password",   "passw0rd",     "wachtwoord", "wachtw00rd", "welkom",     "welcome",
    "qwerty",    "qwertyuiop", "azerty",       "azertyuiop", "asdfghjkl",  "letmein",    "iloveyou",
    "admin",     "administrator", "changeme",  "geheim",     "secret",     "zomer",      "winter",
    "lente",     "herfst",     "summer",       "meeloop",    "recruiter",  "zorg",       "zorggroep",
    "abc",       "abcdef",     "abcdefghijkl", "sunshine",   "monkey",     "dragon",     "football",
    "voetbal",   "trustno",    "master",       "hallo",      "hello"};

// Lower case without spaces, then without the digits and signs at its end.
std::string stem_of(std::string_view password) {
  std::string s;
  for (unsigned char c : password)
    if (!std::isspace(c)) s += static_cast<char>(std::tolower(c));
  while (!s.empty() && !std::isalpha(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

bool one_character_repeated(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return c == s.front(); });
}

std::string lower(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

Status check_new_password(std::string_view password, std::string_view account_name) {
  if (password.size() < kMinPasswordChars)
    return bad_input("", "", "a recruiter's password has at least " + std::to_string(kMinPasswordChars) +
                                 " characters (a short sentence is easy to remember)");
  const std::string stem = stem_of(password);
  if (one_character_repeated(password) ||
      std::find(kCommonStems.begin(), kCommonStems.end(), stem) != kCommonStems.end())
    return bad_input("", "", "this password is one of the most common ones; choose another (a short sentence works)");
  if (!account_name.empty() && lower(password).find(lower(account_name)) != std::string::npos)
    return bad_input("", "", "the password may not contain the account's name");
  return Ok{};
}

Status check_account_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return bad_input("", "", "an account name has 1 to 64 characters");
  for (unsigned char c : name)
    if (c < 0x21 || c == 0x7f || c == ':')
      return bad_input("", "", "an account name has no spaces, ':' or control characters");
  return Ok{};
}

RecruiterAuth::RecruiterAuth(hub_store::HubStore& store, const HubLimits& limits)
    : store_(store), limiter_(limits.failed_logins, std::chrono::seconds(limits.failed_login_window_s)) {}

RecruiterAuth::Answer RecruiterAuth::check(std::string_view authorization, const std::string& client,
                                           Clock::time_point now) {
  if (auto wait = limiter_.wait_s(client, now)) return {Outcome::Limited, std::nullopt, *wait};
  if (authorization.empty()) return {Outcome::Missing};
  std::string name;
  SecretText password;
  if (!parse_basic_auth(authorization, name, password.text)) {
    limiter_.failed(client, now);
    return {Outcome::Wrong};
  }
  return log_in(name, password.text, client, now);
}

RecruiterAuth::Answer RecruiterAuth::log_in(const std::string& name, std::string_view password,
                                            const std::string& client, Clock::time_point now) {
  if (auto wait = limiter_.wait_s(client, now)) return {Outcome::Limited, std::nullopt, *wait};
  using Found = Result<std::optional<hub_store::RecruiterAccount>>;
  Found account = name.empty() || name.size() > 256 ? Found(std::nullopt) : store_.recruiter_by_name(name);
  if (!account) return {Outcome::Unavailable};
  bool right = false;
  if (!*account || (*account)->disabled) {
    // As slow as a known name, so the time of the answer does not tell which names exist.
    std::call_once(decoy_once_, [this] {
      auto h = hash_password("meeloop-decoy-password");
      if (h) decoy_hash_ = *h;
    });
    (void)verify_password(decoy_hash_, password);
  } else if (!password.empty()) {
    const hub_store::RecruiterAccount& a = **account;
    right = verified_.known(a.id, a.password_hash, password);
    if (!right && verify_password(a.password_hash, password)) {
      right = true;
      verified_.remember(a.id, a.password_hash, password);
    }
  }
  if (!right) {
    limiter_.failed(client, now);
    return {Outcome::Wrong};
  }
  const hub_store::RecruiterAccount& a = **account;
  return {Outcome::Ok, Recruiter{a.id, a.organisation, a.role}};
}

}  // namespace meeloop::hub
