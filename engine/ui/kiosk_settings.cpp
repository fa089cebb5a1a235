#include "ui/kiosk_settings.h"

#include <algorithm>
#include <cctype>

#include "core/files.h"
#include "core/json_file.h"
#include "core/password_hash.h"
#include "ui/ui_text.h"

namespace meeloop::ui {
namespace {

constexpr long long kFirstWaitSeconds = 30, kLongestWaitSeconds = 15 * 60;

// The wait after `tries` wrong tries in a row: none before kTriesBeforeWait, then 30 s,
// doubling with each further wrong try up to 15 minutes. Six digits at one try per 15 minutes
// take a guesser years, while a recruiter who mistypes twice waits not at all.
long long wait_after(int tries) {
  if (tries < KioskSettings::kTriesBeforeWait) return 0;
  long long wait = kFirstWaitSeconds;
  for (int i = KioskSettings::kTriesBeforeWait; i < tries && wait < kLongestWaitSeconds; ++i) wait *= 2;
  return std::min(wait, kLongestWaitSeconds);
}

long long unix_seconds(KioskSettings::Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<KioskSettings> KioskSettings::load(const std::filesystem::path& file) {
  KioskSettings s;
  s.file_ = file;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return s;
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  try {
    JsonView root = JsonView::root(doc);
    root.expect_object();
    root.expect_only({"$comment", "recruiter_pin_hash", "wrong_pin_tries", "pin_wait_until", "report_url"});
    s.pin_hash_ = root.string_or("recruiter_pin_hash", "");
    s.report_url_ = root.string_or("report_url", "");
    if (auto v = root.find("wrong_pin_tries")) s.wrong_tries_ = v->as_int(0, 1000000);
    if (auto v = root.find("pin_wait_until")) s.wait_until_ = static_cast<long long>(v->as_number(0, 1e12));
    if (!s.pin_hash_.empty() && s.pin_hash_.rfind("$argon2", 0) != 0)
      root.at("recruiter_pin_hash").fail("expected a hash written by Meeloop (starting with $argon2); "
                                         "set a new PIN with `meeloop kiosk-pin`");
  } catch (const ErrorException& e) {
    return e.error();
  }
  return s;
}

std::filesystem::path KioskSettings::default_path(const std::filesystem::path& db_path) {
  return db_path.parent_path() / "kiosk-settings.json";
}

Status KioskSettings::check_pin_rules(std::string_view pin) {
  if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits ||
      !std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c); }))
    return bad_input("", "", "a PIN is " + std::to_string(kMinPinDigits) + " to " + std::to_string(kMaxPinDigits) +
                                 " digits (0-9), nothing else");
  return Ok{};
}

Status KioskSettings::set_pin(const std::string& pin) {
  MEELOOP_RETURN_IF_ERROR(check_pin_rules(pin));
  MEELOOP_ASSIGN_OR_RETURN(std::string hash, hash_password(pin));
  KioskSettings old = *this;
  pin_hash_ = std::move(hash);
  wrong_tries_ = 0;
  wait_until_ = 0;
  if (auto st = save(); !st) {
    *this = std::move(old);
    return st;
  }
  return Ok{};
}

bool KioskSettings::verify(const std::string& pin) const {
  return verify_password(pin_hash_, pin);
}

double KioskSettings::wait_seconds(Clock::time_point now) const {
  long long left = wait_until_ - unix_seconds(now);
  return static_cast<double>(std::clamp(left, 0LL, wait_after(wrong_tries_)));
}

Result<KioskSettings::PinTry> KioskSettings::try_pin(const std::string& pin, Clock::time_point now) {
  MEELOOP_RETURN_IF_ERROR(reload());
  if (!has_pin()) return PinTry::NoPin;
  if (wait_seconds(now) > 0) return PinTry::Wait;
  if (verify(pin)) {
    if (wrong_tries_ > 0 || wait_until_ > 0) {
      wrong_tries_ = 0;
      wait_until_ = 0;
      // The right PIN opens even when the reset cannot be saved; the next wrong try then
      // simply waits sooner.
      (void)save();
    }
    return PinTry::Right;
  }
  ++wrong_tries_;
  if (long long wait = wait_after(wrong_tries_); wait > 0) wait_until_ = unix_seconds(now) + wait;
  MEELOOP_RETURN_IF_ERROR(save());
  return PinTry::Wrong;
}

Status KioskSettings::reload() {
  MEELOOP_ASSIGN_OR_RETURN(KioskSettings f, load(file_));
  if (f.pin_hash_ == pin_hash_) {
    f.wrong_tries_ = std::max(f.wrong_tries_, wrong_tries_);
    f.wait_until_ = std::max(f.wait_until_, wait_until_);
  }
  *this = std::move(f);
  return Ok{};
}

std::string KioskSettings::report_link(const std::string& code) const {
  if (report_url_.empty()) return code;
  return fill(report_url_, {{"code", code}});
}

Status KioskSettings::save() const {
  Json j = Json::object();
  j["$comment"] = "Meeloop kiosk settings. The recruiter PIN is stored only as a salted hash; set or "
                  "change it with `meeloop kiosk-pin` (that also lifts a wait after wrong tries).";
  if (!pin_hash_.empty()) j["recruiter_pin_hash"] = pin_hash_;
  if (wrong_tries_ > 0) j["wrong_pin_tries"] = wrong_tries_;
  if (wait_until_ > 0) j["pin_wait_until"] = wait_until_;
  if (!report_url_.empty()) j["report_url"] = report_url_;
  std::error_code ec;
  std::filesystem::create_directories(file_.parent_path(), ec);
  return write_file_atomically(file_, j.dump(2) + "\n", 0600);
}

}  // namespace meeloop::ui
