// The "scenario" member of scene.json with its Dutch locale (input: scene.json, a "--8<--"
// line, nl.json), then a bounded walk through the loaded graph with the runtime.
#include "fuzz/targets.h"
#include "profile/dimensions.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "test_settings.h"

namespace meeloop::fuzz {

// Plays up to `moves` decisions: always the first option, else let the timer run out, else
// ask the supervisor. Cycles that have an exit are legal, so the walk itself must be bounded.
void walk(const scenario::Scenario& sc, int moves) {
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  for (int i = 0; i < moves && !rt.finished(); ++i) {
    auto ids = rt.option_ids();
    if (!ids.empty()) rt.choose(ids.front(), 1.0);
    else if (rt.step()->timer) rt.tick(rt.step()->timer->seconds);
    else { (void)rt.ask_supervisor(); break; }
  }
}

Outcome fuzz_scenario(const uint8_t* data, size_t size) {
  static const std::set<std::string> dims = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root)).value();
  auto parts = split_parts(data, size, 2);
  write_scratch("scenario/scene.json", parts[0]);
  write_scratch("scenario/locale/nl.json", parts[1]);
  scenario::LoadOptions opt;
  opt.dimensions = dims;
  opt.languages = {"nl"};
  auto sc = scenario::load_scenario(scratch_dir() + "/scenario", opt);
  if (sc) walk(*sc, 200);
  return outcome(sc);
}

}  // namespace meeloop::fuzz
