#pragma once
// The kiosk's own settings file (JSON, next to the evidence database): the recruiter PIN as a
// salted Argon2id hash (core/password_hash.h; the PIN itself is never written), the
// count of wrong PIN tries and the time until which tries are refused (so a restart does not
// lift the wait), and the address a QR code on the end screen points to. Written through
// write_file_atomically (core/files.h): owner-only (0600) from the moment it exists.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace meeloop::ui {

class KioskSettings {
 public:
  using Clock = std::chrono::system_clock;
  static constexpr size_t kMinPinDigits = 6, kMaxPinDigits = 12;
  static constexpr int kTriesBeforeWait = 3;

  // Reads `file`; a missing file is a fresh kiosk (no PIN yet). A broken file is BadInput.
  static Result<KioskSettings> load(const std::filesystem::path& file);
  // <db folder>/kiosk-settings.json
  static std::filesystem::path default_path(const std::filesystem::path& db_path);
  // Ok for 6 to 12 digits; BadInput saying so otherwise.
  static Status check_pin_rules(std::string_view pin);

  bool has_pin() const { return !pin_hash_.empty(); }
  // Hashes and saves a new PIN and clears the wrong tries. Only the operator's set-up step
  // (`meeloop kiosk-pin`) calls this: the kiosk screen never sets a PIN.
  Status set_pin(const std::string& pin);

  enum class PinTry { Right, Wrong, Wait, NoPin };
  // One try at the PIN. Re-reads the file first (a PIN set while the kiosk runs), and saves a
  // wrong try (after kTriesBeforeWait in a row: a wait of 30 s, doubling up to 15 min) before
  // answering. While a wait lasts every try is Wait, the right PIN too, unchecked. A save that
  // fails is an error (the try still counts in memory).
  Result<PinTry> try_pin(const std::string& pin, Clock::time_point now = Clock::now());
  // Seconds until the next try is allowed; 0 when it is allowed now. Never shown as more than
  // the wait itself (a clock set back); `meeloop kiosk-pin` lifts any wait.
  double wait_seconds(Clock::time_point now = Clock::now()) const;
  int wrong_tries() const { return wrong_tries_; }
  // Re-reads the file. Wrong tries and the wait are kept when the file shows fewer for the
  // same PIN (a save that failed); a new PIN brings the file's state.
  Status reload();

  // What the end screen's QR code holds: report_url with {code} filled in, or just the code.
  std::string report_link(const std::string& code) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  Status save() const;
  bool verify(const std::string& pin) const;

  std::filesystem::path file_;
  std::string pin_hash_;
  std::string report_url_;
  int wrong_tries_ = 0;
  long long wait_until_ = 0;  // seconds since 1970 (UTC); 0: no wait
};

}  // namespace meeloop::ui
