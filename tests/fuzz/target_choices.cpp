// The headless player's choices file, parsed and then played against the tiny test scenario
// the way `meeloop play --headless` does, stopping at the first refused line.
#include "fuzz/targets.h"
#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "test_settings.h"

namespace meeloop::fuzz {
namespace {

const scenario::Scenario& tiny() {
  static const scenario::Scenario sc = [] {
    scenario::LoadOptions opt;
    opt.dimensions = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root)).value();
    return scenario::load_scenario(MEELOOP_FUZZ_SOURCE_DIR "/tests/data/scenarios/tiny", opt).value();
  }();
  return sc;
}

Status play(scenario::Runtime& rt, const scenario::ScriptLine& line) {
  using Kind = scenario::ScriptLine::Kind;
  if (rt.finished()) return bad_input("", "", "the scenario already ended");
  if (line.kind == Kind::Help) {
    auto hint = rt.ask_supervisor();
    return hint ? Status(Ok{}) : Status(hint.error());
  }
  if (line.kind == Kind::Wait) return rt.tick(*line.seconds);
  return rt.choose(line.id, line.seconds);
}

}  // namespace

Outcome fuzz_choices(const uint8_t* data, size_t size) {
  auto script = scenario::parse_choices(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt");
  if (!script) return outcome(script);
  scenario::Runtime rt(tiny(), [](store::Event&) -> Status { return Ok{}; });
  for (const auto& line : script->lines)
    if (Status st = play(rt, line); !st) return outcome(st);
  return Outcome::Accepted;
}

}  // namespace meeloop::fuzz
