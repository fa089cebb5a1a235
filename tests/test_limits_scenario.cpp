// Limits on scenarios and choices files (engine/scenario): counts a scene.json may ask for,
// the size of a choices file, and the run-time bound on one session's events.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"

using namespace meeloop;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// Loads a scenario whose steps are `steps` (a JSON array text) from a throw-away package.
Result<scenario::Scenario> load_steps(const std::string& steps) {
  std::random_device rd;
  fs::path dir = fs::temp_directory_path() / ("meeloop-limits-sc-" + std::to_string(rd()));
  fs::create_directories(dir / "locale");
  std::ofstream(dir / "scene.json") << R"({"scenario": {"id": "s", "version": "1", "title": "t", "start": "s0",
    "supervisor": {"name": "t", "hint": "t", "evidence": [{"dimension": "daring_to_ask", "weight": 1, "reason": "t"}]},
    "steps": )" << steps << R"(, "endings": [{"id": "end", "title": "t", "debrief": "t"}]}})";
  std::ofstream(dir / "locale/nl.json") << R"({"t": "tekst"})";
  scenario::LoadOptions opt;
  opt.dimensions = {"daring_to_ask"};
  opt.languages = {"nl"};
  auto r = scenario::load_scenario(dir, opt);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

std::string chain(int n) {  // s0 -> s1 -> ... -> end
  std::string s = "[";
  for (int i = 0; i < n; ++i)
    s += std::string(i ? "," : "") + R"({"id": "s)" + std::to_string(i) + R"(", "choices": [{"id": "go", "text": "t", "next": ")" +
         (i + 1 < n ? "s" + std::to_string(i + 1) : std::string("end")) + "\"}]}";
  return s + "]";
}

}  // namespace

TEST_CASE("a scenario with more steps than the limit is refused", "[limits]") {
  CHECK(load_steps(chain(500)));
  auto r = load_steps(chain(501));
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/scenario/steps");
  CHECK_THAT(r.error().message, Contains("too many steps: 501 (at most 500 are allowed)"));
}

TEST_CASE("a step with more options than the limit is refused", "[limits]") {
  std::string choices;
  for (int i = 0; i < 21; ++i)
    choices += std::string(i ? "," : "") + R"({"id": "c)" + std::to_string(i) + R"(", "text": "t", "next": "end"})";
  auto r = load_steps(R"([{"id": "s0", "choices": [)" + choices + "]}]");
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
