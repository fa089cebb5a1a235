// `meeloop lint <scene-dir>... [--format text|json]`: every problem of each scene package at
// once, as "file:line:col: error: /pointer: message [check]" lines or a JSON array for editors.
#include <algorithm>
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "lint/lint.h"

namespace meeloop::cli {

int cmd_lint(CommandContext& ctx) {
  Args args(ctx.args, {});
  const std::string format = args.option_or("--format", "text");
  args.expect_consumed();
  if (format != "text" && format != "json")
    throw ErrorException(bad_input("", "", "--format expects text or json, got \"" + format + "\""));
  if (args.positionals().empty())
    throw ErrorException(bad_input("", "", "name at least one scene folder, e.g. meeloop lint scenes/huiskamer"));
  scene::Catalog catalog = scene::Catalog::open(ctx.settings.paths.furniture_dirs, ctx.log);
  const auto options = value_or_throw(lint::default_options(&catalog, ctx.settings.paths.data_root));

  std::vector<lint::Problem> all;
  int unusable = 0, errors = 0, warnings = 0;
  std::vector<std::string> notes;
  for (const std::string& dir : args.positionals()) {
    auto report = lint::lint_scene(dir, options);
    if (!report) {
      std::fprintf(stderr, "%s: error: cannot lint this scene: %s\n", dir.c_str(), report.error().to_string().c_str());
      // An editor reading --format json must see why, not an empty array.
      all.push_back(lint::problem_from_error(report.error(), "unreadable", dir));
      ++unusable;
      continue;
    }
    for (const auto& n : report->notes)
      if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
    for (auto& p : report->problems) {
      (p.severity == lint::Severity::Error ? errors : warnings)++;
      if (format == "text") std::printf("%s\n", lint::format_problem(p).c_str());
      all.push_back(std::move(p));
    }
  }
  if (format == "json") std::printf("%s\n", lint::problems_to_json(all).dump(2).c_str());
  for (const auto& n : notes) std::fprintf(stderr, "note: %s\n", n.c_str());
  // The summary goes to stderr with --format json, so stdout stays one JSON document.
  FILE* summary = format == "json" ? stderr : stdout;
  size_t scenes = args.positionals().size();
  if (errors + warnings + unusable == 0)
    std::fprintf(summary, "%zu scene(s) checked: no problems found.\n", scenes);
  else
    std::fprintf(summary, "%zu scene(s) checked: %d error(s), %d warning(s)%s.\n", scenes, errors, warnings,
                 unusable ? (", " + std::to_string(unusable) + " scene(s) could not be read").c_str() : "");
  if (unusable) return 2;
  return errors + warnings > 0 ? 1 : 0;
}

}  // namespace meeloop::cli
