#pragma once
// `meeloop lint`: checks a scene package (scene.json + locale/*.json) and reports every
// problem it finds at once, each with file, line:column, JSON pointer and a check id, so a
// trainer can fix a whole scene in one go and an editor can underline each problem.
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json_file.h"
#include "core/log.h"
#include "scene/catalog.h"

namespace meeloop::lint {

enum class Severity { Error, Warning };
std::string_view severity_name(Severity s);  // "error" | "warning"

struct Problem {
  std::string file;     // the file as reached from the scene folder given, e.g. scenes/x/scene.json
  int line = 0;         // 1-based; 0 when the problem concerns the whole file
  int column = 0;
  std::string pointer;  // JSON pointer into that file, empty for the whole file
  Severity severity = Severity::Error;
  std::string check;    // stable id, e.g. "unreachable-step"; docs/authoring.md lists them
  std::string message;  // plain language: what is wrong and how to fix it
};

struct Options {
  std::set<std::string> dimensions;  // known dimension ids; empty = not checked
  std::vector<std::string> languages{"nl", "en"};
  const scene::Catalog* catalog = nullptr;  // null or empty = catalog ids are not checked
};

struct Report {
  std::vector<Problem> problems;  // sorted by file, line, column
  std::vector<std::string> notes;  // checks that could not run (no catalog installed ...)
};

// Options with data/dimensions.json's ids and the given catalog (which the caller owns).
Result<Options> default_options(const scene::Catalog* catalog, const std::filesystem::path& data_root);

// Lints one scene folder. An Error (BadInput) only when the input is unusable: no scene.json,
// or a file that is not valid JSON. Everything else is a Problem in the report.
Result<Report> lint_scene(const std::filesystem::path& dir, const Options& options);

// "file:line:col: error: /pointer: message [check]", leaving out the empty parts.
std::string format_problem(const Problem& p);
// An Error as a problem of `check`, at its file (or `fallback_file` when it names none),
// line:col and pointer. lint_scene's own Error, for a scene it cannot read at all, becomes
// check "unreadable", so that `lint --format json` names the file instead of printing [].
Problem problem_from_error(const Error& e, std::string check = "unreadable", std::string fallback_file = "");
// {file, line, column, pointer, severity, check, message} for each problem, for editors.
Json problems_to_json(const std::vector<Problem>& problems);

}  // namespace meeloop::lint
