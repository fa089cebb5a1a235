// engine/xapi: a person's records as xAPI 1.0.3 statements and back. The statements of a
// recorded session rebuild the same profile, matches and plan (what the regional hub does with
// what kiosks send), carry the ids the export always gave, and pass a validator no one here
// wrote (xapi-validation, node).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/uuid.h"
#include "export_tools.h"
#include "kiosk_recording.h"
#include "profile/exports.h"
#include "profile/report_store.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "temp_dir.h"
#include "xapi/read_statements.h"
#include "xapi/statements.h"
#include "xapi/validate.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

const std::string kHome = "https://zorg.example.nl/meeloop";

xapi::Options options() {
  xapi::Options o;
  o.home_page = kHome;
  return o;
}

// Two sessions (one ended, one interrupted), a help request, an interaction, a timeout, an
// ending, a weight JSON cannot hold, and a background the matcher and the plan read.
profile::Report fixture_report() {
  auto who = test::person("informal_carer", "en");
  who.background.situation = "side_entrant";
  who.background.levels_of_interest = {"mbo3", "mbo4"};
  who.background.route = "bbl";
  who.share = store::ShareScope::Region;
  std::vector<store::Session> sessions(2);
  sessions[0] = {1, who.code, "living_room_breakfast", "3", "en", "2026-05-01T09:00:00Z", "2026-05-01T09:12:00Z", "calm_morning"};
  sessions[1] = {2, who.code, "home_visit", "1", "nl", "2026-05-02T10:00:00Z", "", ""};
  auto events = test::pg_leaning_events(6);
  events[2].help_asked = true;
  events[3].decision_seconds = 1.0 / 3.0;  // not a round number of milliseconds
  events[4].evidence[1].weight = std::nan("");
  auto help = test::choice(1, 7, "ask supervisor/ü", {{"daring_to_ask", 1.0}});
  help.kind = "help";
  help.item_id = "";
  auto end = test::choice(1, 8, "end", {}, "living_room_breakfast");
  end.kind = "ending";
  end.item_id = "calm_morning";
  auto touch = test::choice(2, 1, "kitchen", {{"safety_hygiene", 0.8}}, "home_visit");
  touch.kind = "interaction";
  touch.item_id = "wash_hands#sink";
  auto timeout = test::choice(2, 2, "kitchen", {{"noticing_reporting", -0.4}}, "home_visit");
  timeout.kind = "timeout";
  timeout.item_id = "";
  timeout.decision_seconds = 0;
  auto elsewhere = test::choice(2, 3, "hall", {{"teamwork", 0.2}}, "other_scene");
  for (auto* e : {&help, &end, &touch, &timeout, &elsewhere}) events.push_back(*e);
  return make_report(test::shipped_data(), who, sessions, events, "2026-05-02T10:30:00Z");
}

profile::Report rebuilt(const profile::Report& r, const xapi::Records& records) {
  return make_report(*r.data, records.participant, records.sessions, records.events, r.generated_at);
}

// What a person's profile, matches and plan come to, in every export format that shows them.
void require_same_report(const profile::Report& a, const profile::Report& b) {
  CHECK(profile::profile_json(a).dump(1) == profile::profile_json(b).dump(1));
  CHECK(profile::profile_csv(a, "nl") == profile::profile_csv(b, "nl"));
  CHECK(profile::html_report(a, "en") == profile::html_report(b, "en"));
}

void require_same_records(const profile::Report& r, const xapi::Records& x) {
  CHECK(x.participant.code == r.participant.code);
  CHECK(x.participant.language == r.participant.language);
  CHECK(x.participant.share == r.participant.share);
  CHECK(x.participant.background.care_experience == r.participant.background.care_experience);
  CHECK(x.participant.background.situation == r.participant.background.situation);
  CHECK(x.participant.background.levels_of_interest == r.participant.background.levels_of_interest);
  CHECK(x.participant.background.route == r.participant.background.route);
  REQUIRE(x.sessions.size() == r.sessions.size());
  for (size_t i = 0; i < x.sessions.size(); ++i) {
    const auto &g = x.sessions[i], &w = r.sessions[i];
    CHECK(std::tie(g.id, g.participant_code, g.scene_id, g.scene_version, g.language, g.started_at, g.ended_at,
                   g.ending_id) == std::tie(w.id, w.participant_code, w.scene_id, w.scene_version, w.language,
                                            w.started_at, w.ended_at, w.ending_id));
  }
  auto want = r.events;
  std::sort(want.begin(), want.end(), [](auto& a, auto& b) { return std::tie(a.session_id, a.seq) < std::tie(b.session_id, b.seq); });
  REQUIRE(x.events.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const auto &g = x.events[i], &w = want[i];
    INFO("event " << w.session_id << "/" << w.seq);
    CHECK(std::tie(g.id, g.session_id, g.seq, g.at, g.scene_id, g.step_id, g.kind, g.item_id, g.decision_seconds,
                   g.help_asked) == std::tie(w.id, w.session_id, w.seq, w.at, w.scene_id, w.step_id, w.kind,
                                             w.item_id, w.decision_seconds, w.help_asked));
    REQUIRE(g.evidence.size() == w.evidence.size());
    for (size_t k = 0; k < w.evidence.size(); ++k) {
      CHECK(g.evidence[k].dimension == w.evidence[k].dimension);
      CHECK(g.evidence[k].reason == w.evidence[k].reason);
      CHECK((g.evidence[k].weight == w.evidence[k].weight ||
             (std::isnan(g.evidence[k].weight) && std::isnan(w.evidence[k].weight))));
    }
  }
}

// The statements as they travel: serialised and parsed again, so numbers go through text.
Json over_the_wire(const Json& statements) { return Json::parse(statements.dump()); }

std::string ext(const char* name) { return xapi::extension(name); }

}  // namespace

TEST_CASE("an event's statement keeps the export's id and adds what the profile needs", "[xapi]") {
  profile::Report r = fixture_report();
  const store::Event& e = r.events[2];
  Json st = xapi::statement_for_event(options(), r.participant, r.sessions[0], e);
  CHECK(st["id"] == format_uuid(uuid_v5(kMeeloopNamespace, kHome + "\n" + r.participant.code + "\nevent|1|3")));
  CHECK(st["context"]["registration"] == format_uuid(uuid_v5(kMeeloopNamespace, kHome + "\n" + r.participant.code + "\nsession|1")));
  CHECK(st["actor"] == Json({{"objectType", "Agent"}, {"account", {{"homePage", kHome}, {"name", r.participant.code}}}}));
  CHECK(st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
  CHECK(st["timestamp"] == e.at);
  CHECK(st["result"]["response"] == e.item_id);
  const Json& x = st["context"]["extensions"];
  CHECK(x[ext("session-id")] == 1);
  CHECK(x[ext("scene-id")] == "living_room_breakfast");
  CHECK(x[ext("scene-version")] == "3");
  CHECK(x[ext("session-language")] == "en");
  CHECK(x[ext("session-started-at")] == "2026-05-01T09:00:00Z");
  CHECK(x[ext("event-id")] == e.id);
  CHECK(x[ext("event-seq")] == e.seq);
  CHECK(x[ext("event-kind")] == "choice");
  CHECK(x[ext("step-id")] == e.step_id);
  CHECK(x[ext("consent-scope")] == "region");
  CHECK(x[ext("participant")]["language"] == "en");
  CHECK(x[ext("participant")]["background"]["care_experience"] == "informal_carer");
  CHECK(x[ext("participant")]["background"]["levels_of_interest"] == Json({"mbo3", "mbo4"}));
  CHECK_FALSE(x.contains(ext("event-scene-id")));  // the same as the session's
  CHECK(st["result"]["extensions"][ext("help-asked")] == true);
  CHECK(st["result"]["extensions"][ext("decision-seconds")] == 3.5);
  CHECK(st["result"]["extensions"][ext("evidence")].size() == e.evidence.size());
  // An event in another scene than its session's says so.
  const store::Event& elsewhere = r.events.back();
  Json other = xapi::statement_for_event(options(), r.participant, r.sessions[1], elsewhere);
  CHECK(other["context"]["extensions"][ext("event-scene-id")] == "other_scene");

  // The export is these statements: starts, events, ends; an LRS that got both keeps one copy.
  Json exported = profile::xapi_statements(r, options());
  REQUIRE(exported.size() == r.sessions.size() + r.events.size() + 1);
  CHECK(exported[0] == xapi::statement_for_session_start(options(), r.participant, r.sessions[0]));
  CHECK(exported[2 + 2] == st);
  CHECK(exported.back() == xapi::statement_for_session_end(options(), r.participant, r.sessions[0]));
  CHECK(exported.back()["result"]["extensions"][ext("ending")] == "calm_morning");
}

TEST_CASE("statements rebuild the records, and the same profile, matches and plan, in any order", "[xapi]") {
  profile::Report r = fixture_report();
  Json statements = over_the_wire(profile::xapi_statements(r, options()));
  auto records = xapi::records_from_statements(statements);
  INFO((records ? "" : records.error().to_string()));
  REQUIRE(records);
  CHECK(records->home_page == kHome);
  require_same_records(r, *records);
  require_same_report(r, rebuilt(r, *records));

  // Shuffled, delivered twice, and without the session starts (the kiosk's outbox sends events
  // and ends only): the same records.
  Json shuffled = Json::array();
  for (const Json& s : statements)
    if (s["verb"]["id"] != "http://adlnet.gov/expapi/verbs/initialized") shuffled.push_back(s);
  shuffled.push_back(shuffled[3]);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  auto again = xapi::records_from_statements(shuffled);
  REQUIRE(again);
  require_same_records(r, *again);
  require_same_report(r, rebuilt(r, *again));
}

TEST_CASE("statements that lack what a record needs are bad input at their JSON pointer", "[xapi]") {
  profile::Report r = fixture_report();
  const Json good = over_the_wire(profile::xapi_statements(r, options()));
  auto error_of = [](const Json& statements) {
    auto records = xapi::records_from_statements(statements);
    REQUIRE_FALSE(records);
    CHECK(records.error().kind == ErrorKind::BadInput);
    return records.error();
  };
  const std::string xptr = "/context/extensions/https:~1~1meeloop.example~1xapi~1extensions~1";

  CHECK(error_of(Json::object()).message == "expected an array of statements, found an object");
  CHECK(error_of(Json::array()).message == "expected at least one statement, found an empty array");

  Json no_seq = good;
  no_seq[3]["context"]["extensions"].erase(ext("event-seq"));
  Error e = error_of(no_seq);
  CHECK(e.pointer == "/3" + xptr + "event-seq");
  CHECK(e.message == "missing: expected an integer");

  Json text_seq = good;
  text_seq[3]["context"]["extensions"][ext("event-seq")] = "3";
  CHECK(error_of(text_seq).message == "expected an integer, found a string");

  Json bad_weight = good;
  bad_weight[4]["result"]["extensions"][ext("evidence")][1]["weight"] = "0.5";
  CHECK(error_of(bad_weight).pointer ==
        "/4/result/extensions/https:~1~1meeloop.example~1xapi~1extensions~1evidence/1/weight");

  Json bad_scope = good;
  bad_scope[0]["context"]["extensions"][ext("consent-scope")] = "world";
  e = error_of(bad_scope);
  CHECK(e.pointer == "/0" + xptr + "consent-scope");
  CHECK(e.message.find("\"none\", \"organisation\" or \"region\"") != std::string::npos);

  Json no_background = good;
  no_background[5]["context"]["extensions"][ext("participant")].erase("background");
  CHECK(error_of(no_background).pointer == "/5" + xptr + "participant/background");

  Json mbox = good;
  mbox[2]["actor"] = {{"mbox", "mailto:someone@example.org"}};
  CHECK(error_of(mbox).pointer == "/2/actor/account");

  Json other_person = good;
  other_person[6]["actor"]["account"]["name"] = "MEE-OTHER-01";
  e = error_of(other_person);
  CHECK(e.pointer == "/6/actor/account");
  CHECK(e.message.find("one person's statements") != std::string::npos);

  Json twice = good;
  twice.push_back(good[4]);
  twice.back()["id"] = "00000000-0000-4000-8000-000000000000";
  e = error_of(twice);
  CHECK(e.pointer == "/" + std::to_string(good.size()));
  CHECK(e.message.find("is also statement /4") != std::string::npos);

  Json two_versions = good;
  two_versions[3]["context"]["extensions"][ext("scene-version")] = "4";
  e = error_of(two_versions);
  CHECK(e.pointer == "/3/context/extensions");
  CHECK(e.message.find("another scene-version") != std::string::npos);

  Json no_result = good;
  no_result[3].erase("result");
  CHECK(error_of(no_result).pointer == "/3/result");
}

namespace {

profile::Report recorded_report(const fs::path& db, const std::string& code) {
  Log log(LogLevel::Off);
  auto r = profile::read_report(db, code, test::shipped_data(), log);
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  r->generated_at = "2026-12-07T20:00:00Z";
  return std::move(r).value();
}

}  // namespace

TEST_CASE("a recorded session's statements rebuild the same profile, matches and plan on the hub", "[xapi]") {
  test::TempDir dir("meeloop-xapi");
  std::string code = test::record_visitor(dir.path / "evidence.db", store::ShareScope::Region, 18);
  profile::Report r = recorded_report(dir.path / "evidence.db", code);
  REQUIRE(r.sessions.size() == 2);
  REQUIRE(r.events.size() > 10);
  REQUIRE_FALSE(r.matches.ranked.empty());
  REQUIRE_FALSE(r.plan.items.empty());

  Json statements = over_the_wire(profile::xapi_statements(r, options()));
  for (size_t i = 0; i < statements.size(); ++i) {
    Status valid = xapi::validate_statement(statements[i], "/" + std::to_string(i));
    INFO((valid ? "" : valid.error().to_string()));
    CHECK(valid);
  }
  auto records = xapi::records_from_statements(statements);
  INFO((records ? "" : records.error().to_string()));
  REQUIRE(records);
  CHECK(records->participant.share == store::ShareScope::Region);
  require_same_records(r, *records);
  profile::Report hub = rebuilt(r, *records);
  require_same_report(r, hub);
  REQUIRE(hub.matches.ranked.size() == r.matches.ranked.size());
  for (size_t i = 0; i < r.matches.ranked.size(); ++i) {
    CHECK(hub.matches.ranked[i].workplace == r.matches.ranked[i].workplace);
    CHECK(hub.matches.ranked[i].fit == r.matches.ranked[i].fit);
  }
  REQUIRE(hub.plan.items.size() == r.plan.items.size());
  for (size_t i = 0; i < r.plan.items.size(); ++i) CHECK(hub.plan.items[i].element == r.plan.items[i].element);
}

TEST_CASE("a recorded session's statements pass xapi-validation, a validator no one here wrote", "[xapi]") {
  test::TempDir dir("meeloop-xapi-node");
  std::string code = test::record_visitor(dir.path / "evidence.db", store::ShareScope::Region, 18);
  Json statements = profile::xapi_statements(recorded_report(dir.path / "evidence.db", code), options());
  REQUIRE(statements.size() > 10);
  if (!test::node_tools_ready()) FAIL(test::kNodeHint);
  auto check = [&](const Json& st, const std::string& name) {
    fs::path file = dir.path / name;
    REQUIRE(write_file_atomically(file, st.dump(2)));
    return test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " + test::sh(file));
  };
  auto ok = check(statements, "statements.json");
  INFO(ok.output);
  CHECK(ok.code == 0);
  CHECK(ok.output.find(std::to_string(statements.size()) + " statements valid") != std::string::npos);
  // The same validator refuses a broken copy, so the pass above means something.
  Json broken = statements;
  broken[1]["context"]["registration"] = "not-a-uuid";
  auto bad = check(broken, "broken.json");
  INFO(bad.output);
  CHECK(bad.code == 1);
  CHECK(bad.output.find("statement 1") != std::string::npos);
}
