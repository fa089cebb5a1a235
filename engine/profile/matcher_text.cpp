// The plain-language side of the matcher (B1): short sentences, "je"/"you", no jargon. The
// sentences are data (data/text/<lang>.json, read with the dimensions); this file only picks
// which one applies and fills in its blanks.
#include <cmath>

#include "profile/matcher.h"

namespace meeloop::profile {
namespace {

// The texts of one language, so each sentence below is one lookup.
struct Say {
  const TextTable& t;
  const std::string& lang;
  Say(const TextTable& texts, const std::string& l) : t(texts), lang(texts.language(l)) {}
  std::string operator()(const std::string& key) const { return t.get(lang, key); }
  std::string operator()(const std::string& key, const std::vector<std::pair<std::string, std::string>>& v) const {
    return fill(t.get(lang, key), v);
  }
};

std::string join(const std::vector<std::string>& parts, const Say& say) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? say("list.and") : ", ";
    out += parts[i];
  }
  return out;
}

std::string supervision_list(const Supervision& s, const Say& say) {
  std::vector<std::string> parts;
  if (s.fixed_supervisor) parts.push_back(say("supervision.fixed_supervisor"));
  if (s.weekly_talk) parts.push_back(say("supervision.weekly_talk"));
  if (s.student_coach) parts.push_back(say("supervision.student_coach"));
  if (s.learning_unit) parts.push_back(say("supervision.learning_unit"));
  return join(parts, say);
}

std::string list_levels(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string reason_text(const Reason& r, const Workplace& w, const Profile& p,
                        const DimensionSet& dims, const Say& say) {
  bool plus = r.contribution > 0;
  switch (r.kind) {
    case ReasonKind::ClientGroup: {
      std::string g = client_group_name(w.client_group, say.t, say.lang);
      return say(plus ? "reason.group.plus" : "reason.group.minus", {{"group", g}});
    }
    case ReasonKind::Expectation: {
      const Expectation& e = w.expectations[size_t(r.detail)];
      const Dimension& d = dims.all()[e.dimension];
      return say(plus ? "reason.expectation.plus" : "reason.expectation.minus",
                 {{"theme", d.name.in(say.lang)}, {"why", e.why.in(say.lang)}});
    }
    case ReasonKind::Support: {
      std::string sup = supervision_list(w.supervision, say);
      bool none = p.background.care_experience == "none";
      if (plus && none && w.side_entrants_welcome)
        return sup.empty() ? say("reason.support.newcomer")
                           : say("reason.support.newcomer_guided", {{"supervision", sup}});
      if (plus) return say("reason.support.plus", {{"supervision", sup}});
      if (none && !w.side_entrants_welcome) return say("reason.support.needs_experience");
      return say("reason.support.minus");
    }
    case ReasonKind::LevelRoute:
      return say(plus ? "reason.level.plus" : "reason.level.minus",
                 {{"levels", list_levels(w.levels)}, {"routes", list_levels(w.routes)}});
  }
  return {};
}

}  // namespace

std::vector<std::string> reason_texts(const Match& m, const Workplace& w, const Profile& p,
                                      const DimensionSet& dims, const std::string& lang, int max) {
  Say say(dims.texts(), lang);
  std::vector<std::string> out;
  for (int i = 0; i < m.reason_count && int(out.size()) < max; ++i) {
    // Tiny effects are noise; but the strongest reason is always shown so no ward lacks one.
    if (i > 0 && std::fabs(m.reasons[i].contribution) < 1.0) break;
    out.push_back(reason_text(m.reasons[i], w, p, dims, say));
  }
  if (out.empty()) out.push_back(say("reason.none"));
  return out;
}

std::vector<std::string> talking_points(const Match& m, const Workplace& w, const Profile& p,
                                        const DimensionSet& dims, const std::string& lang) {
  Say say(dims.texts(), lang);
  std::vector<std::string> out;
  if (p.background.care_experience == "none") out.push_back(say("talk.no_background"));
  for (const Expectation& e : w.expectations) {
    if (out.size() >= 3) break;
    const DimensionScore& d = p.dimensions[e.dimension];
    if (std::fabs(e.weight) < 0.4 || d.confidence >= 0.3) continue;
    out.push_back(say("talk.little_seen",
                      {{"theme", dims.all()[e.dimension].name.in(say.lang)}, {"why", e.why.in(say.lang)}}));
  }
  if (w.physical_load == "high") out.push_back(say("talk.physical_load_high"));
  if (w.team_style == "independent") out.push_back(say("talk.independent"));
  if (w.care_intensity == "high") out.push_back(say("talk.care_intensity_high"));
  for (int i = 0; i < m.reason_count; ++i)
    if (m.reasons[i].kind == ReasonKind::LevelRoute && m.reasons[i].contribution < 0)
      out.push_back(say("talk.level_route"));
  if (out.size() > 5) out.resize(5);
  return out;
}

}  // namespace meeloop::profile
