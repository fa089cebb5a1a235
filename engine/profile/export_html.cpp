// The participant's own report: one self-contained HTML file (inline CSS and SVG, no fonts,
// scripts or images from elsewhere) that reads well on screen and on paper. Plain language (B1).
// The page is data/templates/report.html.mustache, rendered by kainjow mustache, which escapes
// every value; this file only gathers the values.
#include <cmath>
#include <map>

#include <kainjow/mustache.hpp>

#include "core/paths.h"
#include "profile/exports.h"
#include "profile/html_util.h"

namespace meeloop::profile {
namespace {
using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

// A value shown as text. Always through std::string: a char* would pick data's bool constructor.
data text(const std::string& s) { return data(s); }
data number(long v) { return data(std::to_string(v)); }

// "report.title" -> {{text.report.title}}: every text of `lang`, nested by the dots in its key.
data texts_of(const TextTable& t, const std::string& lang) {
  struct Node {
    std::map<std::string, Node> children;
    std::string value;
  };
  Node root;
  for (const auto& [key, value] : t.all(lang)) {
    Node* n = &root;
    size_t from = 0;
    for (size_t dot = key.find('.'); dot != std::string::npos; from = dot + 1, dot = key.find('.', from))
      n = &n->children[key.substr(from, dot - from)];
    n->children[key.substr(from)].value = value;
  }
  auto convert = [](const auto& self, const Node& n) -> data {
    if (n.children.empty()) return text(n.value);
    data out{data::type::object};
    for (const auto& [name, child] : n.children) out.set(name, self(self, child));
    return out;
  };
  return convert(convert, root);
}

// Scenes may log a locale key instead of a sentence; then the dimension's own words explain it.
std::string readable_reason(const TrailEntry& t, const Dimension& d, const std::string& lang) {
  bool looks_like_key = t.reason.find(' ') == std::string::npos && t.reason.find('.') != std::string::npos;
  if (!t.reason.empty() && !looks_like_key) return t.reason;
  return (t.weight >= 0 ? d.high : d.low).in(lang);
}

data dimension_rows(const Report& r, const TextTable& t, const std::string& lang) {
  const auto& dims = r.data->dims.all();
  list rows;
  for (size_t i = 0; i < dims.size(); ++i) {
    const DimensionScore& d = r.profile.dimensions[i];
    std::string seen = d.evidence_count == 0 ? t.get(lang, "report.seen.nothing")
                       : std::fabs(d.score) < 0.1 ? t.get(lang, "report.seen.mixed")
                       : (d.score > 0 ? dims[i].high : dims[i].low).in(lang);
    data row;
    row.set("name", text(dims[i].name.in(lang)));
    row.set("seen", text(seen));
    row.set("count", number(d.evidence_count));
    row.set("confidence", text(html::confidence_word(d.confidence, t, lang)));
    rows.push_back(row);
  }
  return rows;
}

data evidence_items(const Report& r, const std::string& lang) {
  const auto& dims = r.data->dims.all();
  list items;
  for (size_t i = 0; i < dims.size(); ++i) {
    const auto& trail = r.profile.dimensions[i].trail;
    // Per theme the strongest moment for and the strongest against: enough to explain a
    // score (also a mixed one), short enough to read. The full trail is in the JSON export.
    const TrailEntry* pos = nullptr;
    const TrailEntry* neg = nullptr;
    for (const auto& t : trail) {
      if (t.weight > 0 && (!pos || t.weight > pos->weight)) pos = &t;
      if (t.weight < 0 && (!neg || t.weight < neg->weight)) neg = &t;
    }
    for (const TrailEntry* t : {pos, neg}) {
      if (!t) continue;
      data item;
      item.set("theme", text(dims[i].name.in(lang)));
      item.set("plus", data(t->weight >= 0));
      item.set("weight", text(html::num(std::fabs(t->weight), 1)));
      item.set("reason", text(readable_reason(*t, dims[i], lang)));
      item.set("scene", text(t->scene_id));
      item.set("step", text(t->step_id));
      items.push_back(item);
    }
  }
  return items;
}

data strings(const std::vector<std::string>& v) {
  list out;
  for (const auto& s : v) out.push_back(text(s));
  return out;
}

data ward(const Report& r, const Match& m, long rank, const std::string& lang) {
  const Workplace& w = r.data->workplaces[m.workplace];
  data out;
  out.set("rank", number(rank));
  out.set("ward", text(w.ward.in(lang)));
  out.set("organisation", text(w.organisation));
  out.set("city", text(w.city));
  out.set("region", text(w.region));
  out.set("fit", number(m.fit));
  return out;
}

data match_cards(const Report& r, const std::string& lang, size_t top) {
  const ProfileData& d = *r.data;
  list cards;
  for (size_t i = 0; i < r.matches.ranked.size() && i < top; ++i) {
    const Match& m = r.matches.ranked[i];
    const Workplace& w = d.workplaces[m.workplace];
    data card = ward(r, m, long(i + 1), lang);
    card.set("reasons", strings(reason_texts(m, w, r.profile, d.dims, lang)));
    card.set("talk", strings(talking_points(m, w, r.profile, d.dims, lang)));
    cards.push_back(card);
  }
  return cards;
}

data all_wards(const Report& r, const std::string& lang) {
  list rows;
  long rank = 0;
  for (const Match& m : r.matches.ranked) rows.push_back(ward(r, m, ++rank, lang));
  return rows;
}

data plan_items(const Report& r, const std::string& lang) {
  list items;
  for (const PlanItem& item : r.plan.items) {
    const PlanElement& el = r.data->rules.elements[item.element];
    data out;
    out.set("title", text(el.title.in(lang)));
    if (item.detail) out.set("detail", text(item.detail->in(lang)));
    out.set("description", text(el.description.in(lang)));
    list reasons;
    for (const auto& reason : item.reasons) reasons.push_back(text(reason.in(lang)));
    out.set("reasons", reasons);
    items.push_back(out);
  }
  return items;
}

}  // namespace

Result<std::string> load_report_template(const std::filesystem::path& file) {
  MEELOOP_ASSIGN_OR_RETURN(std::string bytes, read_regular_file(file, 1 << 20, "the report template"));
  mustache page(bytes);
  if (!page.is_valid()) return bad_input(file.string(), "", "the template does not parse: " + page.error_message());
  return bytes;
}

std::string html_report(const Report& r, const std::string& lang_asked) {
  const Profile& p = r.profile;
  const TextTable& t = r.data->dims.texts();
  const std::string& lang = t.language(lang_asked);
  data page;
  page.set("lang", text(lang));
  page.set("text", texts_of(t, lang));
  page.set("code", text(p.code));
  page.set("date", text(r.generated_at.substr(0, 10)));
  page.set("sessions", number(p.sessions));
  page.set("events", number(p.events));
  if (std::string notice = confidence_notice(r.matches, lang); !notice.empty()) page.set("notice", text(notice));
  page.set("chart", text(dimension_chart_svg(r, lang)));  // escaped inside; the template's one raw value
  page.set("dimensions", dimension_rows(r, t, lang));
  page.set("evidence", evidence_items(r, lang));
  page.set("cards", match_cards(r, lang, 4));
  page.set("wards", all_wards(r, lang));
  page.set("plan", plan_items(r, lang));
  bool fictional = false;
  for (const auto& w : r.data->workplaces) fictional = fictional || w.fictional;
  page.set("fictional", data(fictional));
  page.set("version", text(version()));

  mustache tmpl(r.data->report_template);
  tmpl.set_custom_escape([](const std::string& s) { return html::esc(s); });
  return tmpl.render(page);
}

}  // namespace meeloop::profile
