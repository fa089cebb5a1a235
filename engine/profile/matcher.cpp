#include "profile/matcher.h"

#include <algorithm>
#include <cmath>

namespace meeloop::profile {
namespace {

// Share of the fit each part may move (they add up to 1; 50 points either way in total).
constexpr double kGroupWeight = 0.35;
constexpr double kExpectWeight = 0.35;
constexpr double kSupportWeight = 0.2;
constexpr double kLevelWeight = 0.1;

// A score counts for less when we are unsure of it: a guess should not steer a placement.
double effective(const DimensionScore& d) { return d.score * (0.4 + 0.6 * d.confidence); }

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// What the profile says, boiled down once per person so scoring a ward is a few lookups.
struct Prepared {
  std::vector<double> eff;
  std::vector<double> group;  // per client group, in dims.client_groups() order
  double need = 0;  // 0..1 how much structure this person will lean on
  bool no_background = false;
};

Prepared prepare(const Profile& p, const DimensionSet& dims) {
  Prepared pr;
  pr.eff.resize(p.dimensions.size());
  for (size_t i = 0; i < p.dimensions.size(); ++i) pr.eff[i] = effective(p.dimensions[i]);
  const auto& groups = dims.client_groups();
  const size_t n = groups.size();
  std::vector<double> aff(n, 0.0);
  for (size_t g = 0; g < n; ++g) {
    auto idx = dims.index_of(affinity_dimension(groups[g]));
    aff[g] = idx ? pr.eff[*idx] : 0;
  }
  // Relative to the mean of the other groups: liking every group equally says little about this one.
  pr.group.resize(n);
  for (size_t g = 0; g < n; ++g) {
    double others = 0;
    for (size_t o = 0; o < n; ++o)
      if (o != g) others += aff[o];
    pr.group[g] = std::clamp(aff[g] - (n > 1 ? 0.3 * others / double(n - 1) : 0.0), -1.0, 1.0);
  }
  const std::string& exp = p.background.care_experience;
  pr.no_background = exp == "none";
  double from_background = exp == "none" ? 0.6 : (exp == "informal_carer" || exp == "some") ? 0.3 : 0;
  auto g = dims.index_of("guidance_need");
  pr.need = std::clamp((g ? std::max(0.0, pr.eff[*g]) : 0.0) + from_background, 0.0, 1.0);
  return pr;
}

Match score(const Prepared& pr, const Profile& p, const Workplace& w, const DimensionSet& dims, size_t index) {
  Match m;
  m.workplace = index;
  const auto& groups = dims.client_groups();
  auto gi = std::find(groups.begin(), groups.end(), w.client_group);
  double v_group = gi != groups.end() ? pr.group[size_t(gi - groups.begin())] : 0;

  double sum = 0, norm = 0, best = 0, worst = 0;
  int best_i = -1, worst_i = -1;
  for (size_t i = 0; i < w.expectations.size(); ++i) {
    const Expectation& e = w.expectations[i];
    double c = e.weight * pr.eff[e.dimension];
    sum += c;
    norm += std::fabs(e.weight);
    if (c > best) best = c, best_i = int(i);
    if (c < worst) worst = c, worst_i = int(i);
  }
  // Normalise by at least 1 so a ward with one faint expectation cannot swing the fit fully.
  double v_expect = sum / std::max(norm, 1.0);

  double v_support = pr.need * (2.0 * w.supervision.strength() - 1.0);
  if (pr.no_background) v_support += w.side_entrants_welcome ? 0.4 : -0.6;
  v_support = std::clamp(v_support, -1.0, 1.0);

  double v_level = 0;
  const auto& bg = p.background;
  if (!bg.levels_of_interest.empty()) {
    bool any = false;
    for (const auto& l : bg.levels_of_interest) any = any || contains(w.levels, l);
    v_level += any ? 0.5 : -1.0;
  }
  if (!bg.route.empty()) v_level += contains(w.routes, bg.route) ? 0.5 : -0.5;
  v_level = std::clamp(v_level, -1.0, 1.0);

  double total = kGroupWeight * v_group + kExpectWeight * v_expect + kSupportWeight * v_support +
                 kLevelWeight * v_level;
  m.raw = std::clamp(50.0 + 50.0 * total, 0.0, 100.0);
  m.fit = int(std::lround(m.raw));

  auto add = [&](ReasonKind k, double points, int detail) {
    if (std::fabs(points) > 1e-9) m.reasons[m.reason_count++] = Reason{k, points, detail};
  };
  add(ReasonKind::ClientGroup, 50 * kGroupWeight * v_group, -1);
  add(ReasonKind::Support, 50 * kSupportWeight * v_support, -1);
  add(ReasonKind::LevelRoute, 50 * kLevelWeight * v_level, -1);
  double scale = 50 * kExpectWeight / std::max(norm, 1.0);
  if (best_i >= 0) add(ReasonKind::Expectation, scale * best, best_i);
  if (worst_i >= 0) add(ReasonKind::Expectation, scale * worst, worst_i);
  // Insertion sort: at most five items (std::sort here trips GCC 12's -Warray-bounds).
  for (int i = 1; i < m.reason_count; ++i)
    for (int j = i; j > 0 && std::fabs(m.reasons[j].contribution) > std::fabs(m.reasons[j - 1].contribution); --j)
      std::swap(m.reasons[j], m.reasons[j - 1]);
  return m;
}

}  // namespace

MatchResult match(const Profile& p, const std::vector<Workplace>& workplaces,
                  const DimensionSet& dims) {
  MatchResult r;
  r.texts = dims.texts_shared();
  r.confidence = p.confidence;
  r.low_confidence = p.confidence < kLowConfidence;
  Prepared pr = prepare(p, dims);
  std::vector<Match> scored;
  scored.reserve(workplaces.size());
  for (size_t i = 0; i < workplaces.size(); ++i) scored.push_back(score(pr, p, workplaces[i], dims, i));
  // Sort small (fit, index) pairs rather than whole matches: a third of the time for 1,000 wards.
  std::vector<std::pair<double, size_t>> order(scored.size());
  for (size_t i = 0; i < scored.size(); ++i) order[i] = {scored[i].raw, i};
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return workplaces[a.second].id < workplaces[b.second].id;
  });
  r.ranked.reserve(scored.size());
  for (const auto& o : order) r.ranked.push_back(scored[o.second]);
  return r;
}

std::string confidence_notice(const MatchResult& r, const std::string& lang) {
  if (!r.low_confidence || !r.texts) return {};
  return r.texts->get(r.texts->language(lang), "match.low_confidence");
}

std::string client_group_name(const std::string& group, const TextTable& texts, const std::string& lang) {
  const std::string key = "client_group." + group;
  return texts.has(texts.language(lang), key) ? texts.get(texts.language(lang), key) : group;
}

}  // namespace meeloop::profile
