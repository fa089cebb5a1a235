// The shipped scenes and the tutorial's scene: they lint clean, every branch of their scenario
// plays to an ending, and they conform to the JSON Schemas in docs/schema/ (what editors use).
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "test_lint_util.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> shipped_scenes() {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(test::source_dir() / "scenes"))
    if (fs::exists(e.path() / "scene.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

scenario::Scenario load(const fs::path& dir) {
  scenario::LoadOptions o;
  o.dimensions = profile::known_dimension_ids().value();
  auto sc = scenario::load_scenario(dir, o);
  if (!sc) FAIL(sc.error().to_string());
  return std::move(sc).value();
}

// Walks every path through a scenario depth first: every choice, every interaction and every
// timer running out. A state is the step with the options still open there; states already
// shown to end on every branch are not walked again, and a state already on the current path
// (a loop back) is not followed round a second time.
class Explorer {
 public:
  explicit Explorer(const scenario::Scenario& sc) : sc_(sc) {}
  std::set<std::string> endings;   // reached
  std::set<std::string> steps;     // visited
  std::vector<std::string> stuck;  // paths that end in a step with nothing to do
  size_t states = 0;

  void run() {
    scenario::Runtime rt(sc_, [](store::Event&) -> Status { return Ok{}; });
    std::vector<std::string> path;
    walk(rt, path);
  }

 private:
  bool walk(const scenario::Runtime& rt, std::vector<std::string>& path) {
    if (rt.finished()) {
      endings.insert(rt.ending()->id);
      return true;
    }
    const scenario::Step& step = *rt.step();
    steps.insert(step.id);
    std::string key = step.id;
    for (const auto& id : rt.option_ids()) key += "|" + id;
    if (done_.count(key) || on_path_.count(key)) return true;
    if (++states > 100000) {
      stuck.push_back("more than 100000 states: stopped exploring");
      return false;
    }
    auto ids = rt.option_ids();
    if (ids.empty() && !step.timer) {
      std::string p;
      for (const auto& s : path) p += s + " ";
      stuck.push_back("step " + step.id + " after: " + p);
      return false;
    }
    on_path_.insert(key);
    bool all = true;
    for (const auto& id : ids) {
      scenario::Runtime next = rt;
      REQUIRE(next.choose(id));
      path.push_back(id);
      all = walk(next, path) && all;
      path.pop_back();
    }
    if (step.timer) {
      scenario::Runtime next = rt;
      REQUIRE(next.tick(step.timer->seconds));
      REQUIRE(next.step() != rt.step());
      path.push_back("@wait");
      all = walk(next, path) && all;
      path.pop_back();
    }
    on_path_.erase(key);
    if (all) done_.insert(key);
    return all;
  }

  const scenario::Scenario& sc_;
  std::set<std::string> done_, on_path_;
};

void check_every_branch_ends(const fs::path& dir) {
  scenario::Scenario sc = load(dir);
  Explorer ex(sc);
  ex.run();
  INFO(dir.string() << ": " << ex.states << " states");
  for (const auto& s : ex.stuck) FAIL_CHECK("stuck: " << s);
  CHECK(ex.stuck.empty());
  for (const auto& st : sc.steps) CHECK(ex.steps.count(st.id));
  for (const auto& e : sc.endings) CHECK(ex.endings.count(e.id));
}

void check_lints_clean(const fs::path& dir) {
  auto report = lint::lint_scene(dir, test::lint_options());
  REQUIRE(report);
  INFO(dir.string() << ":\n" << test::describe(report->problems));
  CHECK(report->problems.empty());
}

// The files of the tutorial: every ```lang file=<path> block of docs/authoring.md, the last
// block of each path winning, written below `dir`.
std::map<std::string, std::string> tutorial_files(const fs::path& dir) {
  std::string md = test::read_text(test::source_dir() / "docs/authoring.md");
  std::map<std::string, std::string> files;
  std::regex open(R"(^```[A-Za-z]* +file=(\S+)\s*$)");
  std::istringstream in(md);
  std::string line, current, text;
  bool inside = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!inside && std::regex_match(line, m, open)) {
      inside = true;
      current = m[1];
      text.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      files[current] = text;
    } else if (inside) {
      text += line + "\n";
    }
  }
  for (const auto& [name, body] : files) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << body;
  }
  return files;
}

fs::path tutorial_dir() {
  fs::path dir = fs::temp_directory_path() / ("meeloop-tutorial-" + std::to_string(::getpid())) / "kamer_jansen";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  return dir;
}

// Runs `node tests/schema/validate-scenes.js <scene.json>...`; output explains any failure.
test::CliRun validate_against_schema(const std::vector<fs::path>& files) {
  std::string cmd = "node '" + (test::source_dir() / "tests/schema/validate-scenes.js").string() + "'";
  for (const auto& f : files) cmd += " '" + f.string() + "'";
  test::CliRun r;
  r.code = test::run_captured(cmd + " 2>&1", r.out);
  return r;
}

bool node_ready() { return fs::exists(test::source_dir() / "tests/xapi/node_modules/ajv"); }

}  // namespace

TEST_CASE("every shipped scene lints clean", "[lint]") {
  auto dirs = shipped_scenes();
  REQUIRE_FALSE(dirs.empty());
  for (const auto& dir : dirs) DYNAMIC_SECTION(dir.filename().string()) { check_lints_clean(dir); }
}

TEST_CASE("every branch of every shipped scene plays to an ending", "[lint]") {
  for (const auto& dir : shipped_scenes()) DYNAMIC_SECTION(dir.filename().string()) { check_every_branch_ends(dir); }
}

TEST_CASE("the tutorial's scene, assembled from docs/authoring.md, lints clean and plays to an ending", "[lint]") {
  fs::path dir = tutorial_dir();
  auto files = tutorial_files(dir);
  for (const char* name : {"scene.json", "locale/nl.json", "locale/en.json", "choices.txt"})
    REQUIRE(files.count(name));
  check_lints_clean(dir);
  check_every_branch_ends(dir);
  // The walk-through the tutorial plays headless reaches an ending too.
  scenario::Scenario sc = load(dir);
  auto script = scenario::read_choices_file(dir / "choices.txt");
  REQUIRE(script);
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  for (const auto& line : script->lines) {
    INFO("choices.txt:" << line.line);
    REQUIRE_FALSE(rt.finished());
    if (line.kind == scenario::ScriptLine::Kind::Choose) CHECK(rt.choose(line.id, line.seconds));
    else if (line.kind == scenario::ScriptLine::Kind::Wait) CHECK(rt.tick(*line.seconds));
    else CHECK(rt.ask_supervisor());
  }
  CHECK(rt.finished());
  fs::remove_all(dir.parent_path());
}

TEST_CASE("the shipped scenes and the tutorial's scene conform to docs/schema", "[lint]") {
  if (!node_ready()) FAIL("node tooling missing: run `npm ci --prefix tests/xapi` (tools/install-deps.sh does it)");
  fs::path dir = tutorial_dir();
  tutorial_files(dir);
  std::vector<fs::path> files{dir / "scene.json"};
  for (const auto& d : shipped_scenes()) files.push_back(d / "scene.json");
  auto run = validate_against_schema(files);
  INFO(run.out);
  CHECK(run.code == 0);
  // The schema is not a rubber stamp: a scene with a misspelt field fails it.
  auto bad = validate_against_schema({test::lint_data() / "schema/scene.json"});
  INFO(bad.out);
  CHECK(bad.code == 1);
  CHECK_THAT(bad.out, Catch::Contains("versoin"));
  fs::remove_all(dir.parent_path());
}
