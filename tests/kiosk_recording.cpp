#include "kiosk_recording.h"

#include <catch2/catch.hpp>

#include <random>

#include "core/log.h"
#include "export_tools.h"
#include "store/participant_code.h"

namespace meeloop::test {

std::string record_visitor(const std::filesystem::path& db, store::ShareScope share, uint64_t seed, bool two_scenes) {
  const std::filesystem::path source = MEELOOP_SOURCE_DIR;
  std::mt19937_64 rng(seed);
  store::Participant p;
  p.code = store::generate_participant_code(rng);
  p.consent = true;
  p.language = "nl";
  p.background = {"none", "side_entrant", {"mbo3"}, "bbl"};
  p.share = share;
  {
    Log log(LogLevel::Off);
    auto st = store::EventStore::open(db, log);
    REQUIRE(st);
    REQUIRE(st.value()->add_participant(p));
  }
  auto play = [&](const std::string& scene, const std::filesystem::path& choices) {
    auto run = run_command(sh(meeloop_path(MEELOOP_BIN_FALLBACK)) + " play " + sh(source / "scenes" / scene) +
                           " --headless --choices " + sh(choices) + " --participant " + p.code + " --db " + sh(db));
    INFO(run.output);
    REQUIRE(run.code == 0);
  };
  play("huiskamer", source / "scenes" / "huiskamer" / "demo-visitor.txt");
  if (two_scenes) play("ochtendzorg", source / "tests" / "data" / "choices" / "ochtendzorg_somatic.txt");
  return p.code;
}

}  // namespace meeloop::test
