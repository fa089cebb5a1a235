#include "bench_hub_workload.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/hash.h"
#include "store/participant_code.h"
#include "store/records.h"
#include "xapi/statements.h"

namespace meeloop::cli::hub_bench {
namespace {

// A person's fixed traits, drawn from their code's hash.
struct Person {
  int organisation = 0;
  store::Participant participant;
  std::string home_page;
};

uint64_t hash_of(const std::string& code) { return Fnv1a().update(code.data(), code.size()).value(); }

Person person_of(const std::string& code) {
  uint64_t h = hash_of(code);
  auto draw = [&h](uint64_t n) {
    const uint64_t v = h % n;
    h = h / n ^ (h * 0x9E3779B97F4A7C15ull);
    return v;
  };
  Person p;
  p.organisation = static_cast<int>(draw(kOrganisations));
  // Three kiosks per organisation, each an installation with its own home page.
  p.home_page = "urn:meeloop:installation:bench-" + organisation_id(p.organisation) + "-" + std::to_string(draw(3));
  store::Participant& who = p.participant;
  who.code = code;
  who.consent = true;
  who.language = draw(5) == 0 ? "en" : "nl";
  who.share = draw(10) < 6 ? store::ShareScope::Region : store::ShareScope::Organisation;
  static const char* experience[] = {"none", "informal_carer", "some", "diploma", ""};
  static const char* situation[] = {"pupil", "student", "side_entrant", "returner", ""};
  static const char* levels[] = {"mbo2", "mbo3", "mbo4", "hbo"};
  static const char* route[] = {"bol", "bbl", ""};
  who.background.care_experience = experience[draw(5)];
  who.background.situation = situation[draw(5)];
  who.background.levels_of_interest = {levels[draw(4)]};
  who.background.route = route[draw(3)];
  return p;
}

std::string iso_ms(int64_t epoch_ms) {
  const std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(epoch_ms % 1000));
  return buf;
}

}  // namespace

std::string organisation_id(int index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "bench-zorg-%02d", index + 1);
  return buf;
}

SessionMaker::SessionMaker(const Vocabulary& vocabulary, uint64_t seed, int64_t first_session_id)
    : vocabulary_(vocabulary), rng_(seed), next_session_(first_session_id) {}

std::string SessionMaker::new_code(int organisation) {
  for (;;) {
    std::string code = store::generate_participant_code(rng_);
    if (organisation < 0 || person_of(code).organisation == organisation) return code;
  }
}

MadeUpSession SessionMaker::session(const std::string& code, int statements) {
  const Person person = person_of(code);
  const xapi::Options options{person.home_page};
  // Sessions over the past year, during the day; decisions a few seconds apart.
  constexpr int64_t kYearStartMs = 1767225600000;  // 2026-01-01T00:00:00Z
  std::uniform_int_distribution<int64_t> day(0, 330), minute(8 * 60, 17 * 60);
  int64_t at = kYearStartMs + day(rng_) * 86400000 + minute(rng_) * 60000;

  store::Session s;
  s.id = next_session_++;
  s.participant_code = code;
  s.scene_id = vocabulary_.scenes[rng_() % vocabulary_.scenes.size()];
  s.scene_version = "1";
  s.language = person.participant.language;
  s.started_at = iso_ms(at);

  MadeUpSession out;
  out.code = code;
  out.organisation = organisation_id(person.organisation);
  out.scope = std::string(store::share_scope_name(person.participant.share));
  out.statements.push_back(xapi::statement_for_session_start(options, person.participant, s));
  out.stored.push_back(iso_ms(at + 60000));

  std::uniform_real_distribution<double> weight(-1.0, 1.0), seconds(1.0, 25.0);
  const int events = std::max(0, statements - 2);
  for (int seq = 1; seq <= events; ++seq) {
    store::Event e;
    e.id = s.id * 100 + seq;
    e.session_id = s.id;
    e.seq = seq;
    e.decision_seconds = std::round(seconds(rng_) * 1000.0) / 1000.0;
    at += static_cast<int64_t>(e.decision_seconds * 1000.0) + 2000;
    e.at = iso_ms(at);
    e.scene_id = s.scene_id;
    e.step_id = "step_" + std::to_string((seq + 1) / 2);
    const uint64_t kind = rng_() % 20;
    e.kind = kind < 14 ? "choice" : kind < 19 ? "interaction" : "help";
    e.help_asked = e.kind == "help";
    if (e.kind != "help") e.item_id = (e.kind == "choice" ? "choice_" : "object_") + std::to_string(rng_() % 4);
    const int evidence = e.kind == "help" ? 1 : 1 + static_cast<int>(rng_() % 3);
    for (int k = 0; k < evidence; ++k)
      e.evidence.push_back({vocabulary_.dimensions[rng_() % vocabulary_.dimensions.size()],
                            std::round(weight(rng_) * 100.0) / 100.0, "bench.reason." + std::to_string(k)});
    out.statements.push_back(xapi::statement_for_event(options, person.participant, s, e));
    out.stored.push_back(iso_ms(at + 60000));
  }
  at += 5000;
  s.ended_at = iso_ms(at);
  s.ending_id = "ending_" + std::to_string(rng_() % 3);
  out.statements.push_back(xapi::statement_for_session_end(options, person.participant, s));
  out.stored.push_back(iso_ms(at + 60000));
  return out;
}

}  // namespace meeloop::cli::hub_bench
