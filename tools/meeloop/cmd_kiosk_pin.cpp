// `meeloop kiosk-pin [--db PATH] [--settings FILE]`: the operator's set-up step for the
// recruiter view. The PIN is chosen on the laptop, never on the visitor's screen: typed without
// echo and asked twice on a terminal, or read as one line from a pipe (scripts, tests). Only its
// salted Argon2id hash is stored, in kiosk-settings.json beside the database (mode 0600).
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "core/paths.h"
#include "ui/kiosk_settings.h"

namespace meeloop::cli {
namespace {

// Switches the terminal's echo off for its lifetime (the newline still shows, so the next
// prompt starts on a line of its own).
class NoEcho {
 public:
  explicit NoEcho(int fd) : fd_(fd) {
    active_ = ::tcgetattr(fd_, &saved_) == 0;
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(fd_, TCSAFLUSH, &quiet);
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

// A PIN in memory, wiped when it goes.
struct Secret {
  std::string text;
  ~Secret() { explicit_bzero(text.data(), text.size()); }
};

// One line of standard input without its line end. A line longer than the buffer comes back
// as its first 63 characters, which no PIN rule accepts, so it is refused rather than cut.
Secret read_pin_line(const char* prompt, bool terminal) {
  if (terminal) {
    std::fputs(prompt, stderr);
    std::fflush(stderr);
  }
  char buf[64] = {};
  bool got = false;
  {
    NoEcho quiet(terminal ? STDIN_FILENO : -1);
    got = std::fgets(buf, sizeof buf, stdin) != nullptr;
  }
  Secret s;
  size_t n = got ? std::strlen(buf) : 0;
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) --n;
  s.text.assign(buf, n);
  explicit_bzero(buf, sizeof buf);
  if (s.text.empty())
    throw ErrorException(bad_input("", "", "no PIN given: type one when asked, or pipe it in (one line)"));
  return s;
}

}  // namespace

int cmd_kiosk_pin(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::optional<std::string> db = args.option("--db");
  std::optional<std::string> file = args.option("--settings");
  args.expect_consumed();
  if (!args.positionals().empty())
    throw ErrorException(bad_input("", "", "kiosk-pin takes no PIN on the command line (it would stay in the "
                                           "shell history): type it when asked, or pipe it in"));
  const std::filesystem::path settings_path =
      file ? std::filesystem::path(*file)
           : ui::KioskSettings::default_path(db ? std::filesystem::path(*db) : ensure_database_folder(ctx.settings.paths));
  ui::KioskSettings settings = value_or_throw(ui::KioskSettings::load(settings_path));
  const bool had_pin = settings.has_pin();

  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  Secret pin = read_pin_line("New recruiter PIN (6 to 12 digits): ", terminal);
  value_or_throw(ui::KioskSettings::check_pin_rules(pin.text));
  if (terminal) {
    Secret again = read_pin_line("The same PIN once more: ", terminal);
    if (again.text != pin.text)
      throw ErrorException(bad_input("", "", "the two PINs differ; nothing was changed"));
  }
  value_or_throw(settings.set_pin(pin.text));
  std::printf("Recruiter PIN %s: only a salted Argon2id hash is stored, in %s (readable by you only).\n"
              "Wrong tries and any wait are cleared. The kiosk asks for this PIN at F3.\n",
              had_pin ? "changed" : "set", settings_path.c_str());
  return 0;
}

}  // namespace meeloop::cli
