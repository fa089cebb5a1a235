// The dimension chart: one diverging bar per dimension, from the centre line to the left (low
// pole) or right (high pole). Faint bars mean little or mixed evidence; the words beside
// them say so too, so the chart never relies on colour alone.
#include <cmath>
#include <cstdio>

#include "profile/exports.h"
#include "profile/html_util.h"

namespace meeloop::profile {
namespace html {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string confidence_word(double c, const TextTable& texts, const std::string& lang) {
  const std::string& l = texts.language(lang);
  return texts.get(l, c < 0.25 ? "confidence.little" : c < 0.55 ? "confidence.some" : "confidence.clear");
}

}  // namespace html

std::string dimension_chart_svg(const Report& r, const std::string& lang) {
  using html::esc;
  using html::num;
  const auto& dims = r.data->dims.all();
  const int label_w = 250, bar_w = 340, note_w = 130, row_h = 34, top = 30;
  const int width = label_w + bar_w + note_w, height = top + int(dims.size()) * row_h + 10;
  const int cx = label_w + bar_w / 2;
  const double half = bar_w / 2.0 - 6;
  const TextTable& texts = r.data->dims.texts();
  auto say = [&](const char* key) { return esc(texts.get(texts.language(lang), key)); };
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " +
       std::to_string(width) + " " + std::to_string(height) + "\" role=\"img\" aria-labelledby=\"chart-title\">";
  s += "<title id=\"chart-title\">" + say("chart.title") + "</title>";
  s += "<text x=\"" + std::to_string(label_w + 4) + "\" y=\"18\" class=\"axis\">&#8592; " + say("chart.less") + "</text>";
  s += "<text x=\"" + std::to_string(label_w + bar_w - 4) + "\" y=\"18\" class=\"axis\" text-anchor=\"end\">" +
       say("chart.more") + " &#8594;</text>";
  for (size_t i = 0; i < dims.size(); ++i) {
    const DimensionScore& d = r.profile.dimensions[i];
    int y = top + int(i) * row_h;
    if (i % 2 == 0)
      s += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
           std::to_string(row_h) + "\" fill=\"#f4f1ea\"/>";
    s += "<text x=\"" + std::to_string(label_w - 10) + "\" y=\"" + std::to_string(y + 22) +
         "\" text-anchor=\"end\" class=\"label\">" + esc(dims[i].name.in(lang)) + "</text>";
    double len = std::fabs(d.score) * half;
    if (len > 0.5) {
      double x = d.score >= 0 ? cx : cx - len;
      // Opacity follows confidence, with a floor so a real but uncertain signal stays visible.
      s += "<rect x=\"" + num(x, 1) + "\" y=\"" + std::to_string(y + 8) + "\" width=\"" + num(len, 1) +
           "\" height=\"18\" rx=\"3\" fill=\"" + (d.score >= 0 ? html::kHigh : html::kLow) +
           "\" fill-opacity=\"" + num(0.45 + 0.55 * d.confidence, 2) + "\"><title>" + num(d.score, 2) +
           "</title></rect>";
    }
    s += "<text x=\"" + std::to_string(label_w + bar_w + 8) + "\" y=\"" + std::to_string(y + 22) +
         "\" class=\"note\">" + esc(html::confidence_word(d.confidence, texts, lang)) + "</text>";
  }
  s += "<line x1=\"" + std::to_string(cx) + "\" y1=\"" + std::to_string(top - 4) + "\" x2=\"" +
       std::to_string(cx) + "\" y2=\"" + std::to_string(height - 6) + "\" stroke=\"#3b3b3b\" stroke-width=\"1.5\"/>";
  s += "</svg>";
  return s;
}

}  // namespace meeloop::profile
