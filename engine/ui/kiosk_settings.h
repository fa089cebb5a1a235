#pragma once
// The kiosk's own settings file (JSON, next to the evidence database): the recruiter PIN as a
// salted Argon2id hash (libsodium crypto_pwhash_str; the PIN itself is never written) and the
// address a QR code on the end screen points to. Written atomically with owner-only access.
#include <filesystem>
#include <string>

#include "core/error.h"

namespace meeloop::ui {

class KioskSettings {
 public:
  // Reads `file`; a missing file is a fresh kiosk (no PIN yet). A broken file is BadInput.
  static Result<KioskSettings> load(const std::filesystem::path& file);
  // <db folder>/kiosk-settings.json
  static std::filesystem::path default_path(const std::filesystem::path& db_path);

  bool has_pin() const { return !pin_hash_.empty(); }
  // Hashes and saves a new PIN (4-12 digits; BadInput otherwise).
  Status set_pin(const std::string& pin);
  bool check_pin(const std::string& pin) const;

  // What the end screen's QR code holds: report_url with {code} filled in, or just the code.
  std::string report_link(const std::string& code) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  Status save() const;

  std::filesystem::path file_;
  std::string pin_hash_;
  std::string report_url_;
};

}  // namespace meeloop::ui
