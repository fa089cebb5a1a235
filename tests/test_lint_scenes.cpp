// The shipped scenes and the tutorial's scene: they lint clean, every branch of their scenario
// plays to an ending, and they conform to the JSON Schemas in docs/schema/ (what editors use).
// Also lint on what a scene package can get wrong as a whole: its size (checked before the
// graph), its folder name, numbers out of bounds, model files that do not import, repeated keys.
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
  o.dimensions = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root)).value();
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

namespace {

// A scene folder named `name` under a fresh temp folder, with the clean fixture's layout and a
// scenario of `n` steps in a row, the last leading to the ending or, as a loop, back to the first;
// each step's one choice gives evidence or (`with_evidence` false) draws a warning.
fs::path steps_in_a_row(const std::string& name, int n, bool loop, bool with_evidence = true) {
  fs::path dir = fs::temp_directory_path() / ("meeloop-lint-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir / "locale");
  Json scene = Json::parse(test::read_text(test::lint_data() / "clean/scene.json"));
  scene["id"] = name;
  Json& sc = scene["scenario"];
  sc["start"] = "s0";
  sc["characters"] = Json::array();
  sc["steps"] = Json::array();
  const Json evidence = Json::array({{{"dimension", "communication"}, {"weight", 1}, {"reason", "why.introduce"}}});
  for (int i = 0; i < n; ++i) {
    std::string next = i + 1 < n ? "s" + std::to_string(i + 1) : loop ? "s0" : "end_good";
    Json choice = {{"id", "go"}, {"text", "greet.introduce"}, {"next", next}};
    if (with_evidence) choice["evidence"] = evidence;
    sc["steps"].push_back({{"id", "s" + std::to_string(i)}, {"prompt", "greet.prompt"}, {"choices", Json::array({choice})}});
  }
  std::ofstream(dir / "scene.json") << scene.dump(1);
  for (const char* lang : {"nl", "en"}) {
    Json all = Json::parse(test::read_text(test::lint_data() / "clean/locale" / (std::string(lang) + ".json")));
    Json used;
    for (const char* key : {"scene.title", "object.table", "person.supervisor", "supervisor.hint", "why.asked",
                            "greet.prompt", "greet.introduce", "why.introduce", "end.title", "end.debrief"})
      used[key] = all.at(key);
    std::ofstream(dir / "locale" / (std::string(lang) + ".json")) << used.dump(1);
  }
  return dir;
}

std::map<std::string, int> count_checks(const std::vector<lint::Problem>& problems) {
  std::map<std::string, int> n;
  for (const auto& p : problems) ++n[p.check];
  return n;
}

lint::Report lint_dir(const fs::path& dir) {
  auto report = lint::lint_scene(dir, test::lint_options());
  if (!report) FAIL(report.error().to_string());
  return std::move(report).value();
}

const lint::Problem* at(const std::vector<lint::Problem>& ps, const std::string& check, const std::string& pointer) {
  for (const auto& p : ps)
    if (p.check == check && p.pointer == pointer) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("lint reports every step of a 480-step loop with no way out, from one linear pass over the graph", "[lint]") {
  // It took 16.6 s when the loop checks grew with the cube of the steps (no timing here: the
  // visits the shared analysis counts are checked in test_scenario_limits.cpp).
  fs::path dir = steps_in_a_row("loop480", 480, true);
  lint::Report report = lint_dir(dir);
  auto n = count_checks(report.problems);
  INFO(test::describe(std::vector<lint::Problem>(report.problems.begin(),
                                                 report.problems.begin() + std::min<std::ptrdiff_t>(3, report.problems.size()))));
  CHECK(n["no-way-out"] == 480);
  CHECK(n["unreachable-ending"] == 1);
  CHECK(report.problems.size() == 481);
  const lint::Problem* last = at(report.problems, "no-way-out", "/scenario/steps/479/id");
  REQUIRE(last);
  CHECK_THAT(last->message, Catch::Contains("(steps in the loop: s0, s1, s2,") && Catch::Contains(", s478, s479)"));
  fs::remove_all(dir.parent_path());
}

TEST_CASE("lint refuses a 20,000-step scenario by its size before any graph check", "[lint]") {
  // It took 146 s when the graph checks ran first; now the cap is reported and the rest of the
  // scenario skipped. Without evidence each choice would add a warning, 20,000 in all.
  fs::path dir = steps_in_a_row("chain20000", 20000, false, false);
  lint::Report report = lint_dir(dir);
  INFO(test::describe(report.problems));
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].check == "schema");
  CHECK(report.problems[0].pointer == "/scenario/steps");
  CHECK(report.problems[0].message == "too many steps: 20000 (at most 500 are allowed)");
  REQUIRE(report.notes.size() == 1);
  CHECK_THAT(report.notes[0], Catch::Contains("reachability, dead ends, loops and texts were not checked"));
  fs::remove_all(dir.parent_path());
}

TEST_CASE("lint reports a scene folder whose name differs from the scene's id", "[lint]") {
  auto ps = lint_dir(test::lint_data() / "scene-id").problems;
  INFO(test::describe(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].check == "scene-id");
  CHECK(ps[0].pointer == "/id");
  CHECK(ps[0].line == 3);
  CHECK(ps[0].column == 9);
  CHECK_THAT(ps[0].message, Catch::Contains("\"lint_base\"") && Catch::Contains("\"scene-id\""));
  // With a trailing slash the folder's name is still found.
  CHECK(lint_dir(test::lint_data() / "clean/").problems.empty());
}

TEST_CASE("lint reports positions, sizes, turns and directions beyond sane bounds", "[lint]") {
  auto ps = lint_dir(test::lint_data() / "out-of-range").problems;
  INFO(test::describe(ps));
  const lint::Problem* far = at(ps, "out-of-range", "/models/0/position");
  REQUIRE(far);
  CHECK(far->severity == lint::Severity::Error);
  CHECK(far->line == 7);
  CHECK_THAT(far->message, Catch::Contains("1e+308") && Catch::Contains("1000 metres"));
  for (const char* pointer : {"/models/0/size", "/models/1/rotation_y", "/lights/sun/direction",
                              "/lights/points/0/position", "/viewpoints/0/target"})
    CHECK(at(ps, "out-of-range", pointer));
  CHECK(count_checks(ps)["out-of-range"] == 6);
  CHECK_FALSE(at(ps, "out-of-range", "/viewpoints/0/position"));
}

TEST_CASE("lint imports each model file of the package and reports the ones that do not import", "[lint]") {
  auto ps = lint_dir(test::lint_data() / "model-import").problems;
  INFO(test::describe(ps));
  CHECK(count_checks(ps)["model-import"] == 3);
  for (const char* pointer : {"/models/2/model", "/models/3/model", "/models/4/model"}) {
    const lint::Problem* p = at(ps, "model-import", pointer);
    REQUIRE(p);
    CHECK(p->severity == lint::Severity::Error);
  }
  CHECK_THAT(at(ps, "model-import", "/models/2/model")->message,
             Catch::Contains("models/vase.obj") && Catch::Contains("vertex index out of range"));
  CHECK_THAT(at(ps, "model-import", "/models/3/model")->message, Catch::Contains("models/lamp.glb"));
}

TEST_CASE("a key repeated in a locale file makes the scene unreadable, named at the second key", "[lint]") {
  fs::path dir = test::lint_data() / "duplicate-key";
  auto report = lint::lint_scene(dir, test::lint_options());
  REQUIRE_FALSE(report);
  const Error& e = report.error();
  CHECK(e.kind == ErrorKind::BadInput);
  CHECK(e.file == (dir / "locale/nl.json").string());
  CHECK(e.pointer == "/greet.prompt");
  CHECK(e.location == "11:3");
  // What `lint --format json` prints for it: one problem object, not an empty array.
  lint::Problem p = lint::problem_from_error(e, "unreadable", dir.string());
  CHECK(p.file == e.file);
  CHECK(p.line == 11);
  CHECK(p.column == 3);
  CHECK(p.pointer == "/greet.prompt");
  CHECK(p.check == "unreadable");
  CHECK(p.severity == lint::Severity::Error);
  Json j = lint::problems_to_json({p});
  REQUIRE(j.size() == 1);
  CHECK(j[0]["check"] == "unreadable");
  CHECK(j[0]["line"] == 11);
  auto missing = lint::lint_scene(test::lint_data() / "unusable/no-scene-json", test::lint_options());
  REQUIRE_FALSE(missing);
  CHECK_FALSE(lint::problem_from_error(missing.error(), "unreadable", "x").file.empty());
}

TEST_CASE("no JSON file shipped under scenes, data or docs/schema repeats a key", "[lint]") {
  size_t files = 0;
  for (const char* top : {"scenes", "data", "docs/schema"})
    for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / top))
      if (e.is_regular_file() && e.path().extension() == ".json") {
        ++files;
        auto doc = read_json_file(e.path());
        INFO(e.path().string() << ": " << (doc ? std::string("read") : doc.error().to_string()));
        CHECK(doc);
      }
  CHECK(files > 10);
}

TEST_CASE("meeloop lint --format json names a scene it cannot read instead of printing an empty array", "[lint]") {
  struct Case {
    const char* scene;
    const char* file;  // the unreadable file, below the scene folder
    int line, column;
  };
  for (const Case& c : {Case{"unusable/invalid-json", "scene.json", 4, 1}, Case{"unusable/no-scene-json", "scene.json", 0, 0},
                        Case{"duplicate-key", "locale/nl.json", 11, 3}}) {
    DYNAMIC_SECTION(c.scene) {
      fs::path dir = test::lint_data() / c.scene;
      auto run = test::run_meeloop("lint --format json " + dir.string() + " 2>/dev/null");
      CHECK(run.code == 2);
      Json arr = Json::parse(run.out);
      REQUIRE(arr.is_array());
      REQUIRE(arr.size() == 1);
      CHECK(arr[0]["check"] == "unreadable");
      CHECK(arr[0]["severity"] == "error");
      CHECK(arr[0]["file"] == (dir / c.file).string());
      CHECK(arr[0]["line"] == c.line);
      CHECK(arr[0]["column"] == c.column);
    }
  }
  // Next to a readable scene, its problems and the unreadable one come in one array.
  auto both = test::run_meeloop("lint --format json " + (test::lint_data() / "scene-id").string() + " " +
                                (test::lint_data() / "unusable/invalid-json").string() + " 2>/dev/null");
  CHECK(both.code == 2);
  Json arr = Json::parse(both.out);
  REQUIRE(arr.size() == 2);
  CHECK(arr[0]["check"] == "scene-id");
  CHECK(arr[1]["check"] == "unreadable");
}

TEST_CASE("lint reports 50,000 unused locale keys at their lines from one scan of the locale file", "[lint]") {
  // Each problem's line:col used to come from a scan of the file from its start: 50,000 unused
  // keys (1.4 MB) took about 200 s. No timing here: this case finishing at all is the guard.
  fs::path dir = steps_in_a_row("unused50000", 1, false);
  const int unused = 50000;
  auto key = [](int i) { return "unused.key." + std::to_string(i); };
  Json used = Json::parse(test::read_text(dir / "locale/nl.json"));
  std::string text = "{\n";  // unused key i on line i + 2, the used ones after them
  for (int i = 0; i < unused; ++i) text += "  \"" + key(i) + "\": \"tekst\",\n";
  std::string rest = used.dump(1);
  text += rest.substr(rest.find('\n') + 1);
  std::ofstream(dir / "locale/nl.json") << text;
  lint::Report report = lint_dir(dir);
  INFO(test::describe(std::vector<lint::Problem>(report.problems.begin(),
                                                 report.problems.begin() + std::min<std::ptrdiff_t>(3, report.problems.size()))));
  CHECK(count_checks(report.problems)["unused-locale-key"] == unused);
  CHECK(report.problems.size() == size_t(unused));
  for (int i : {0, 1, 9999, 49999}) {
    const lint::Problem* p = at(report.problems, "unused-locale-key", "/" + key(i));
    REQUIRE(p);
    CHECK(p->file == (dir / "locale/nl.json").string());
    CHECK(p->line == i + 2);
    CHECK(p->column == int(key(i).size()) + 7);  // the value, after `  "key": `
  }
  fs::remove_all(dir.parent_path());
}
