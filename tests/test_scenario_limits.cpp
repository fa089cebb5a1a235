// Caps on what one file may ask for (scene layout, scenario, choices file, introduction rules):
// each refusal names the file and the JSON pointer of the array that is too long, and the
// largest allowed file still loads quickly (lookups are by map, not by scanning). The caps come
// before any other check, and the graph checks look at each step and link a bounded number of
// times. Also the run-time bound on one session's events.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "core/json_file.h"
#include "profile/plan.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_graph.h"
#include "scenario/scenario_limits.h"
#include "scenario/scenario_loader.h"
#include "scene/scene_file.h"

using namespace meeloop;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string repeat(int n, const std::function<std::string(int)>& item) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += (i ? "," : "") + item(i);
  return s + "]";
}

Result<scene::SceneFile> parse_scene(const std::string& room_extra, const std::string& rest) {
  auto doc = parse_json_text(R"({"format": "meeloop.scene/0", "id": "caps", "room": {"size": [30, 3, 30])" +
                                 room_extra + "}" + rest + "}",
                             "caps/scene.json");
  REQUIRE(doc);
  return scene::parse_scene_file(doc.value(), "caps");
}

std::string models(int n, bool stacked) {
  return repeat(n, [&](int i) {
    std::string on = stacked && i > 0 ? R"(, "on": "m)" + std::to_string(i - 1) + "\"" : "";
    return R"({"id": "m)" + std::to_string(i) + R"(", "model": "models/box.obj", "position": [1, 0, 1])" + on + "}";
  });
}

void check_refusal(const Error& e, const std::string& file, const std::string& pointer, const std::string& text) {
  INFO(e.to_string());
  CHECK(e.kind == ErrorKind::BadInput);
  CHECK_THAT(e.file, Contains(file));
  CHECK(e.pointer == pointer);
  CHECK_THAT(e.message, Contains(text));
}

// A throw-away scene package whose scenario member is `scenario` (JSON text).
Result<scenario::Scenario> load_scenario_text(const std::string& scenario) {
  fs::path dir = fs::temp_directory_path() / ("meeloop-caps-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir / "locale");
  std::ofstream(dir / "scene.json") << R"({"models": [{"id": "cup"}], "scenario": )" << scenario << "}";
  std::ofstream(dir / "locale/nl.json") << R"({"t": "tekst"})";
  scenario::LoadOptions opt;
  opt.dimensions = {"daring_to_ask"};
  opt.languages = {"nl"};
  auto r = scenario::load_scenario(dir, opt);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

std::string scenario_with(const std::string& characters, const std::string& steps) {
  return R"({"id": "s", "version": "1", "title": "t", "start": "s0", "characters": )" + characters +
         R"(, "supervisor": {"name": "t", "hint": "t", "evidence": [{"dimension": "daring_to_ask", "weight": 1, "reason": "t"}]},
    "steps": )" + steps + R"(, "endings": [{"id": "end", "title": "t", "debrief": "t"}]})";
}

// Step i of a chain of n steps (s0 -> s1 -> ... -> end), with `choices` choices each.
std::string step(int i, int n, int choices, const std::string& extra) {
  return R"({"id": "s)" + std::to_string(i) + R"(", "choices": )" + repeat(choices, [&](int c) {
           return R"({"id": "c)" + std::to_string(c) + R"(", "text": "t", "next": ")" +
                  (i + 1 < n ? "s" + std::to_string(i + 1) : std::string("end")) + "\"}";
         }) + extra + "}";
}

// A scenario whose steps are a chain of n steps with one choice each.
std::string chain(int n) {
  return scenario_with("[]", repeat(n, [&](int i) { return step(i, n, 1, ""); }));
}

std::string evidence(int n) {
  return repeat(n, [](int) { return std::string(R"({"dimension": "daring_to_ask", "weight": 1, "reason": "t"})"); });
}

}  // namespace

TEST_CASE("a scene with more models than the cap is refused, the cap itself loads fast", "[limits]") {
  const auto t0 = std::chrono::steady_clock::now();
  auto ok = parse_scene("", R"(, "models": )" + models(1000, true));
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(ok);
  CHECK(ok->models.size() == 1000);
  CHECK(s < 2.0);  // 1000 models each standing on the one before: no quadratic scan
  auto r = parse_scene("", R"(, "models": )" + models(1001, false));
  REQUIRE_FALSE(r);
  check_refusal(r.error(), "caps/scene.json", "/models", "too many models: 1001 (at most 1000 are allowed)");
  // "on" must still name an earlier model.
  auto later = parse_scene("", R"(, "models": [{"id": "a", "model": "x.obj", "on": "b"}, {"id": "b", "model": "x.obj"}])");
  REQUIRE_FALSE(later);
  check_refusal(later.error(), "caps/scene.json", "/models/0/on", "must name a model listed earlier");
}

TEST_CASE("openings, point lights and viewpoints have caps", "[limits]") {
  auto openings = parse_scene(R"(, "openings": )" + repeat(33, [](int i) {
                                return R"({"type": "window", "wall": "north", "center": )" +
                                       std::to_string(0.5 + i * 0.9) + R"(, "width": 0.4})";
                              }),
                              "");
  REQUIRE_FALSE(openings);
  check_refusal(openings.error(), "caps/scene.json", "/room/openings", "too many openings: 33 (at most 32");
  auto lights = parse_scene("", R"(, "lights": {"points": )" +
                                    repeat(65, [](int) { return std::string(R"({"position": [1, 2, 1]})"); }) + "}");
  REQUIRE_FALSE(lights);
  check_refusal(lights.error(), "caps/scene.json", "/lights/points", "too many point lights: 65 (at most 64");
  auto views = parse_scene("", R"(, "viewpoints": )" + repeat(65, [](int i) {
                                 return R"({"id": "v)" + std::to_string(i) +
                                        R"(", "position": [1, 1.6, 1], "target": [2, 1.6, 2]})";
                               }));
  REQUIRE_FALSE(views);
  check_refusal(views.error(), "caps/scene.json", "/viewpoints", "too many viewpoints: 65 (at most 64");
}

TEST_CASE("a scenario's choices, characters, lines and evidence have scene-wide caps", "[limits]") {
  // 101 steps of 20 choices: each step is within its own cap, the scene is not.
  auto many = load_scenario_text(scenario_with("[]", repeat(101, [&](int i) { return step(i, 101, 20, ""); })));
  REQUIRE_FALSE(many);
  check_refusal(many.error(), "scene.json", "/scenario/steps",
                "too many choices and interactions in this scenario: 2020 (at most 2000 are allowed in one scene)");
  CHECK(load_scenario_text(scenario_with("[]", repeat(100, [&](int i) { return step(i, 100, 20, ""); }))));

  auto chars = load_scenario_text(scenario_with(
      repeat(101, [](int i) { return R"({"id": "p)" + std::to_string(i) + R"(", "name": "t"})"; }),
      "[" + step(0, 1, 1, "") + "]"));
  REQUIRE_FALSE(chars);
  check_refusal(chars.error(), "scene.json", "/scenario/characters", "too many characters: 101 (at most 100");

  const std::string lines = R"(, "lines": )" + repeat(51, [](int) { return std::string(R"({"text": "t"})"); });
  auto talk = load_scenario_text(scenario_with("[]", "[" + step(0, 1, 1, lines) + "]"));
  REQUIRE_FALSE(talk);
  check_refusal(talk.error(), "scene.json", "/scenario/steps/0/lines", "too many lines in one step: 51 (at most 50");

  auto weighty = load_scenario_text(scenario_with(
      "[]", R"([{"id": "s0", "choices": [{"id": "c", "text": "t", "next": "end", "evidence": )" + evidence(21) + "}]}]"));
  REQUIRE_FALSE(weighty);
  check_refusal(weighty.error(), "scene.json", "/scenario/steps/0/choices/0/evidence",
                "too many evidence items: 21 (at most 20");
}

TEST_CASE("introduction rules: caps, and duplicates found by map", "[limits]") {
  auto rules_text = [](int elements, int rules, int conditions) {
    auto text = R"({"nl": "t", "en": "t"})";
    return R"({"format": "meeloop.intro_rules/1", "elements": )" + repeat(elements, [&](int i) {
             return R"({"id": "e)" + std::to_string(i) + R"(", "title": )" + text + R"(, "description": )" + text + "}";
           }) + R"(, "rules": )" + repeat(rules, [&](int i) {
             return R"({"id": "r)" + std::to_string(i) + R"(", "element": "e)" + std::to_string(i % elements) +
                    R"(", "when": )" + repeat(conditions, [](int) { return std::string(R"({"always": true})"); }) +
                    R"(, "reason": )" + text + "}";
           }) + "}";
  };
  profile::DimensionSet dims;
  const auto t0 = std::chrono::steady_clock::now();
  auto ok = profile::parse_intro_rules(rules_text(200, 1000, 1), "caps/intro_rules.json", dims);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(ok);
  CHECK(ok->rules.size() == 1000);
  CHECK(s < 2.0);
  auto elements = profile::parse_intro_rules(rules_text(201, 1, 1), "caps/intro_rules.json", dims);
  REQUIRE_FALSE(elements);
  check_refusal(elements.error(), "caps/intro_rules.json", "/elements", "too many elements: 201 (at most 200");
  auto rules = profile::parse_intro_rules(rules_text(2, 1001, 1), "caps/intro_rules.json", dims);
  REQUIRE_FALSE(rules);
  check_refusal(rules.error(), "caps/intro_rules.json", "/rules", "too many rules: 1001 (at most 1000");
  auto when = profile::parse_intro_rules(rules_text(2, 1, 21), "caps/intro_rules.json", dims);
  REQUIRE_FALSE(when);
  check_refusal(when.error(), "caps/intro_rules.json", "/rules/0/when", "too many conditions in one rule: 21");
  std::string dup = rules_text(2, 2, 1);
  dup.replace(dup.find("\"id\": \"r1\""), 10, "\"id\": \"r0\"");
  auto twice = profile::parse_intro_rules(dup, "caps/intro_rules.json", dims);
  REQUIRE_FALSE(twice);
  check_refusal(twice.error(), "caps/intro_rules.json", "/rules/1/id", "duplicate rule id \"r0\"");
}

TEST_CASE("a scenario with more steps than the limit is refused", "[limits]") {
  CHECK(load_scenario_text(chain(500)));
  auto r = load_scenario_text(chain(501));
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/scenario/steps");
  CHECK_THAT(r.error().message, Contains("too many steps: 501 (at most 500 are allowed)"));
}

TEST_CASE("a step with more options than the limit is refused", "[limits]") {
  auto r = load_scenario_text(scenario_with("[]", "[" + step(0, 1, 21, "") + "]"));
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/scenario/steps/0");
  CHECK_THAT(r.error().message, Contains("too many choices and interactions in one step: 21 (at most 20"));
}

TEST_CASE("a choices file over the size or line limit is refused", "[limits]") {
  auto big = scenario::parse_choices(std::string((1u << 20) + 1, ' '), "big.txt");
  REQUIRE_FALSE(big);
  CHECK_THAT(big.error().message, Contains("bytes; at most 1048576 are allowed"));
  std::string lines;
  for (int i = 0; i < 10001; ++i) lines += "knock\n";
  auto many = scenario::parse_choices(lines, "many.txt");
  REQUIRE_FALSE(many);
  CHECK_THAT(many.error().to_string(), Contains("many.txt:10001") && Contains("at most 10000 are allowed"));
}

TEST_CASE("a session that goes round a loop is bounded at run time", "[limits]") {
  // a <-> b with a way out: legal for lint, but a player could go round for ever.
  scenario::Scenario sc;
  sc.start = "a";
  sc.steps = {scenario::Step{"a", {}, "", "", {scenario::Choice{"go", "t", "b", {}}}, {}, {}},
              scenario::Step{"b", {}, "", "", {scenario::Choice{"back", "t", "a", {}}, scenario::Choice{"leave", "t", "end", {}}}, {}, {}}};
  sc.endings = {scenario::Ending{"end", "t", "t", {}}};
  int logged = 0;
  scenario::Runtime rt(sc, [&](store::Event&) -> Status { ++logged; return Ok{}; });
  Status st = Ok{};
  for (int i = 0; i < 10000 && st; ++i) st = rt.choose(rt.step()->id == "a" ? "go" : "back");
  REQUIRE_FALSE(st);
  CHECK(logged == 5000);
  CHECK_THAT(st.error().message, Contains("the most one session may log"));
}

TEST_CASE("a scenario over a scene-wide cap is refused before any other check", "[limits]") {
  // A misspelt field would be found first if the caps came later; over a cap, nothing else is read.
  std::string s = chain(501);
  s.insert(1, R"("versoin": "1", )");
  auto r = load_scenario_text(s);
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/scenario/steps");
  CHECK_THAT(r.error().message, Contains("too many steps: 501 (at most 500 are allowed)"));
  auto breach = scenario::scenario_over_limits(Json::parse(chain(20000)));
  REQUIRE(breach);
  CHECK(breach->pointer == "/scenario/steps");
  CHECK(breach->message == "too many steps: 20000 (at most 500 are allowed)");
  CHECK_FALSE(scenario::scenario_over_limits(Json::parse(chain(500))));
}

namespace {

// n steps in a row; the last leads to the one ending, or back to the first (a loop with no way out).
scenario::StepGraph row(size_t n, bool loop) {
  scenario::StepGraph g{n, 1, std::vector<std::vector<size_t>>(n)};
  for (size_t i = 0; i < n; ++i) g.next[i] = {i + 1 < n ? i + 1 : loop ? 0 : n};
  return g;
}

size_t links(const scenario::StepGraph& g) {
  size_t n = 0;
  for (const auto& l : g.next) n += l.size();
  return n;
}

}  // namespace

TEST_CASE("the graph analysis looks at each step and link a bounded number of times", "[limits]") {
  // The checks used to grow with the square of a chain and the cube of a loop; the analysis
  // counts its visits, which must stay within a small multiple of steps plus links. A 20,000-step
  // chain also shows that the strongly connected components need no deep recursion.
  for (auto [n, loop] : {std::pair<size_t, bool>{20000, false}, {480, true}, {20000, true}}) {
    INFO(n << (loop ? " steps in a loop" : " steps in a chain"));
    scenario::StepGraph g = row(n, loop);
    scenario::GraphFacts f = scenario::analyse_graph(g, 0);
    CHECK(f.visits <= 4 * (g.steps + g.endings + links(g)));
    CHECK(std::count(f.reached.begin(), f.reached.end(), true) == std::ptrdiff_t(loop ? n : n + 1));
    CHECK(std::count(f.finishes.begin(), f.finishes.end(), true) == std::ptrdiff_t(loop ? 0 : n));
    CHECK(std::count(f.on_loop.begin(), f.on_loop.end(), true) == std::ptrdiff_t(loop ? n : 0));
    CHECK(std::count(f.component.begin(), f.component.end(), f.component[0]) == std::ptrdiff_t(loop ? n : 1));
  }
}

TEST_CASE("the graph analysis tells loops, dead ends and the way out apart", "[limits]") {
  // 0 -> 1 <-> 2 (a loop with no way out), 0 -> 3 -> ending 7, 4 -> 4 (a loop of one, never reached),
  // 5 -> 6 (a dead end).
  scenario::StepGraph g{7, 1, {{1, 3}, {2}, {1}, {7}, {4}, {6}, {}}};
  scenario::GraphFacts f = scenario::analyse_graph(g, 0);
  CHECK(f.reached == std::vector<bool>{true, true, true, true, false, false, false, true});
  CHECK(f.finishes == std::vector<bool>{true, false, false, true, false, false, false});
  CHECK(f.into_dead_end == std::vector<bool>{false, false, false, false, false, true, true});
  CHECK(f.on_loop == std::vector<bool>{false, true, true, false, true, false, false});
  CHECK(f.component[1] == f.component[2]);
  std::set<size_t> distinct(f.component.begin(), f.component.end());
  CHECK(distinct.size() == 6);
}

TEST_CASE("a scene with a position, size or turn beyond sane bounds is refused when loaded", "[limits]") {
  // 1e308 used to become infinity in a float: a warning, then a scene that draws nothing.
  auto far = parse_scene("", R"(, "models": [{"id": "a", "model": "x.obj", "position": [1e308, 0, 1]}])");
  REQUIRE_FALSE(far);
  check_refusal(far.error(), "caps/scene.json", "/models/0/position", "from -1000 to 1000 metres from the room's corner, found 1e+308");
  auto turned = parse_scene("", R"(, "models": [{"id": "a", "model": "x.obj", "position": [1, 0, 1], "rotation_y": 7200}])");
  REQUIRE_FALSE(turned);
  check_refusal(turned.error(), "caps/scene.json", "/models/0/rotation_y", "from -360 to 360, found 7200");
  auto tall = parse_scene("", R"(, "models": [{"id": "a", "model": "sh3d:x#y", "position": [1, 0, 1], "size": [1, 500, 1]}])");
  REQUIRE_FALSE(tall);
  check_refusal(tall.error(), "caps/scene.json", "/models/0/size", "from -100 to 100 metres, found 500");
  auto room = parse_scene("", R"(, "viewpoints": [{"id": "v", "position": [1, 1.6, 1], "target": [1, 1.6, -5000]}])");
  REQUIRE_FALSE(room);
  check_refusal(room.error(), "caps/scene.json", "/viewpoints/0/target", "found -5000");
  auto lamp = parse_scene("", R"(, "lights": {"points": [{"position": [1, 2, 2000]}]})");
  REQUIRE_FALSE(lamp);
  check_refusal(lamp.error(), "caps/scene.json", "/lights/points/0/position", "found 2000");
  auto sun = parse_scene("", R"(, "lights": {"sun": {"direction": [0, -1e300, 1]}})");
  REQUIRE_FALSE(sun);
  check_refusal(sun.error(), "caps/scene.json", "/lights/sun/direction", "found -1e+300");
  // The bounds themselves still load.
  CHECK(parse_scene("", R"(, "models": [{"id": "a", "model": "x.obj", "position": [1000, 0, -1000], "rotation_y": -360}])"));
}
