// Introduction-plan rules: each condition kind, and every rule of the shipped file firing on
// its own conditions and not on a neutral profile.
#include <catch2/catch.hpp>

#include <algorithm>

#include "profile/plan.h"
#include "profile_fixtures.h"

using namespace meeloop;
using namespace meeloop::profile;

namespace {

// A confident, neutral person with a care diploma: no rule but the "always" ones should fire.
Profile neutral(const DimensionSet& dims) {
  Profile p;
  p.code = "MEE-TEST-01";
  p.language = "nl";
  p.background.care_experience = "diploma";
  p.confidence = 0.8;
  for (const auto& d : dims.all()) {
    DimensionScore s;
    s.id = d.id;
    s.confidence = 0.8;
    p.dimensions.push_back(s);
  }
  return p;
}

// Changes `p` just enough to satisfy condition `c`.
void satisfy(Profile& p, const Condition& c) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::Always: break;
    case K::ScoreAbove: p.dimensions[c.dimension].score = std::min(1.0, c.value + 0.1); break;
    case K::ScoreBelow: p.dimensions[c.dimension].score = std::max(-1.0, c.value - 0.1); break;
    case K::ConfidenceBelow: p.dimensions[c.dimension].confidence = std::max(0.0, c.value - 0.1); break;
    case K::Language: p.language = c.values.front(); break;
    case K::ProfileConfidenceBelow: p.confidence = std::max(0.0, c.value - 0.1); break;
    case K::HelpAskedAtLeast: p.help_asked = int(c.value); break;
    case K::Background:
      if (c.field == "care_experience") p.background.care_experience = c.values.front();
      else if (c.field == "situation") p.background.situation = c.values.front();
      else if (c.field == "route") p.background.route = c.values.front();
      else p.background.levels_of_interest = {c.values.front()};
      break;
  }
}

bool is_always(const PlanRule& r) {
  return std::all_of(r.when.begin(), r.when.end(),
                     [](const Condition& c) { return c.kind == Condition::Kind::Always; });
}

}  // namespace

TEST_CASE("every shipped plan rule fires on its conditions and not on a neutral profile", "[profile]") {
  const auto& data = test::shipped_data();
  const IntroRules& rules = data.rules;
  REQUIRE(rules.rules.size() >= 15);
  Profile base = neutral(data.dims);
  for (const PlanRule& rule : rules.rules) {
    INFO("rule " << rule.id);
    CHECK(rule_applies(rule, base) == is_always(rule));
    Profile p = base;
    for (const Condition& c : rule.when) satisfy(p, c);
    REQUIRE(rule_applies(rule, p));
    Plan plan = make_plan(p, rules);
    auto item = std::find_if(plan.items.begin(), plan.items.end(),
                             [&](const PlanItem& i) { return i.element == rule.element; });
    REQUIRE(item != plan.items.end());
    auto at = std::find(item->rule_ids.begin(), item->rule_ids.end(), rule.id);
    REQUIRE(at != item->rule_ids.end());
    const LocalText& reason = item->reasons[size_t(at - item->rule_ids.begin())];
    CHECK(reason.nl == rule.reason.nl);
    CHECK_FALSE(reason.en.empty());
  }
}

TEST_CASE("each condition kind holds only on its side of the threshold", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  auto rules = parse_intro_rules(R"({"format": "meeloop.intro_rules/1",
    "elements": [{"id": "buddy", "title": {"nl": "Buddy", "en": "Buddy"}, "description": {"nl": "d", "en": "d"}}],
    "rules": [
      {"id": "above", "element": "buddy", "when": [{"dimension": "guidance_need", "above": 0.3}], "reason": {"nl": "r1", "en": "r1"}},
      {"id": "below", "element": "buddy", "when": [{"dimension": "daring_to_ask", "below": -0.2}], "reason": {"nl": "r2", "en": "r2"}},
      {"id": "unsure", "element": "buddy", "when": [{"dimension": "teamwork", "confidence_below": 0.2}], "reason": {"nl": "r3", "en": "r3"}},
      {"id": "none", "element": "buddy", "when": [{"background.care_experience": ["none", ""]}], "reason": {"nl": "r4", "en": "r4"}},
      {"id": "en", "element": "buddy", "when": [{"language": "en"}], "reason": {"nl": "r5", "en": "r5"}},
      {"id": "both", "element": "buddy", "when": [{"background.route": "bbl"}, {"profile.help_asked_at_least": 2}], "reason": {"nl": "r6", "en": "r6"}},
      {"id": "level", "element": "buddy", "when": [{"background.levels": "hbo"}], "detail": {"nl": "kort", "en": "short"}, "reason": {"nl": "r7", "en": "r7"}}
    ]})", "rules.json", dims);
  REQUIRE(rules.ok());
  const auto& r = rules.value().rules;
  Profile p = neutral(dims);
  auto g = *dims.index_of("guidance_need");
  p.dimensions[g].score = 0.3;  // "above" is strict
  CHECK_FALSE(rule_applies(r[0], p));
  p.dimensions[g].score = 0.31;
  CHECK(rule_applies(r[0], p));
  auto a = *dims.index_of("daring_to_ask");
  p.dimensions[a].score = -0.1;
  CHECK_FALSE(rule_applies(r[1], p));
  p.dimensions[a].score = -0.5;
  CHECK(rule_applies(r[1], p));
  auto t = *dims.index_of("teamwork");
  CHECK_FALSE(rule_applies(r[2], p));
  p.dimensions[t].confidence = 0.1;
  CHECK(rule_applies(r[2], p));
  CHECK_FALSE(rule_applies(r[3], p));  // diploma
  p.background.care_experience = "";   // not answered counts as listed here
  CHECK(rule_applies(r[3], p));
  CHECK_FALSE(rule_applies(r[4], p));
  p.language = "en";
  CHECK(rule_applies(r[4], p));
  p.background.route = "bbl";
  p.help_asked = 1;
  CHECK_FALSE(rule_applies(r[5], p));  // all conditions must hold
  p.help_asked = 2;
  CHECK(rule_applies(r[5], p));
  CHECK_FALSE(rule_applies(r[6], p));
  p.background.levels_of_interest = {"mbo4", "hbo"};
  CHECK(rule_applies(r[6], p));
  Plan plan = make_plan(p, rules.value());
  REQUIRE(plan.items.size() == 1);  // one element, suggested by seven rules
  CHECK(plan.items[0].rule_ids.size() == 7);
  CHECK(plan.items[0].reasons[6].en == "r7");
  REQUIRE(plan.items[0].detail);
  CHECK(plan.items[0].detail->nl == "kort");
}

TEST_CASE("the shipped rules give a newcomer to care a long, structured start", "[profile]") {
  const auto& data = test::shipped_data();
  std::vector<store::Event> events;
  for (int i = 0; i < 6; ++i) events.push_back(test::choice(1, i, "s" + std::to_string(i), {{"guidance_need", 1.0}}));
  auto who = test::person("none");
  who.background.situation = "side_entrant";
  Plan plan = make_plan(build_profile(who, events, data.dims), data.rules);
  auto has = [&](const std::string& element) {
    return std::any_of(plan.items.begin(), plan.items.end(),
                       [&](const PlanItem& i) { return data.rules.elements[i.element].id == element; });
  };
  CHECK(has("shadow_living_room"));
  CHECK(has("supernumerary_period"));
  CHECK(has("fixed_supervisor"));
  CHECK(has("inform_team"));
  CHECK(has("intake_conversation"));
  CHECK_FALSE(has("language_support"));  // played in Dutch
  for (const auto& item : plan.items) {
    if (data.rules.elements[item.element].id != "supernumerary_period") continue;
    REQUIRE(item.detail);
    CHECK(item.detail->nl == "Tot 10 weken");
  }
}

TEST_CASE("a bad rules file is reported with pointer and position", "[profile]") {
  const auto& dims = test::shipped_data().dims;
  auto r = parse_intro_rules(R"({"format": "meeloop.intro_rules/1",
  "elements": [{"id": "buddy", "title": {"nl": "B", "en": "B"}, "description": {"nl": "d", "en": "d"}}],
  "rules": [{"id": "x", "element": "buddy",
             "when": [{"dimension": "guidance_needs", "above": 0.3}], "reason": {"nl": "r", "en": "r"}}]})",
                             "rules.json", dims);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().pointer == "/rules/0/when/0/dimension");
  CHECK(r.error().location == "4:37");
  auto unknown = parse_intro_rules(R"({"format": "meeloop.intro_rules/1", "elements": [],
    "rules": [{"id": "x", "element": "nope", "when": [{"always": true}], "reason": {"nl": "r", "en": "r"}}]})",
                                   "rules.json", dims);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().pointer == "/rules/0/element");
}
