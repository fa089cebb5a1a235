// Profile builder, matcher and introduction-plan rules, on in-memory events (no SQLite).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "profile/matcher.h"
#include "profile/plan.h"
#include "profile/profile.h"
#include "profile_fixtures.h"
#include "temp_dir.h"

using namespace meeloop;
using namespace meeloop::profile;
using test::choice;

namespace {
const DimensionScore& dim(const Profile& p, const std::string& id) {
  for (const auto& d : p.dimensions)
    if (d.id == id) return d;
  throw std::runtime_error("no dimension " + id);
}
const std::string& group_of(const MatchResult& r, size_t rank) {
  return test::shipped_data().workplaces[r.ranked[rank].workplace].client_group;
}
}  // namespace

TEST_CASE("the shipped dimensions load and list their ids", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  std::set<std::string> want{"affinity_pg", "affinity_somatic", "affinity_homecare", "affinity_rehab",
                             "teamwork", "improvisation", "autonomy_dignity", "safety_hygiene",
                             "communication", "noticing_reporting", "daring_to_ask", "guidance_need"};
  auto ids = known_dimension_ids(default_dimensions_path(test::settings().paths.data_root));
  REQUIRE(ids.ok());
  CHECK(ids.value() == want);
  for (const auto& d : dims.all()) {
    CHECK_FALSE(d.name.nl.empty());
    CHECK_FALSE(d.high.en.empty());
    CHECK_FALSE(d.low.nl.empty());
  }
}

TEST_CASE("a bad dimensions file names file, line and pointer", "[profile]") {
  auto dup = parse_dimensions(R"({"format": "meeloop.dimensions/1", "dimensions": [
    {"id": "a", "name": {"nl": "A", "en": "A"}, "description": {"nl": "x", "en": "x"}, "high": {"nl": "x", "en": "x"}, "low": {"nl": "x", "en": "x"}},
    {"id": "a", "name": {"nl": "A", "en": "A"}, "description": {"nl": "x", "en": "x"}, "high": {"nl": "x", "en": "x"}, "low": {"nl": "x", "en": "x"}}]})",
                              "dims.json");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().kind == ErrorKind::BadInput);
  CHECK(dup.error().pointer == "/dimensions/1/id");
  CHECK(dup.error().to_string().rfind("dims.json:3:", 0) == 0);
  auto no_en = parse_dimensions(R"({"format": "meeloop.dimensions/1", "dimensions": [
    {"id": "a", "name": {"nl": "A"}, "description": {"nl": "x", "en": "x"}, "high": {"nl": "x", "en": "x"}, "low": {"nl": "x", "en": "x"}}]})",
                                "dims.json");
  REQUIRE_FALSE(no_en.ok());
  CHECK(no_en.error().pointer == "/dimensions/0/name");
  CHECK(no_en.error().message == "missing required field \"en\"");
}

TEST_CASE("consistent evidence scores high with high confidence, contradictory evidence does not", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  std::vector<store::Event> consistent, contradictory;
  for (int i = 0; i < 6; ++i) {
    consistent.push_back(choice(1, i, "s" + std::to_string(i), {{"teamwork", 1.0}}));
    contradictory.push_back(choice(1, i, "s" + std::to_string(i), {{"teamwork", i % 2 ? -1.0 : 1.0}}));
  }
  Profile a = build_profile(test::person("none"), consistent, dims);
  Profile b = build_profile(test::person("none"), contradictory, dims);
  const auto& ta = dim(a, "teamwork");
  const auto& tb = dim(b, "teamwork");
  CHECK(ta.score > 0.8);
  CHECK(ta.score <= 1.0);
  CHECK(ta.consistency == Approx(1.0));
  CHECK(ta.confidence > 0.8);
  CHECK(std::abs(tb.score) < 0.05);
  CHECK(tb.consistency == Approx(0.0));
  CHECK(tb.confidence < 0.5 * ta.confidence);
  // Dimensions without evidence are neutral and unsure, not guessed.
  CHECK(dim(a, "safety_hygiene").score == 0);
  CHECK(dim(a, "safety_hygiene").confidence == 0);
  CHECK(dim(a, "safety_hygiene").evidence_count == 0);
}

TEST_CASE("more evidence in the same direction raises confidence, a single click stays modest", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  std::vector<store::Event> one{choice(1, 0, "s0", {{"improvisation", 1.0}})};
  std::vector<store::Event> five;
  for (int i = 0; i < 5; ++i) five.push_back(choice(1, i, "s" + std::to_string(i), {{"improvisation", 1.0}}));
  Profile p1 = build_profile(test::person(""), one, dims);
  Profile p5 = build_profile(test::person(""), five, dims);
  const auto& d1 = dim(p1, "improvisation");
  const auto& d5 = dim(p5, "improvisation");
  CHECK(d1.score == Approx(0.5));  // the prior halves a single piece of evidence
  CHECK(d1.confidence < 0.35);
  CHECK(d5.score > d1.score);
  CHECK(d5.confidence > d1.confidence);
}

TEST_CASE("the trail says which choice in which scene and step moved a dimension, across sessions", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  // Given out of order and over two sessions: the trail must read in playing order.
  std::vector<store::Event> events{choice(2, 0, "handover", {{"noticing_reporting", 0.8}}, "handover_scene"),
                                   choice(1, 1, "wash", {{"noticing_reporting", -0.4}, {"safety_hygiene", 1.0}}),
                                   choice(1, 0, "knock", {{"communication", 1.0}})};
  events[1].help_asked = true;
  Profile p = build_profile(test::person("some"), events, dims);
  CHECK(p.sessions == 2);
  CHECK(p.events == 3);
  CHECK(p.help_asked == 1);
  const auto& n = dim(p, "noticing_reporting");
  REQUIRE(n.trail.size() == 2);
  CHECK(n.trail[0].session_id == 1);
  CHECK(n.trail[0].step_id == "wash");
  CHECK(n.trail[0].item_id == "wash_choice");
  CHECK(n.trail[0].weight == Approx(-0.4));
  CHECK(n.trail[0].reason == "Because of wash (noticing_reporting)");
  CHECK(n.trail[1].scene_id == "handover_scene");
  CHECK(n.trail[1].weight == Approx(0.8));
  CHECK(n.score == Approx(0.4 / (1.2 + 1.0)));
}

TEST_CASE("evidence for an unknown dimension is kept aside, not dropped or crashing", "[profile]") {
  auto p = build_profile(test::person(""), {choice(1, 0, "x", {{"no_such_dimension", 1.0}, {"teamwork", 0.5}})},
                         test::shipped_data().dims);
  REQUIRE(p.unknown_evidence.size() == 1);
  CHECK(p.unknown_evidence[0].step_id == "x");
  CHECK(dim(p, "teamwork").evidence_count == 1);
}

TEST_CASE("a PG-leaning profile ranks dementia-care wards first and lists every ward", "[profile]") {
  const auto& data = test::shipped_data();
  Profile p = build_profile(test::person("some"), test::pg_leaning_events(), data.dims);
  MatchResult r = match(p, data.workplaces, data.dims);
  REQUIRE(r.ranked.size() == data.workplaces.size());
  CHECK(data.workplaces.size() >= 12);
  CHECK(group_of(r, 0) == "pg");
  CHECK(group_of(r, 1) == "pg");
  CHECK(r.ranked.front().fit > r.ranked.back().fit);
  CHECK_FALSE(r.low_confidence);
  CHECK(confidence_notice(r, "nl").empty());
  std::set<size_t> seen;
  for (const Match& m : r.ranked) {
    seen.insert(m.workplace);
    CHECK(m.fit >= 0);
    CHECK(m.fit <= 100);
    const Workplace& w = data.workplaces[m.workplace];
    CHECK_FALSE(reason_texts(m, w, p, data.dims, "nl").empty());
    CHECK_FALSE(reason_texts(m, w, p, data.dims, "en").empty());
  }
  CHECK(seen.size() == data.workplaces.size());  // nothing hidden, nothing twice
  auto top = reason_texts(r.ranked[0], data.workplaces[r.ranked[0].workplace], p, data.dims, "nl");
  bool mentions_group = std::any_of(top.begin(), top.end(), [](const std::string& s) {
    return s.find("psychogeriatrie") != std::string::npos;
  });
  CHECK(mentions_group);
}

TEST_CASE("a person without care background ranks welcoming, well-supervised wards higher", "[profile]") {
  const auto& data = test::shipped_data();
  // Two wards that differ only in welcome and supervision.
  Workplace open = data.workplaces.front();
  open.id = "a-open";
  open.side_entrants_welcome = true;
  open.supervision = {true, true, true, true};
  Workplace closed = open;
  closed.id = "b-closed";
  closed.side_entrants_welcome = false;
  closed.supervision = {false, false, false, false};
  std::vector<Workplace> two{closed, open};
  std::vector<store::Event> events{choice(1, 0, "s", {{"teamwork", 0.5}})};
  Profile none = build_profile(test::person("none"), events, data.dims);
  Profile diploma = build_profile(test::person("diploma"), events, data.dims);
  MatchResult rn = match(none, two, data.dims);
  MatchResult rd = match(diploma, two, data.dims);
  CHECK(two[rn.ranked[0].workplace].id == "a-open");
  int gap_none = rn.ranked[0].fit - rn.ranked[1].fit;
  int gap_diploma = std::abs(rd.ranked[0].fit - rd.ranked[1].fit);
  CHECK(gap_none > gap_diploma);
  auto reasons = reason_texts(rn.ranked[0], two[rn.ranked[0].workplace], none, data.dims, "nl");
  bool says_why = std::any_of(reasons.begin(), reasons.end(), [](const std::string& s) {
    return s.find("nog geen zorgervaring") != std::string::npos;
  });
  CHECK(says_why);
  // Still listed, with the reason it ranks lower.
  auto low = reason_texts(rn.ranked[1], two[rn.ranked[1].workplace], none, data.dims, "en");
  CHECK_FALSE(low.empty());
}

TEST_CASE("level and route that a ward does not train lower the fit and are named", "[profile]") {
  const auto& data = test::shipped_data();
  Workplace w = data.workplaces.front();
  w.levels = {"mbo2"};
  w.routes = {"bbl"};
  auto person = test::person("diploma");
  person.background.levels_of_interest = {"hbo"};
  person.background.route = "bol";
  Profile p = build_profile(person, {}, data.dims);
  Workplace fits = w;
  fits.id = "fits";
  fits.levels = {"hbo"};
  fits.routes = {"bol"};
  MatchResult r = match(p, {w, fits}, data.dims);
  CHECK(r.ranked[0].workplace == 1);
  auto points = talking_points(r.ranked[1], w, p, data.dims, "en");
  CHECK(std::find(points.begin(), points.end(), "Ask whether there is a place at your level or in your route.") !=
        points.end());
}

TEST_CASE("with little evidence the matcher says so plainly and still lists every ward", "[profile]") {
  const auto& data = test::shipped_data();
  Profile p = build_profile(test::person(""), {choice(1, 0, "s", {{"teamwork", 0.3}})}, data.dims);
  MatchResult r = match(p, data.workplaces, data.dims);
  CHECK(r.low_confidence);
  CHECK(r.ranked.size() == data.workplaces.size());
  CHECK(confidence_notice(r, "nl").find("We weten nog weinig") != std::string::npos);
  CHECK(confidence_notice(r, "en").find("Every ward is listed") != std::string::npos);
}

TEST_CASE("a bad workplace file is reported with file, line:col and pointer", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  auto base = test::shipped_data().workplaces.front();
  std::string good = read_json_file(base.file).value()->text;
  SECTION("unknown client group") {
    std::string text = good;
    std::string from = "\"client_group\": \"" + base.client_group + "\"";
    text.replace(text.find(from), from.size(), "\"client_group\": \"kids\"");
    auto w = parse_workplace(text, "ward.json", dims);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().pointer == "/client_group");
    CHECK_FALSE(w.error().location.empty());
    CHECK(w.error().message.find("expected one of pg, somatic, homecare, rehab") != std::string::npos);
  }
  SECTION("unknown dimension in an expectation") {
    std::string text = good;
    std::string from = "\"dimension\": \"" + dims.all()[base.expectations[0].dimension].id + "\"";
    text.replace(text.find(from), from.size(), "\"dimension\": \"kommunication\"");
    auto w = parse_workplace(text, "ward.json", dims);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().pointer == "/expectations/0/dimension");
    CHECK(w.error().to_string().find("unknown dimension \"kommunication\"") != std::string::npos);
  }
  SECTION("a folder with one broken file names that file") {
    auto all = load_workplaces(std::string(MEELOOP_TEST_DATA_DIR) + "/profile/bad-workplaces", dims);
    REQUIRE_FALSE(all.ok());
    CHECK(all.error().file.find("typo.json") != std::string::npos);
    CHECK(all.error().pointer == "/side_entrants_welkome");
    CHECK(all.error().location == "16:28");
  }
}

TEST_CASE("every shipped ward is fictional, says so, and is spread over regions and ward types", "[profile]") {
  std::set<std::string> regions, types, groups;
  for (const auto& w : test::shipped_data().workplaces) {
    CHECK(w.fictional);
    CHECK(w.organisation.find("(fictief)") != std::string::npos);
    regions.insert(w.region);
    types.insert(w.ward_type);
    groups.insert(w.client_group);
  }
  CHECK(regions.size() >= 8);
  CHECK(types.size() >= 6);
  CHECK(groups.size() == 4);
}

TEST_CASE("a dimension a trainer adds in data is scored without code changes", "[profile]") {
  auto dims = parse_dimensions(R"({"format": "meeloop.dimensions/1", "dimensions": [
    {"id": "teamwork", "name": {"nl": "Samenwerken", "en": "Teamwork"}, "description": {"nl": "x", "en": "x"}, "high": {"nl": "x", "en": "x"}, "low": {"nl": "x", "en": "x"}},
    {"id": "humour", "group": "care_attitude", "name": {"nl": "Humor", "en": "Humour"}, "description": {"nl": "Een grapje op het goede moment.", "en": "A joke at the right moment."}, "high": {"nl": "Je maakt een bewoner aan het lachen.", "en": "You make a resident laugh."}, "low": {"nl": "Je blijft serieus.", "en": "You stay serious."}}]})",
                               "dims.json");
  REQUIRE(dims.ok());
  CHECK(dims->ids() == std::set<std::string>{"teamwork", "humour"});
  Profile p = build_profile(test::person(""), {choice(1, 0, "joke", {{"humour", 0.8}})}, dims.value());
  REQUIRE(p.dimensions.size() == 2);
  CHECK(p.dimensions[1].id == "humour");
  CHECK(p.dimensions[1].score > 0.4);
  CHECK(p.unknown_evidence.empty());
}

TEST_CASE("the profile's sentences come from data/text with equal keys, and a third language is one more file", "[profile]") {
  const TextTable& shipped = test::shipped_data().dims.texts();
  CHECK(shipped.languages() == std::vector<std::string>{"en", "nl"});
  CHECK(shipped.all("nl").size() == shipped.all("en").size());
  CHECK(shipped.get("nl", "client_group.pg") == "psychogeriatrie (dementie)");

  test::TempDir dir("meeloop-profile-text");
  const auto data_folder = test::settings().paths.data_root / "data";
  std::filesystem::copy_file(data_folder / "dimensions.json", dir.path / "dimensions.json");
  std::filesystem::copy(data_folder / "text", dir.path / "text");
  // German: the English file with one sentence changed.
  std::ifstream en_file(dir.path / "text" / "en.json");
  std::string de((std::istreambuf_iterator<char>(en_file)), std::istreambuf_iterator<char>());
  const std::string nothing = "Nothing in the game points strongly towards or away from this ward.";
  de.replace(de.find(nothing), nothing.size(), "Nichts im Spiel spricht stark fuer oder gegen diese Station.");
  std::ofstream(dir.path / "text" / "de.json") << de;
  auto dims = load_dimensions(dir.path / "dimensions.json");
  REQUIRE(dims.ok());
  CHECK(dims->texts().languages() == std::vector<std::string>{"de", "en", "nl"});
  Match none;  // no reasons at all: the fallback sentence
  const Workplace& w = test::shipped_data().workplaces.front();
  Profile p = build_profile(test::person(""), {}, dims.value());
  CHECK(reason_texts(none, w, p, dims.value(), "de").front() == "Nichts im Spiel spricht stark fuer oder gegen diese Station.");
  CHECK(reason_texts(none, w, p, dims.value(), "xx").front() == "Niets in het spel wijst sterk naar of weg van deze afdeling.");

  // A language missing a key is refused, naming the file and the key.
  std::ofstream(dir.path / "text" / "de.json") << R"({"list.and": " und "})";
  auto short_de = load_dimensions(dir.path / "dimensions.json");
  REQUIRE_FALSE(short_de.ok());
  CHECK(short_de.error().kind == ErrorKind::BadInput);
  CHECK(short_de.error().file.find("de.json") != std::string::npos);
  // A key the code uses but no language has is refused too.
  std::filesystem::remove(dir.path / "text" / "de.json");
  for (const char* lang : {"nl", "en"}) {
    auto file = dir.path / "text" / (std::string(lang) + ".json");
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    text.replace(text.find("\"reason.none\""), 13, "\"reason.nix\"");
    std::ofstream(file) << text;
  }
  auto missing = load_dimensions(dir.path / "dimensions.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().pointer == "/reason.none");
  CHECK(fill("{a} {b} {c}", {{"a", "{b}"}, {"b", "x"}}) == "{b} x {c}");
}

TEST_CASE("client groups are the dimensions file's client_group themes, not a fixed list", "[profile]") {
  CHECK(test::shipped_data().dims.client_groups() == std::vector<std::string>{"pg", "somatic", "homecare", "rehab"});
  // A fifth group in data: wards may name it and the matcher weighs it like the others.
  std::ifstream in(test::settings().paths.data_root / "data" / "dimensions.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string first = "\"dimensions\": [";
  text.insert(text.find(first) + first.size(),
              R"({"id": "affinity_youth", "group": "client_group", "name": {"nl": "Jeugdzorg", "en": "Youth care"}, "description": {"nl": "x", "en": "x"}, "high": {"nl": "x", "en": "x"}, "low": {"nl": "x", "en": "x"}},)");
  auto dims = parse_dimensions(text, "dims.json");
  REQUIRE(dims.ok());
  CHECK(dims->client_groups() == std::vector<std::string>{"youth", "pg", "somatic", "homecare", "rehab"});
  const Workplace& base = test::shipped_data().workplaces.front();
  std::string ward = read_json_file(base.file).value()->text;
  std::string from = "\"client_group\": \"" + base.client_group + "\"";
  ward.replace(ward.find(from), from.size(), "\"client_group\": \"youth\"");
  auto youth = parse_workplace(ward, "youth.json", dims.value());
  REQUIRE(youth.ok());
  auto pg = parse_workplace(read_json_file(base.file).value()->text, "pg.json", dims.value());
  REQUIRE(pg.ok());
  std::vector<Workplace> wards{pg.value(), youth.value()};
  wards[0].id = "a-pg";
  wards[1].id = "b-youth";
  Profile p = build_profile(test::person(""), {choice(1, 1, "s", {{"affinity_youth", 1.0}, {"affinity_pg", -0.5}})}, dims.value());
  auto r = match(p, wards, dims.value());
  CHECK(wards[r.ranked[0].workplace].client_group == "youth");
  // A client_group theme must say which group it is.
  std::string bad = text;
  bad.replace(bad.find("\"affinity_youth\""), 16, "\"youth_theme\"");
  auto refused = parse_dimensions(bad, "dims.json");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().pointer == "/dimensions/0/id");
}
