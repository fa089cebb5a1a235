// Caps on what one file may ask for (scene layout, scenario, choices file, introduction rules):
// each refusal names the file and the JSON pointer of the array that is too long, and the
// largest allowed file still loads quickly (lookups are by map, not by scanning). Also the
// run-time bound on one session's events.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/json_file.h"
#include "profile/plan.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
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

TEST_CASE("a scene with more models than the cap is refused; the cap itself loads fast", "[limits]") {
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
