// The participant's own report: one self-contained HTML file (inline CSS and SVG, no fonts,
// scripts or images from elsewhere) that reads well on screen and on paper. Plain language (B1).
#include <algorithm>
#include <cmath>

#include "core/paths.h"
#include "profile/exports.h"
#include "profile/html_util.h"

namespace meeloop::profile {
namespace {
using html::esc;

const char* kCss = R"css(
:root{--ink:#1f2328;--muted:#5b6169;--paper:#fffdf8;--line:#e3ddd0;--teal:#0f766e;--warm:#c2410c;--soft:#f4f1ea}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:17px/1.55 "DejaVu Sans",Verdana,Arial,sans-serif}
main{max-width:920px;margin:0 auto;padding:28px 32px 48px}
header{border-bottom:4px solid var(--teal);padding-bottom:14px;margin-bottom:18px}
h1{font-size:30px;margin:0 0 4px;color:var(--teal)}
h2{font-size:22px;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:18px;margin:0 0 6px}
.meta{color:var(--muted);font-size:15px;margin:0}
.lead{font-size:18px}
.notice{background:#fff4e5;border-left:6px solid var(--warm);padding:12px 16px;border-radius:6px;margin:16px 0}
.chart{width:100%;height:auto;font-size:14px}
.chart .label{font-size:14px;fill:var(--ink)}
.chart .note,.chart .axis{font-size:12px;fill:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:15px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft)}
.cards{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.card{border:1px solid var(--line);border-radius:10px;padding:14px 16px;background:#fff;break-inside:avoid}
.card .org{color:var(--muted);font-size:14px;margin:0 0 8px}
.fit{display:flex;align-items:center;gap:10px;margin:6px 0 8px;font-weight:bold}
.fit .bar{flex:1;height:10px;background:var(--soft);border-radius:5px;overflow:hidden}
.fit .bar span{display:block;height:100%;background:var(--teal)}
.card ul,.plan ul{margin:4px 0 0;padding-left:20px}
.talk{color:var(--muted);font-size:15px}
.plan li.item{margin:0 0 14px;list-style:none}
.plan{padding:0}
.plan .detail{display:inline-block;background:var(--soft);border-radius:4px;padding:0 6px;font-size:15px}
.evidence li{margin-bottom:4px}
.where{color:var(--muted);font-size:14px}
td.nowrap{white-space:nowrap}
.plus{color:var(--teal);font-weight:bold}.minus{color:var(--warm);font-weight:bold}
footer{margin-top:36px;color:var(--muted);font-size:14px;border-top:1px solid var(--line);padding-top:10px}
@media (max-width:700px){.cards{grid-template-columns:1fr}}
@media print{body{background:#fff;font-size:12pt}main{max-width:none;padding:0}h2{break-after:avoid}.card,.plan li.item,tr{break-inside:avoid}}
)css";

std::string tr(const std::string& lang, const char* nl, const char* en) { return lang == "en" ? en : nl; }

// Scenes may log a locale key instead of a sentence; then the dimension's own words explain it.
std::string readable_reason(const TrailEntry& t, const Dimension& d, const std::string& lang) {
  bool looks_like_key = t.reason.find(' ') == std::string::npos && t.reason.find('.') != std::string::npos;
  if (!t.reason.empty() && !looks_like_key) return t.reason;
  return (t.weight >= 0 ? d.high : d.low).in(lang);
}

std::string dimension_table(const Report& r, const std::string& lang) {
  const auto& dims = r.data->dims.all();
  std::string s = "<table><thead><tr><th>" + tr(lang, "Thema", "Theme") + "</th><th>" +
                  tr(lang, "Wat we zagen", "What we saw") + "</th><th>" + tr(lang, "Bewijs", "Evidence") +
                  "</th></tr></thead><tbody>";
  for (size_t i = 0; i < dims.size(); ++i) {
    const DimensionScore& d = r.profile.dimensions[i];
    std::string seen = d.evidence_count == 0 ? tr(lang, "Nog niets gezien in het spel.", "Nothing seen in the game yet.")
                       : std::fabs(d.score) < 0.1 ? tr(lang, "Je keuzes wezen beide kanten op.", "Your choices pointed both ways.")
                       : (d.score > 0 ? dims[i].high : dims[i].low).in(lang);
    s += "<tr><td>" + esc(dims[i].name.in(lang)) + "</td><td>" + esc(seen) + "</td><td class=\"nowrap\">" +
         std::to_string(d.evidence_count) + "&times; &middot; " + esc(html::confidence_word(d.confidence, lang)) +
         "</td></tr>";
  }
  return s + "</tbody></table>";
}

std::string evidence_list(const Report& r, const std::string& lang) {
  const auto& dims = r.data->dims.all();
  std::string s = "<ul class=\"evidence\">";
  int shown = 0;
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
      s += "<li><strong>" + esc(dims[i].name.in(lang)) + "</strong> <span class=\"" +
           (t->weight >= 0 ? "plus\">+" : "minus\">&minus;") + html::num(std::fabs(t->weight), 1) + "</span>: " +
           esc(readable_reason(*t, dims[i], lang)) + " <span class=\"where\">(" + esc(t->scene_id) + " &rsaquo; " +
           esc(t->step_id) + ")</span></li>";
      ++shown;
    }
  }
  if (shown == 0) s += "<li>" + tr(lang, "Nog geen keuzes vastgelegd.", "No choices logged yet.") + "</li>";
  return s + "</ul>";
}

std::string match_cards(const Report& r, const std::string& lang, size_t top) {
  const ProfileData& d = *r.data;
  std::string s = "<div class=\"cards\">";
  for (size_t i = 0; i < r.matches.ranked.size() && i < top; ++i) {
    const Match& m = r.matches.ranked[i];
    const Workplace& w = d.workplaces[m.workplace];
    s += "<section class=\"card\"><h3>" + std::to_string(i + 1) + ". " + esc(w.ward.in(lang)) + "</h3>";
    s += "<p class=\"org\">" + esc(w.organisation) + " &middot; " + esc(w.city) + " (" + esc(w.region) + ")</p>";
    s += "<div class=\"fit\"><span>" + std::to_string(m.fit) + "/100</span><span class=\"bar\"><span style=\"width:" +
         std::to_string(m.fit) + "%\"></span></span></div><ul>";
    for (const auto& reason : reason_texts(m, w, r.profile, d.dims, lang)) s += "<li>" + esc(reason) + "</li>";
    s += "</ul><p class=\"talk\"><strong>" + tr(lang, "Om over te praten:", "To talk about:") + "</strong></p><ul class=\"talk\">";
    for (const auto& t : talking_points(m, w, r.profile, d.dims, lang)) s += "<li>" + esc(t) + "</li>";
    s += "</ul></section>";
  }
  return s + "</div>";
}

std::string all_matches_table(const Report& r, const std::string& lang) {
  const ProfileData& d = *r.data;
  std::string s = "<table><thead><tr><th>#</th><th>" + tr(lang, "Afdeling", "Ward") + "</th><th>" +
                  tr(lang, "Organisatie", "Organisation") + "</th><th>" + tr(lang, "Past", "Fit") +
                  "</th></tr></thead><tbody>";
  int rank = 0;
  for (const Match& m : r.matches.ranked) {
    const Workplace& w = d.workplaces[m.workplace];
    s += "<tr><td>" + std::to_string(++rank) + "</td><td>" + esc(w.ward.in(lang)) + "</td><td>" +
         esc(w.organisation) + ", " + esc(w.city) + "</td><td>" + std::to_string(m.fit) + "</td></tr>";
  }
  return s + "</tbody></table>";
}

std::string plan_list(const Report& r, const std::string& lang) {
  std::string s = "<ol class=\"plan\">";
  for (const PlanItem& item : r.plan.items) {
    const PlanElement& el = r.data->rules.elements[item.element];
    s += "<li class=\"item\"><h3>" + esc(el.title.in(lang)) + "</h3>";
    if (item.detail) s += "<span class=\"detail\">" + esc(item.detail->in(lang)) + "</span>";
    s += "<div>" + esc(el.description.in(lang)) + "</div><ul>";
    for (const auto& reason : item.reasons) s += "<li>" + esc(reason.in(lang)) + "</li>";
    s += "</ul></li>";
  }
  return s + "</ol>";
}

}  // namespace

std::string html_report(const Report& r, const std::string& lang) {
  const Profile& p = r.profile;
  std::string s = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == "en" ? "en" : "nl") +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                  "<title>" + tr(lang, "Jouw Meeloop-profiel", "Your Meeloop profile") + "</title><style>" + kCss +
                  "</style></head><body><main>";
  s += "<header><h1>" + tr(lang, "Jouw Meeloop-profiel", "Your Meeloop profile") + "</h1><p class=\"meta\">" +
       tr(lang, "Code", "Code") + " " + esc(p.code) + " &middot; " + esc(r.generated_at.substr(0, 10)) + " &middot; " +
       std::to_string(p.sessions) + " " + tr(lang, "keer gespeeld", "session(s) played") + ", " +
       std::to_string(p.events) + " " + tr(lang, "keuzes", "choices") + "</p></header>";
  s += "<p class=\"lead\">" +
       tr(lang,
          "Dit is wat we zagen toen je Meeloop speelde. Het is geen test en geen oordeel. Het helpt jou en je "
          "begeleider om te praten over een plek die bij je past, en over wat je nodig hebt om goed te starten.",
          "This is what we saw when you played Meeloop. It is not a test and not a judgement. It helps you and "
          "your supervisor talk about a place that suits you, and about what you need for a good start.") + "</p>";
  std::string notice = confidence_notice(r.matches, lang);
  if (!notice.empty()) s += "<p class=\"notice\">" + esc(notice) + "</p>";

  s += "<h2>" + tr(lang, "Wat we zagen", "What we saw") + "</h2>" + dimension_chart_svg(r, lang);
  s += "<p class=\"meta\">" + tr(lang, "Een balk naar rechts betekent: dit zagen we vaak. Naar links: dit zagen we minder. Een lichte balk: nog weinig bewijs.",
                                 "A bar to the right means: we saw this often. To the left: we saw this less. A pale bar: little evidence yet.") + "</p>";
  s += dimension_table(r, lang);
  s += "<h2>" + tr(lang, "Waarom: jouw keuzes", "Why: your choices") + "</h2>" + evidence_list(r, lang);
  s += "<h2>" + tr(lang, "Afdelingen die bij je kunnen passen", "Wards that may suit you") + "</h2>";
  s += "<p>" + tr(lang, "Alle afdelingen staan in de lijst; niemand valt af. Bovenaan staan de plekken die het best lijken te passen.",
                  "Every ward is in the list; no one is ruled out. The places that seem to suit you best come first.") + "</p>";
  s += match_cards(r, lang, 4) + "<h3 style=\"margin-top:18px\">" + tr(lang, "Alle afdelingen", "All wards") + "</h3>" +
       all_matches_table(r, lang);
  s += "<h2>" + tr(lang, "Jouw start: voorstel voor de inwerkperiode", "Your start: a suggested introduction") + "</h2>" + plan_list(r, lang);
  bool fictional = false;
  for (const auto& w : r.data->workplaces) fictional = fictional || w.fictional;
  s += "<footer>" +
       tr(lang, "Dit profiel hoort bij jouw code, niet bij je naam. Je kunt je gegevens altijd laten verwijderen. ",
          "This profile belongs to your code, not to your name. You can always have your data deleted. ");
  if (fictional)
    s += tr(lang, "De organisaties in dit voorbeeld zijn verzonnen (fictief). ", "The organisations in this example are made up (fictional). ");
  s += "Meeloop " + esc(version()) + "</footer></main></body></html>\n";
  return s;
}

}  // namespace meeloop::profile
