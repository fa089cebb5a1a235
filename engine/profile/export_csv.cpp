#include <cstdio>

#include "profile/exports.h"

namespace meeloop::profile {
namespace {

std::string number(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ',';
    out += f;
    first = false;
  }
  out += "\r\n";  // RFC 4180 line end
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string s(text);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string profile_csv(const Report& r, const std::string& lang) {
  const ProfileData& d = *r.data;
  const TextTable& texts = d.dims.texts();
  const Profile& p = r.profile;
  const std::string code = csv_field(p.code);
  std::string out;
  // Numbers are written unquoted with a '.' decimal point so a spreadsheet reads them as numbers.
  row(out, {"participant", "record", "rank", "id", "label", "score", "confidence", "detail"});
  for (size_t i = 0; i < p.dimensions.size(); ++i) {
    const DimensionScore& s = p.dimensions[i];
    const Dimension& dim = d.dims.all()[i];
    std::string pole = s.score > 0.05 ? dim.high.in(lang) : s.score < -0.05 ? dim.low.in(lang) : "";
    row(out, {code, "dimension", "", csv_field(s.id), csv_field(dim.name.in(lang)), number(s.score, 3),
              number(s.confidence, 3),
              csv_field(pole + (pole.empty() ? "" : " ") + "(" +
                        fill(texts.get(texts.language(lang), "csv.evidence_count"),
                             {{"count", std::to_string(s.evidence_count)}}) + ")")});
  }
  int rank = 0;
  for (const Match& m : r.matches.ranked) {
    const Workplace& w = d.workplaces[m.workplace];
    row(out, {code, "workplace", std::to_string(++rank), csv_field(w.id),
              csv_field(w.organisation + " - " + w.ward.in(lang) + " (" + w.city + ")"),
              std::to_string(m.fit), number(r.profile.confidence, 3),
              csv_field(join_lines(reason_texts(m, w, p, d.dims, lang)))});
  }
  for (const PlanItem& item : r.plan.items) {
    const PlanElement& el = d.rules.elements[item.element];
    std::vector<std::string> reasons;
    for (const auto& reason : item.reasons) reasons.push_back(reason.in(lang));
    row(out, {code, "plan", "", csv_field(el.id),
              csv_field(el.title.in(lang) + (item.detail ? ": " + item.detail->in(lang) : "")), "", "",
              csv_field(join_lines(reasons))});
  }
  return out;
}

}  // namespace meeloop::profile
