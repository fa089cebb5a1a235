#pragma once
// The choices file of `meeloop play --headless`: one decision per line, so a scenario can be
// played (and tested) without a screen.
//   # a comment            blank lines and "#" comments are ignored
//   offer_choice 4.5       take a choice or do an interaction, after 4.5 s (optional)
//   @help                  ask the work supervisor
//   @wait 30               let 30 s pass (a timer may run out)
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace meeloop::scenario {

struct ScriptLine {
  enum class Kind { Choose, Help, Wait };
  int line = 0;  // 1-based line number, for messages
  Kind kind = Kind::Choose;
  std::string id;                 // Choose: the choice or interaction id
  std::optional<double> seconds;  // Choose: decision time if given; Wait: the time to pass
};

struct Script {
  std::string file;  // as given, for messages
  std::vector<ScriptLine> lines;
};

// Reads a choices file; a malformed line is BadInput "file:line: what was expected".
Result<Script> read_choices_file(const std::filesystem::path& path);
// Same for text in memory; `file` names it in messages.
Result<Script> parse_choices(const std::string& text, std::string file);

}  // namespace meeloop::scenario
