// Scenario files with mistakes a trainer could make: each must be a clear BadInput error with
// file, line:col and JSON pointer (or locale file and key), never a crash. Also the choices
// file format and the shipped huiskamer scenario.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include <nlohmann/json.hpp>

#include "test_settings.h"
#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/scenario_loader.h"

using namespace meeloop;
using namespace meeloop::scenario;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path fixture() {
  const char* d = std::getenv("MEELOOP_TEST_DATA");
  return fs::path(d ? d : MEELOOP_TEST_DATA_FALLBACK) / "scenarios" / "tiny";
}

LoadOptions options() {
  LoadOptions o;
  o.dimensions = {"teamwork", "autonomy_dignity", "safety_hygiene", "communication",
                  "noticing_reporting", "daring_to_ask", "guidance_need"};
  return o;
}

json read(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

// Copies the fixture to a fresh folder, lets `edit` change scene.json (or the English locale),
// writes it back and loads it. The folder is named "tiny" too so scene ids match.
Error broken(const std::function<void(json& scene, json& en)>& edit) {
  fs::path dir = fs::temp_directory_path() / ("meeloop-scn-" + std::to_string(std::random_device{}())) / "tiny";
  fs::create_directories(dir / "locale");
  fs::copy(fixture() / "locale" / "nl.json", dir / "locale" / "nl.json");
  json scene = read(fixture() / "scene.json");
  json en = read(fixture() / "locale" / "en.json");
  edit(scene, en);
  std::ofstream(dir / "scene.json") << scene.dump(2);
  std::ofstream(dir / "locale" / "en.json") << en.dump(2);
  auto r = load_scenario(dir, options());
  fs::remove_all(dir.parent_path());
  if (r) FAIL("expected a load error");
  CHECK(r.error().kind == ErrorKind::BadInput);
  return r.error();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("an unknown next step is reported at its pointer with line and column", "[scenario]") {
  Error e = broken([](json& s, json&) { s["scenario"]["steps"][1]["choices"][0]["next"] = "end_nowhere"; });
  CHECK(e.pointer == "/scenario/steps/1/choices/0/next");
  CHECK_FALSE(e.location.empty());
  CHECK(contains(e.file, "scene.json"));
  CHECK(contains(e.message, "unknown step or ending \"end_nowhere\""));
  CHECK(contains(e.message, "end_calm"));
}

TEST_CASE("duplicate ids are rejected", "[scenario]") {
  Error step = broken([](json& s, json&) { s["scenario"]["endings"][0]["id"] = "room"; });
  CHECK(step.pointer == "/scenario/endings/0/id");
  CHECK(contains(step.message, "duplicate step or ending id \"room\""));
  Error item = broken([](json& s, json&) { s["scenario"]["steps"][1]["interactions"][0]["id"] = "ask_consent"; });
  CHECK(item.pointer == "/scenario/steps/1/interactions/0/id");
  CHECK(contains(item.message, "duplicate choice or interaction id"));
}

TEST_CASE("a missing text key names the locale file, the key and where it is used", "[scenario]") {
  Error e = broken([](json&, json& en) { en.erase("room.prompt"); });
  CHECK(contains(e.file, "locale/en.json"));
  CHECK(contains(e.message, "missing text key \"room.prompt\""));
  CHECK(contains(e.message, "/scenario/steps/1/prompt"));
  CHECK(contains(e.message, "scene.json:"));
  Error typo = broken([](json& s, json&) { s["scenario"]["steps"][0]["prompt"] = "door.promt"; });
  CHECK(contains(typo.file, "locale/"));
  CHECK(contains(typo.message, "\"door.promt\""));
}

TEST_CASE("a locale text that is not a string is reported in the locale file", "[scenario]") {
  Error e = broken([](json&, json& en) { en["title"] = 12; });
  CHECK(contains(e.file, "en.json"));
  CHECK(e.pointer == "/title");
}

TEST_CASE("evidence naming an unknown dimension is rejected", "[scenario]") {
  Error e = broken([](json& s, json&) {
    s["scenario"]["steps"][0]["choices"][0]["evidence"][0]["dimension"] = "kindness";
  });
  CHECK(e.pointer == "/scenario/steps/0/choices/0/evidence/0/dimension");
  CHECK(contains(e.message, "unknown dimension \"kindness\""));
  CHECK(contains(e.message, "autonomy_dignity"));
  Error w = broken([](json& s, json&) { s["scenario"]["steps"][0]["choices"][0]["evidence"][0]["weight"] = 0; });
  CHECK(contains(w.message, "weight of 0"));
}

TEST_CASE("objects and speakers must exist", "[scenario]") {
  Error obj = broken([](json& s, json&) { s["scenario"]["steps"][1]["interactions"][0]["object"] = "soap"; });
  CHECK(obj.pointer == "/scenario/steps/1/interactions/0/object");
  CHECK(contains(obj.message, "not the id of a model"));
  CHECK(contains(obj.message, "gloves"));
  Error verb = broken([](json& s, json&) { s["scenario"]["steps"][1]["interactions"][0]["verb"] = "wear"; });
  CHECK(contains(verb.message, "look_at, pick_up or use"));
  Error who = broken([](json& s, json&) { s["scenario"]["steps"][0]["lines"][0]["speaker"] = "jansens"; });
  CHECK(who.pointer == "/scenario/steps/0/lines/0/speaker");
  CHECK(contains(who.message, "characters: jansen"));
}

TEST_CASE("the graph must be reachable and lead to an ending", "[scenario]") {
  Error orphan = broken([](json& s, json&) {
    auto step = s["scenario"]["steps"][1];
    step["id"] = "corridor";
    s["scenario"]["steps"].push_back(step);
  });
  CHECK(orphan.pointer == "/scenario/steps/2/id");
  CHECK(contains(orphan.message, "\"corridor\" can never be reached"));
  Error stuck = broken([](json& s, json&) {
    auto& room = s["scenario"]["steps"][1];
    room["choices"] = json::array({{{"id", "wait"}, {"text", "room.ask"}, {"next", "room"}}});
    room["interactions"] = json::array();
  });
  CHECK(stuck.pointer == "/scenario/steps/0/id");  // the door only leads to the room
  CHECK(contains(stuck.message, "no ending can be reached from step \"door\""));
  CHECK(contains(stuck.message, "lead nowhere: door, room"));
}

TEST_CASE("misspelt fields and a supervisor who does not count are rejected", "[scenario]") {
  Error typo = broken([](json& s, json&) { s["scenario"]["steps"][0]["promt"] = "door.prompt"; });
  CHECK(typo.pointer == "/scenario/steps/0/promt");
  CHECK(contains(typo.message, "unknown field \"promt\""));
  Error sup = broken([](json& s, json&) {
    s["scenario"]["supervisor"]["evidence"][0]["weight"] = -1;
  });
  CHECK(sup.pointer == "/scenario/supervisor");
  CHECK(contains(sup.message, "daring_to_ask"));
  Error none = broken([](json& s, json&) { s.erase("scenario"); });
  CHECK(contains(none.message, "no \"scenario\""));
}

TEST_CASE("choices files: comments, actions and errors with line numbers", "[scenario]") {
  auto ok = parse_choices("# start\nknock 2.5   # polite\n\n@help\n@wait 12\nask_consent\n", "c.txt");
  REQUIRE(ok);
  REQUIRE(ok->lines.size() == 4);
  CHECK(ok->lines[0].id == "knock");
  CHECK(*ok->lines[0].seconds == 2.5);
  CHECK(ok->lines[0].line == 2);
  CHECK(ok->lines[1].kind == ScriptLine::Kind::Help);
  CHECK(ok->lines[2].kind == ScriptLine::Kind::Wait);
  CHECK(*ok->lines[2].seconds == 12);
  CHECK_FALSE(ok->lines[3].seconds);
  struct Bad { const char* text; const char* where; const char* says; };
  for (const Bad& b : {Bad{"knock\n@wait soon\n", "c.txt:2: ", "@wait <seconds>"},
                       Bad{"knock two\n", "c.txt:1: ", "decision time \"two\""},
                       Bad{"\n\nknock 1 2\n", "c.txt:3: ", "found 3 words"},
                       Bad{"@jump\n", "c.txt:1: ", "unknown action \"@jump\""},
                       Bad{"kn?ck\n", "c.txt:1: ", "not an id"},
                       Bad{"@help now\n", "c.txt:1: ", "@help takes nothing"},
                       Bad{"knock -1\n", "c.txt:1: ", "from 0 to 3600"}}) {
    auto r = parse_choices(b.text, "c.txt");
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::BadInput);
    CHECK(r.error().to_string().rfind(b.where, 0) == 0);
    CHECK(contains(r.error().message, b.says));
  }
  auto missing = read_choices_file("/nonexistent/choices.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().file == "/nonexistent/choices.txt");
}

TEST_CASE("the shipped huiskamer scenario loads with the real dimensions", "[scenario]") {
  fs::path dir = test::settings().paths.data_root / "scenes" / "huiskamer";
  auto dims = profile::known_dimension_ids(test::settings().paths.data_root / "data" / "dimensions.json");
  REQUIRE(dims);
  LoadOptions o;
  o.dimensions = dims.value();
  auto sc = load_scenario(dir, o);
  if (!sc) FAIL(sc.error().to_string());
  int decisions = 0;
  std::set<std::string> dims_used;
  for (const auto& st : sc->steps) {
    decisions += (st.choices.size() + st.interactions.size()) > 1 ? 1 : 0;
    for (const auto& c : st.choices)
      for (const auto& e : c.evidence) dims_used.insert(e.dimension);
  }
  CHECK(decisions >= 8);
  CHECK(dims_used.size() >= 8);
  CHECK(sc->endings.size() >= 2);
}
