#include "scenario/choices_file.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "core/files.h"

namespace meeloop::scenario {
namespace {

// A choices file is typed by a tester; these bound what a mistaken or hostile one costs.
constexpr size_t kMaxChoicesBytes = 1u << 20;
constexpr int kMaxChoicesLines = 10000;

Error line_error(const std::string& file, int line, std::string message) {
  Error e = bad_input(file, "", std::move(message));
  e.location = std::to_string(line);
  return e;
}

std::optional<double> parse_seconds(const std::string& s) {
  try {
    size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v) || v < 0 || v > 3600) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool valid_id(const std::string& s) {
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '#')) return false;
  return !s.empty();
}

}  // namespace

Result<Script> parse_choices(const std::string& text, std::string file) {
  Script script{std::move(file), {}};
  if (text.size() > kMaxChoicesBytes)
    return bad_input(script.file, "", "choices file is " + std::to_string(text.size()) + " bytes; at most " +
                                          std::to_string(kMaxChoicesBytes) + " are allowed");
  std::istringstream in(text);
  std::string raw;
  for (int n = 1; std::getline(in, raw); ++n) {
    // "#" starts a comment at the start of a line or after a space (ids may contain '#').
    for (size_t i = 0; i < raw.size(); ++i)
      if (raw[i] == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(raw[i - 1])))) {
        raw.resize(i);
        break;
      }
    std::istringstream words(raw);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    if (n > kMaxChoicesLines)
      return line_error(script.file, n, "choices file has more than " + std::to_string(kMaxChoicesLines) +
                                            " lines; at most " + std::to_string(kMaxChoicesLines) + " are allowed");
    if (w.empty()) continue;
    ScriptLine line;
    line.line = n;
    if (w[0] == "@help") {
      if (w.size() != 1) return line_error(script.file, n, "@help takes nothing after it");
      line.kind = ScriptLine::Kind::Help;
    } else if (w[0] == "@wait") {
      line.kind = ScriptLine::Kind::Wait;
      if (w.size() != 2 || !(line.seconds = parse_seconds(w[1])) || *line.seconds == 0)
        return line_error(script.file, n, "expected \"@wait <seconds>\" with a number of seconds above 0 (at most 3600)");
    } else if (w[0][0] == '@') {
      return line_error(script.file, n, "unknown action \"" + w[0] + "\" (expected @help or @wait <seconds>)");
    } else {
      if (!valid_id(w[0]))
        return line_error(script.file, n, "\"" + w[0] + "\" is not an id (letters, digits and _ - . : # only)");
      if (w.size() > 2)
        return line_error(script.file, n, "expected \"<choice-or-interaction-id> [decision-seconds]\", found " +
                                              std::to_string(w.size()) + " words");
      line.id = w[0];
      if (w.size() == 2 && !(line.seconds = parse_seconds(w[1])))
        return line_error(script.file, n, "decision time \"" + w[1] + "\" is not a number of seconds from 0 to 3600");
    }
    script.lines.push_back(std::move(line));
  }
  return script;
}

Result<Script> read_choices_file(const std::filesystem::path& path) {
  // Limited while reading: `--choices /dev/zero` or a folder is refused, not read forever.
  MEELOOP_ASSIGN_OR_RETURN(std::string text, read_regular_file(path, kMaxChoicesBytes, "a choices file"));
  return parse_choices(text, path.string());
}

}  // namespace meeloop::scenario
