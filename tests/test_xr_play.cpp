// Headset play through the headless OpenXR runtime (tools/xr-runtime), with the OpenXR core
// validation layer and Vulkan validation on: a scripted playthrough logs the same events as
// headless play, the runtime's lifecycle requests are obeyed, no runtime gives a clear exit.
#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>

#include "core/log.h"
#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/scenario_loader.h"
#include "test_xr_play_script.h"
#include "test_xr_play_util.h"

namespace meeloop::xrtest {
namespace {

// What the comparison looks at: everything but ids, wall time and decision seconds (the
// headset visitor's timing is frames, the choices file's is typed).
std::string describe(const store::Event& e) {
  std::string s = e.kind + " " + e.step_id + " " + e.item_id + (e.help_asked ? " (help asked)" : "") + " [";
  for (const auto& ev : e.evidence) s += ev.dimension + " " + std::to_string(ev.weight) + " " + ev.reason + "; ";
  return s + "]";
}

std::vector<std::string> describe_all(const std::vector<store::Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(describe(e));
  return out;
}

}  // namespace

TEST_CASE("the committed huiskamer XR script is what the generator makes from demo-visitor.txt", "[xr]") {
  const scenario::Scenario sc = huiskamer();
  auto choices = scenario::read_choices_file((source_dir() / "scenes/huiskamer/demo-visitor.txt").string());
  REQUIRE(choices);
  choices->file = "scenes/huiskamer/demo-visitor.txt";
  const nlohmann::json made = xr_script_for_choices(sc, *choices);
  const auto committed = source_dir() / "tests/data/xr/huiskamer-demo.json";
  if (std::getenv("MEELOOP_UPDATE_GOLDEN")) std::ofstream(committed) << made.dump(1) << "\n";
  REQUIRE(std::filesystem::exists(committed));
  CHECK(nlohmann::json::parse(read_text(committed)) == made);
}

TEST_CASE("a scripted headset playthrough of huiskamer logs the same events as headless play", "[xr][gpu]") {
  const auto dir = case_dir("huiskamer-demo");
  const std::string script = (source_dir() / "tests/data/xr/huiskamer-demo.json").string();
  const auto headless_db = dir / "headless.db", xr_db = dir / "xr.db";

  const RunResult headless = run_meeloop(dir, "play scenes/huiskamer --headless --choices scenes/huiskamer/demo-visitor.txt "
                                              "--participant new --consent yes --db '" + headless_db.string() + "'");
  INFO(headless.output);
  REQUIRE(headless.code == 0);
  const RunResult xr = run_meeloop(dir, "play scenes/huiskamer --xr --script '" + script +
                                        "' --participant new --consent yes --max-frames 3000 --db '" + xr_db.string() + "'");
  INFO(xr.output);
  REQUIRE(xr.code == 0);
  CHECK(xr.output.find("Session ended: the application asked to exit") != std::string::npos);
  // Vulkan validation messages go to the log (and make the exit code 1); the OpenXR core
  // validation layer writes to its file.
  CHECK(xr.output.find("VUID") == std::string::npos);
  CHECK(xr.output.find("validation error") == std::string::npos);
  CHECK(xr_validation_report(dir).empty());

  const auto expected = describe_all(all_events(headless_db));
  const auto got = describe_all(all_events(xr_db));
  REQUIRE(expected.size() >= 10);
  CHECK(got == expected);
  // The demo visitor asks for help once and lets one timer run out; both must be there.
  CHECK(std::count_if(got.begin(), got.end(), [](auto& s) { return s.rfind("help ", 0) == 0; }) == 1);
  CHECK(std::count_if(got.begin(), got.end(), [](auto& s) { return s.rfind("timeout ", 0) == 0; }) == 1);
}

TEST_CASE("without an OpenXR runtime play --xr exits non-zero with one line saying why", "[xr]") {
  const auto dir = case_dir("no-runtime");
  const RunResult r = run_meeloop(dir, "play scenes/huiskamer --xr --consent no",
                                  {"XR_RUNTIME_JSON=" + (dir / "missing.json").string()});
  INFO(r.output);
  CHECK(r.code == 1);
  CHECK(r.output.find("no OpenXR runtime") != std::string::npos);
  CHECK(r.output.find("--desktop") != std::string::npos);
}

TEST_CASE("a bad --script is bad input naming the file", "[xr]") {
  const auto dir = case_dir("bad-script");
  const RunResult r = run_meeloop(dir, "play scenes/huiskamer --xr --consent no --script nowhere.json");
  CHECK(r.code == 2);
  CHECK(r.output.find("nowhere.json") != std::string::npos);
}

}  // namespace meeloop::xrtest

namespace meeloop::xrtest {

TEST_CASE("session or instance loss ends headset play with exit 1 and says so, no crash", "[xr][gpu]") {
  const auto [script, words] = GENERATE(std::pair<std::string, std::string>{"session_loss.json", "the session was lost"},
                                        std::pair<std::string, std::string>{"instance_loss.json", "the OpenXR runtime went away"});
  const auto dir = case_dir("loss-" + script);
  const RunResult r = run_meeloop(dir, "play scenes/huiskamer --xr --consent no --max-frames 400 --script tests/data/xr/" + script);
  INFO(r.output);
  CHECK(r.code == 1);
  CHECK(r.output.find("Session ended: " + words) != std::string::npos);
  CHECK(xr_validation_report(dir).empty());
}

}  // namespace meeloop::xrtest
