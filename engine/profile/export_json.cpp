#include <cmath>

#include "core/paths.h"
#include "profile/exports.h"

namespace meeloop::profile {
namespace {

Json text(const LocalText& t) { return Json{{"nl", t.nl}, {"en", t.en}}; }

// Three decimals are plenty for a profile and keep the files readable and stable.
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

Json trail_json(const TrailEntry& t) {
  return Json{{"session_id", t.session_id}, {"event_id", t.event_id}, {"at", t.at},
              {"scene_id", t.scene_id},     {"step_id", t.step_id},   {"item_id", t.item_id},
              {"kind", t.kind},             {"weight", round3(t.weight)}, {"reason", t.reason}};
}

Json both(const std::vector<std::string>& nl, const std::vector<std::string>& en) {
  Json out = Json::array();
  for (size_t i = 0; i < nl.size() && i < en.size(); ++i) out.push_back({{"nl", nl[i]}, {"en", en[i]}});
  return out;
}

}  // namespace

Json profile_json(const Report& r) {
  const ProfileData& d = *r.data;
  const Profile& p = r.profile;
  const auto& bg = p.background;
  Json j;
  j["format"] = kProfileFormat;
  j["generator"] = "meeloop " + version();
  j["generated_at"] = r.generated_at;
  j["participant"] = {{"code", p.code},
                      {"language", p.language},
                      {"background",
                       {{"care_experience", bg.care_experience},
                        {"situation", bg.situation},
                        {"levels_of_interest", bg.levels_of_interest},
                        {"route", bg.route}}}};
  j["summary"] = {{"sessions", p.sessions},
                  {"events", p.events},
                  {"help_asked", p.help_asked},
                  {"mean_decision_seconds", round3(p.mean_decision_seconds)},
                  {"confidence", round3(p.confidence)},
                  {"low_confidence", r.matches.low_confidence},
                  {"notice", {{"nl", confidence_notice(r.matches, "nl")},
                              {"en", confidence_notice(r.matches, "en")}}}};
  Json dims = Json::array();
  for (size_t i = 0; i < p.dimensions.size(); ++i) {
    const DimensionScore& s = p.dimensions[i];
    Json trail = Json::array();
    for (const auto& t : s.trail) trail.push_back(trail_json(t));
    dims.push_back({{"id", s.id},
                    {"name", text(d.dims.all()[i].name)},
                    {"score", round3(s.score)},
                    {"confidence", round3(s.confidence)},
                    {"consistency", round3(s.consistency)},
                    {"evidence_count", s.evidence_count},
                    {"trail", std::move(trail)}});
  }
  j["dimensions"] = std::move(dims);
  Json unknown = Json::array();
  for (const auto& t : p.unknown_evidence) unknown.push_back(trail_json(t));
  j["unknown_evidence"] = std::move(unknown);

  Json matches = Json::array();
  int rank = 0;
  for (const Match& m : r.matches.ranked) {
    const Workplace& w = d.workplaces[m.workplace];
    matches.push_back(
        {{"rank", ++rank},
         {"workplace_id", w.id},
         {"fictional", w.fictional},
         {"organisation", w.organisation},
         {"ward", text(w.ward)},
         {"city", w.city},
         {"region", w.region},
         {"client_group", w.client_group},
         {"fit", m.fit},
         {"reasons", both(reason_texts(m, w, p, d.dims, "nl"), reason_texts(m, w, p, d.dims, "en"))},
         {"talking_points",
          both(talking_points(m, w, p, d.dims, "nl"), talking_points(m, w, p, d.dims, "en"))}});
  }
  j["matches"] = std::move(matches);

  Json plan = Json::array();
  for (const PlanItem& item : r.plan.items) {
    const PlanElement& el = d.rules.elements[item.element];
    Json reasons = Json::array();
    for (const auto& reason : item.reasons) reasons.push_back(text(reason));
    plan.push_back({{"element", el.id},
                    {"title", text(el.title)},
                    {"description", text(el.description)},
                    {"detail", item.detail ? text(*item.detail) : Json(nullptr)},
                    {"rules", item.rule_ids},
                    {"reasons", std::move(reasons)}});
  }
  j["plan"] = std::move(plan);
  return j;
}

}  // namespace meeloop::profile
