#include "ui/kiosk_settings.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "core/json_file.h"
#include "profile/exports.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

Result<KioskSettings> KioskSettings::load(const std::filesystem::path& file) {
  if (sodium_init() < 0) return failure("libsodium could not start (no random source?)");
  KioskSettings s;
  s.file_ = file;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return s;
  auto doc = read_json_file(file);
  if (!doc) return doc.error();
  try {
    JsonView root = JsonView::root(doc.value());
    root.expect_object();
    root.expect_only({"$comment", "recruiter_pin_hash", "report_url"});
    s.pin_hash_ = root.string_or("recruiter_pin_hash", "");
    s.report_url_ = root.string_or("report_url", "");
    if (!s.pin_hash_.empty() && s.pin_hash_.rfind("$argon2", 0) != 0)
      root.at("recruiter_pin_hash").fail("expected a hash written by Meeloop (starting with $argon2); "
                                         "remove the line to set a new PIN");
  } catch (const ErrorException& e) {
    return e.error();
  }
  return s;
}

std::filesystem::path KioskSettings::default_path(const std::filesystem::path& db_path) {
  return db_path.parent_path() / "kiosk-settings.json";
}

Status KioskSettings::set_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 12 ||
      !std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c); }))
    return bad_input("", "", "a PIN is 4 to 12 digits");
  char hash[crypto_pwhash_STRBYTES];
  // The interactive limits (~64 MiB, well under a second) keep the kiosk responsive while a
  // stolen settings file still costs an attacker real work per guess.
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return failure("hashing the PIN failed (out of memory?)");
  std::string old = pin_hash_;
  pin_hash_ = hash;
  if (auto st = save(); !st) {
    pin_hash_ = old;
    return st;
  }
  return Ok{};
}

bool KioskSettings::check_pin(const std::string& pin) const {
  if (pin_hash_.empty() || pin.empty()) return false;
  return crypto_pwhash_str_verify(pin_hash_.c_str(), pin.data(), pin.size()) == 0;
}

std::string KioskSettings::report_link(const std::string& code) const {
  if (report_url_.empty()) return code;
  return fill(report_url_, {{"code", code}});
}

Status KioskSettings::save() const {
  Json j = Json::object();
  j["$comment"] = "Meeloop kiosk settings. The recruiter PIN is stored only as a salted hash; "
                  "delete recruiter_pin_hash to set a new PIN at the next start.";
  j["recruiter_pin_hash"] = pin_hash_;
  if (!report_url_.empty()) j["report_url"] = report_url_;
  std::error_code ec;
  std::filesystem::create_directories(file_.parent_path(), ec);
  if (auto st = profile::write_file_atomically(file_, j.dump(2) + "\n"); !st) return st;
  std::filesystem::permissions(file_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace, ec);
  return Ok{};
}

}  // namespace meeloop::ui
