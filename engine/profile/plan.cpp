#include "profile/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/json_file.h"

namespace meeloop::profile {
namespace {

std::vector<std::string> strings(const JsonView& v) {
  if (v.is_string()) return {v.as_string()};
  std::vector<std::string> out;
  for (const JsonView& e : v.elements()) out.push_back(e.as_string());
  if (out.empty()) v.fail("expected a string or a non-empty array of strings");
  return out;
}

std::vector<Condition> read_condition(const JsonView& c, const DimensionSet& dims) {
  c.expect_object();
  std::vector<Condition> out;
  using K = Condition::Kind;
  if (auto d = c.find("dimension")) {
    c.expect_only({"dimension", "above", "below", "confidence_below"});
    std::string id = d->as_id();
    auto idx = dims.index_of(id);
    if (!idx) d->fail("unknown dimension \"" + id + "\" (see data/dimensions.json)");
    if (auto v = c.find("above")) out.push_back({K::ScoreAbove, *idx, v->as_number(-1, 1), {}, {}});
    if (auto v = c.find("below")) out.push_back({K::ScoreBelow, *idx, v->as_number(-1, 1), {}, {}});
    if (auto v = c.find("confidence_below"))
      out.push_back({K::ConfidenceBelow, *idx, v->as_number(0, 1), {}, {}});
    if (out.empty()) c.fail("a dimension condition needs \"above\", \"below\" or \"confidence_below\"");
    return out;
  }
  auto members = c.members();
  if (members.size() != 1)
    c.fail("expected one test per condition, e.g. {\"background.care_experience\": \"none\"}");
  const auto& [key, v] = members.front();
  if (key == "always") {
    if (!v.as_bool()) v.fail("\"always\" can only be true");
    out.push_back({K::Always, 0, 0, {}, {}});
  } else if (key.rfind("background.", 0) == 0) {
    std::string field = key.substr(11);
    if (field != "care_experience" && field != "situation" && field != "route" && field != "levels")
      c.fail("unknown background field \"" + field +
             "\" (expected care_experience, situation, route or levels)");
    out.push_back({K::Background, 0, 0, field, strings(v)});
  } else if (key == "language") {
    out.push_back({K::Language, 0, 0, {}, strings(v)});
  } else if (key == "profile.confidence_below") {
    out.push_back({K::ProfileConfidenceBelow, 0, v.as_number(0, 1), {}, {}});
  } else if (key == "profile.help_asked_at_least") {
    out.push_back({K::HelpAskedAtLeast, 0, double(v.as_int(0, 1000)), {}, {}});
  } else {
    c.fail("unknown condition \"" + key +
           "\" (expected dimension, background.<field>, language, profile.confidence_below, "
           "profile.help_asked_at_least or always)");
  }
  return out;
}

// Far above a real programme (data/intro_rules.json: about a dozen of each); every profile is
// checked against every rule.
constexpr size_t kMaxElements = 200;
constexpr size_t kMaxRules = 1000;
constexpr size_t kMaxConditions = 20;  // per rule

std::vector<JsonView> elements_at_most(const JsonView& array, size_t max, const char* what) {
  if (array.is_array() && array.raw().size() > max)
    array.fail("too many " + std::string(what) + ": " + std::to_string(array.raw().size()) + " (at most " +
               std::to_string(max) + " are allowed)");
  return array.elements();
}

IntroRules read(const JsonView& root, const DimensionSet& dims) {
  root.expect_only({"$schema", "format", "note", "elements", "rules"});
  if (root.at("format").as_string() != "meeloop.intro_rules/1")
    root.at("format").fail("expected \"meeloop.intro_rules/1\"");
  IntroRules r;
  std::map<std::string, size_t> element_index;  // id -> index in r.elements
  for (const JsonView& e : elements_at_most(root.at("elements"), kMaxElements, "elements")) {
    e.expect_only({"id", "title", "description"});
    PlanElement el{e.at("id").as_id(), read_local_text(e.at("title")),
                   read_local_text(e.at("description"))};
    if (!element_index.emplace(el.id, r.elements.size()).second)
      e.at("id").fail("duplicate element id \"" + el.id + "\"");
    r.elements.push_back(std::move(el));
  }
  std::set<std::string> rule_ids;
  for (const JsonView& j : elements_at_most(root.at("rules"), kMaxRules, "rules")) {
    j.expect_only({"id", "element", "when", "detail", "reason"});
    PlanRule rule;
    rule.id = j.at("id").as_id();
    if (!rule_ids.insert(rule.id).second) j.at("id").fail("duplicate rule id \"" + rule.id + "\"");
    std::string el = j.at("element").as_id();
    auto it = element_index.find(el);
    if (it == element_index.end()) j.at("element").fail("unknown element \"" + el + "\"");
    rule.element = it->second;
    auto when = elements_at_most(j.at("when"), kMaxConditions, "conditions in one rule");
    if (when.empty()) j.at("when").fail("expected at least one condition (use {\"always\": true})");
    for (const JsonView& c : when)
      for (Condition& cond : read_condition(c, dims)) rule.when.push_back(std::move(cond));
    if (auto d = j.find("detail")) rule.detail = read_local_text(*d);
    rule.reason = read_local_text(j.at("reason"));
    r.rules.push_back(std::move(rule));
  }
  return r;
}

bool any_of(const std::vector<std::string>& wanted, const std::string& have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

bool holds(const Condition& c, const Profile& p) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::Always: return true;
    case K::ScoreAbove: return p.dimensions[c.dimension].score > c.value;
    case K::ScoreBelow: return p.dimensions[c.dimension].score < c.value;
    case K::ConfidenceBelow: return p.dimensions[c.dimension].confidence < c.value;
    case K::Language: return any_of(c.values, p.language);
    case K::ProfileConfidenceBelow: return p.confidence < c.value;
    case K::HelpAskedAtLeast: return p.help_asked >= int(c.value);
    case K::Background: {
      const auto& b = p.background;
      if (c.field == "care_experience") return any_of(c.values, b.care_experience);
      if (c.field == "situation") return any_of(c.values, b.situation);
      if (c.field == "route") return any_of(c.values, b.route);
      for (const auto& l : b.levels_of_interest)
        if (any_of(c.values, l)) return true;
      return false;
    }
  }
  return false;
}

}  // namespace

Result<IntroRules> parse_intro_rules(std::string text, const std::string& file,
                                     const DimensionSet& dims) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(std::move(text), file));
  try {
    return read(JsonView::root(doc), dims);
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<IntroRules> load_intro_rules(const std::filesystem::path& file, const DimensionSet& dims) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  try {
    return read(JsonView::root(doc), dims);
  } catch (const ErrorException& e) {
    return e.error();
  }
}

std::filesystem::path default_intro_rules_path(const std::filesystem::path& data_root) {
  return data_root / "data" / "intro_rules.json";
}

bool rule_applies(const PlanRule& rule, const Profile& p) {
  return std::all_of(rule.when.begin(), rule.when.end(),
                     [&](const Condition& c) { return holds(c, p); });
}

Plan make_plan(const Profile& p, const IntroRules& rules) {
  std::vector<std::optional<PlanItem>> by_element(rules.elements.size());
  for (const PlanRule& rule : rules.rules) {
    if (!rule_applies(rule, p)) continue;
    auto& item = by_element[rule.element];
    if (!item) item = PlanItem{rule.element, std::nullopt, {}, {}};
    if (rule.detail) item->detail = rule.detail;
    item->rule_ids.push_back(rule.id);
    item->reasons.push_back(rule.reason);
  }
  Plan plan;
  for (auto& item : by_element)
    if (item) plan.items.push_back(std::move(*item));
  return plan;
}

}  // namespace meeloop::profile
