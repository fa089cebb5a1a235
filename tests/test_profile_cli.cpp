// `meeloop match | plan | export` end to end: a real evidence database (EventStore), the real
// executable, exit codes and messages for unknown codes and bad data files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <random>

#include "export_tools.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "store/participant_code.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

std::string meeloop_bin() {
  const char* bin = std::getenv("MEELOOP_BIN");
  return bin ? bin : MEELOOP_BINARY_DIR "/tools/meeloop/meeloop";
}

// A database with one person who played one session leaning toward dementia care.
std::string make_database(const fs::path& db) {
  Log log(LogLevel::Warn);
  auto st = store::EventStore::open(db, log);
  REQUIRE(st.ok());
  std::mt19937_64 rng(11);
  store::Participant p = test::person("none");
  p.code = store::generate_participant_code(rng);
  p.background.situation = "side_entrant";
  REQUIRE(st.value()->add_participant(p).ok());
  store::Session s;
  s.participant_code = p.code;
  s.scene_id = "living_room_breakfast";
  s.scene_version = "1";
  s.language = "nl";
  auto sid = st.value()->begin_session(s);
  REQUIRE(sid.ok());
  for (store::Event e : test::pg_leaning_events(6)) {
    e.session_id = sid.value();
    e.id = 0;
    REQUIRE(st.value()->append_event(e).ok());
  }
  REQUIRE(st.value()->end_session(sid.value(), "calm_morning").ok());
  return p.code;
}

test::Run run_meeloop(const std::string& args, const std::string& env = "") {
  return test::run_command(env + " " + test::sh(meeloop_bin()) + " " + args);
}

}  // namespace

TEST_CASE("meeloop match, plan and export work on a real evidence database", "[profile]") {
  auto dir = test::fresh_dir("profile-cli");
  auto db = dir / "evidence.db";
  std::string code = make_database(db);
  std::string with_db = " --db " + test::sh(db);

  auto m = run_meeloop("match " + code + with_db + " --top 3");
  INFO(m.output);
  REQUIRE(m.code == 0);
  CHECK(m.output.find(" 1. ") != std::string::npos);
  CHECK(m.output.find("dementie") != std::string::npos);
  CHECK(m.output.find("Om over te praten:") != std::string::npos);
  CHECK(m.output.find("alle afdelingen zijn gerangschikt") != std::string::npos);  // says the rest exist
  auto en = run_meeloop("match " + code + with_db + " --lang en --top 100");
  CHECK(en.code == 0);
  CHECK(en.output.find("14. ") != std::string::npos);  // every shipped ward listed

  auto plan = run_meeloop("plan " + code + with_db);
  INFO(plan.output);
  CHECK(plan.code == 0);
  CHECK(plan.output.find("Eerst meelopen in de huiskamer") != std::string::npos);
  CHECK(plan.output.find("Waarom:") != std::string::npos);

  for (const char* format : {"json", "csv", "xapi", "html"}) {
    auto out = dir / (std::string("export.") + format);
    auto e = run_meeloop("export " + code + with_db + " --format " + format + " --out " + test::sh(out));
    INFO(format << ": " << e.output);
    CHECK(e.code == 0);
    CHECK(fs::file_size(out) > 500);
  }
  std::ifstream json(dir / "export.json");
  std::string text((std::istreambuf_iterator<char>(json)), {});
  CHECK(text.find("\"format\": \"meeloop.profile/1\"") != std::string::npos);
  CHECK(text.find(code) != std::string::npos);
}

TEST_CASE("unknown codes and bad arguments exit 2 with a clear message", "[profile]") {
  auto dir = test::fresh_dir("profile-cli-errors");
  auto db = dir / "evidence.db";
  make_database(db);
  std::mt19937_64 other(99);
  std::string stranger = store::generate_participant_code(other);
  auto unknown = run_meeloop("match " + stranger + " --db " + test::sh(db));
  CHECK(unknown.code == 2);
  CHECK(unknown.output.find("no participant with code " + stranger) != std::string::npos);
  auto typo = run_meeloop("plan MEE-XXXX --db " + test::sh(db));
  CHECK(typo.code == 2);
  CHECK(typo.output.find("is not a participant code") != std::string::npos);
  auto no_db = run_meeloop("match " + stranger + " --db " + test::sh(dir / "missing.db"));
  CHECK(no_db.code == 2);
  CHECK(no_db.output.find("no evidence database here") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "missing.db"));  // nothing was created by asking
  auto format = run_meeloop("export " + stranger + " --format pdf --out x --db " + test::sh(db));
  CHECK(format.code == 2);
  CHECK(format.output.find("--format must be json, csv, xapi or html") != std::string::npos);
}

TEST_CASE("a bad workplace file stops the CLI with file:line:col and pointer", "[profile]") {
  auto dir = test::fresh_dir("profile-cli-data");
  auto db = dir / "evidence.db";
  std::string code = make_database(db);
  // A copy of the shipped data with one broken ward file added.
  fs::create_directories(dir / "root" / "data");
  fs::copy(test::settings().paths.data_root / "data", dir / "root" / "data", fs::copy_options::recursive);
  fs::copy_file(fs::path(MEELOOP_TEST_DATA_DIR) / "profile" / "bad-workplaces" / "typo.json",
                dir / "root" / "data" / "workplaces" / "typo.json");
  auto r = run_meeloop("match " + code + " --db " + test::sh(db), "MEELOOP_DATA_DIR=" + test::sh(dir / "root"));
  INFO(r.output);
  CHECK(r.code == 2);
  CHECK(r.output.find("typo.json:16:28: /side_entrants_welkome: unknown field") != std::string::npos);
}
