#include "lint/lint.h"

#include <algorithm>
#include <tuple>

#include "lint/lint_context.h"
#include "core/package_path.h"
#include "lint/lint_package.h"
#include "profile/dimensions.h"
#include "scenario/scenario_limits.h"
#include "scenario/scenario_loader.h"
#include "scene/scene_file.h"

namespace meeloop::lint {
namespace fs = std::filesystem;
namespace {

// The loaders stop at their first problem. Turn it into a "schema" problem unless one of our
// own checks already reported the same thing (same file and pointer, or a missing text).
void add_loader_error(const Error& e, std::vector<Problem>& out) {
  bool text_error = e.message.rfind("missing text key", 0) == 0;
  for (const Problem& p : out) {
    if (p.file == e.file && p.pointer == e.pointer) return;
    if (text_error && (p.check == "missing-locale-key" || p.check == "locale-mismatch")) return;
  }
  out.push_back(problem_from_error(e, "schema"));
}

}  // namespace

std::string_view severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

Result<Options> default_options(const scene::Catalog* catalog, const fs::path& data_root) {
  Options o;
  MEELOOP_ASSIGN_OR_RETURN(o.dimensions, profile::known_dimension_ids(profile::default_dimensions_path(data_root)));
  o.catalog = catalog;
  return o;
}

Result<Report> lint_scene(const fs::path& dir, const Options& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return bad_input(dir.string(), "", "scene folder not found (expected a folder holding scene.json)");
  MEELOOP_RETURN_IF_ERROR(expect_inside_package(dir, "scene.json"));
  MEELOOP_ASSIGN_OR_RETURN(auto scene, read_json_file(dir / "scene.json"));
  Report report;
  std::vector<Problem>& out = report.problems;
  Context ctx{options, dir, scene, {}, out};
  for (const auto& lang : options.languages) {
    fs::path file = dir / "locale" / (lang + ".json");
    LocaleFile l{lang, file.string(), nullptr};
    if (Status in = expect_inside_package(dir, fs::path("locale") / (lang + ".json")); !in) {
      out.push_back(Problem{file.string(), 0, 0, "", Severity::Error, "outside-package", in.error().message});
    } else if (fs::exists(file, ec)) {
      // Not JSON at all: nothing sensible to check.
      MEELOOP_ASSIGN_OR_RETURN(l.doc, read_json_file(file));
    } else {
      out.push_back(Problem{file.string(), 0, 0, "", Severity::Error, "locale-file",
                            "the " + lang + " texts are missing: create " + file.string() +
                                " with a text for every key the scene uses"});
    }
    ctx.locales.push_back(std::move(l));
  }
  check_scene_id(ctx);
  check_layout(ctx, report.notes);
  check_bounds(ctx);
  check_model_imports(ctx);
  check_scenario(ctx);
  check_texts(ctx);
  if (const Json* sc = member(scene->root, "scenario"); sc && scenario::scenario_over_limits(*sc))
    report.notes.push_back("the scenario is larger than allowed, so its steps, their reachability, dead ends, "
                           "loops and texts were not checked: bring it within the limit first");
  // The loaders' first error catches what no collecting check looks at (types, unknown fields).
  if (auto file = scene::parse_scene_file(scene, dir); !file) add_loader_error(file.error(), out);
  bool has_scenario = scene->root.is_object() && scene->root.contains("scenario");
  if (!has_scenario) {
    ctx.add("", Severity::Warning, "no-scenario", "this scene has no \"scenario\": it can be rendered but not played");
  } else if (!options.dimensions.empty()) {
    scenario::LoadOptions lo;
    lo.dimensions = options.dimensions;
    lo.languages.clear();
    for (const auto& l : ctx.locales)
      if (l.doc) lo.languages.push_back(l.language);
    if (auto sc = scenario::load_scenario(dir, lo); !sc) add_loader_error(sc.error(), out);
  }
  std::stable_sort(out.begin(), out.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return report;
}

}  // namespace meeloop::lint
