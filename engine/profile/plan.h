#pragma once
// The introduction plan: which elements of the introduction programme (shadowing, a
// supernumerary period, a fixed supervisor, bootcamp days, a buddy...) suit this person, each
// with the reason it was suggested. The rules are data (data/intro_rules.json) that a trainer
// can read and change; a rule fires when all its conditions hold.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "profile/profile.h"
#include "profile/text.h"

namespace meeloop::profile {

struct PlanElement {
  std::string id;
  LocalText title;
  LocalText description;
};

// One test on the profile. Written in the file as e.g. {"dimension": "guidance_need",
// "above": 0.3}, {"background.care_experience": ["none", ""]}, {"language": "en"},
// {"profile.confidence_below": 0.35}, {"profile.help_asked_at_least": 2}, {"always": true}.
struct Condition {
  enum class Kind { Always, ScoreAbove, ScoreBelow, ConfidenceBelow, Background, Language,
                    ProfileConfidenceBelow, HelpAskedAtLeast };
  Kind kind = Kind::Always;
  size_t dimension = 0;             // for the score/confidence kinds
  double value = 0;                 // threshold
  std::string field;                // "care_experience" | "situation" | "route" | "levels"
  std::vector<std::string> values;  // any of these matches
};

struct PlanRule {
  std::string id;
  size_t element = 0;  // index into IntroRules::elements
  std::vector<Condition> when;  // all must hold
  std::optional<LocalText> detail;  // how much, e.g. "up to 10 weeks"; a later rule's wins
  LocalText reason;
};

struct IntroRules {
  std::vector<PlanElement> elements;  // in the order a plan lists them
  std::vector<PlanRule> rules;
};

struct PlanItem {
  size_t element = 0;
  std::optional<LocalText> detail;
  std::vector<std::string> rule_ids;  // every rule that suggested it
  std::vector<LocalText> reasons;     // one per rule, same order
};

struct Plan {
  std::vector<PlanItem> items;  // in element order; elements no rule suggested are left out
};

// Loads and checks the rules file against the dimensions (unknown ids, elements, fields are
// BadInput errors with file:line:col and pointer).
Result<IntroRules> load_intro_rules(const std::filesystem::path& file, const DimensionSet& dims);
Result<IntroRules> parse_intro_rules(std::string text, const std::string& file,
                                     const DimensionSet& dims);
// <data_root>/data/intro_rules.json (data_root: Settings::paths.data_root).
std::filesystem::path default_intro_rules_path(const std::filesystem::path& data_root);

// Whether all of the rule's conditions hold for `p`.
bool rule_applies(const PlanRule& rule, const Profile& p);
// The plan for `p`: every element at least one rule suggests, with all their reasons.
Plan make_plan(const Profile& p, const IntroRules& rules);

}  // namespace meeloop::profile
