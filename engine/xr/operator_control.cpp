#include "xr/operator_control.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/files.h"

namespace meeloop::xr {

float OperatorControl::advance_fade(double seconds) {
  const float step = float(std::max(0.0, seconds) / kFadeSeconds);
  black_ = paused_ ? std::min(1.0f, black_ + step) : std::max(0.0f, black_ - step);
  return black_;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Error line_error(const std::string& file, int line, const std::string& message) {
  Error e = bad_input(file, "", message);
  e.location = std::to_string(line);
  return e;
}

}  // namespace

Result<OperatorScript> parse_operator_script(std::string_view text, const std::string& file) {
  OperatorScript script;
  script.file = file;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const size_t sp = line.find_first_of(" \t");
    const std::string_view time_text = line.substr(0, sp);
    const std::string_view word = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
    OperatorScript::Line l;
    const auto [end, ec] = std::from_chars(time_text.data(), time_text.data() + time_text.size(), l.seconds);
    if (ec != std::errc{} || end != time_text.data() + time_text.size() || !std::isfinite(l.seconds) || l.seconds < 0)
      return line_error(file, line_no, "expected \"<seconds> pause|resume|recentre\" with seconds >= 0, got \"" +
                                           std::string(line) + "\"");
    if (word == "pause") l.command = OperatorScript::Command::Pause;
    else if (word == "resume") l.command = OperatorScript::Command::Resume;
    else if (word == "recentre") l.command = OperatorScript::Command::Recentre;
    else
      return line_error(file, line_no, "expected pause, resume or recentre after the seconds, got \"" +
                                           std::string(word) + "\"");
    if (!script.lines.empty() && l.seconds < script.lines.back().seconds)
      return line_error(file, line_no, "lines must be in time order (" + std::string(time_text) + " s comes after " +
                                           std::to_string(script.lines.back().seconds) + " s)");
    script.lines.push_back(l);
  }
  return script;
}

Result<OperatorScript> load_operator_script(const std::filesystem::path& path) {
  // An operator script is a few timed lines; 256 KiB is thousands of them.
  constexpr size_t kMaxBytes = 256 * 1024;
  MEELOOP_ASSIGN_OR_RETURN(const std::string text, read_regular_file(path, kMaxBytes, "an operator script"));
  return parse_operator_script(text, path.string());
}

void OperatorScriptPlayer::apply_due(double seconds, OperatorControl& control) {
  // A small tolerance: display times are whole frames, and "2.0 pause" should fire at the
  // frame displayed at 2.0 s even when the sum of frame periods rounds just below it.
  for (; next_ < script_.lines.size() && script_.lines[next_].seconds <= seconds + 1e-6; ++next_) {
    switch (script_.lines[next_].command) {
      case OperatorScript::Command::Pause: control.pause(); break;
      case OperatorScript::Command::Resume: control.resume(); break;
      case OperatorScript::Command::Recentre: control.recentre(); break;
    }
  }
}

}  // namespace meeloop::xr
