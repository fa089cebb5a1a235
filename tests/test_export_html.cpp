// The participant's HTML report: self-contained, in Dutch or English, and really laid out by a
// browser (headless chromium screenshot: not blank, chart visible).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include <stb_image.h>

#include "export_tools.h"
#include "profile/exports.h"
#include "profile/html_util.h"
#include "profile_fixtures.h"
#include "temp_dir.h"

using namespace meeloop;
using namespace meeloop::profile;

namespace {

Report html_sample(const std::string& lang) {
  auto who = test::person("none", lang);
  who.background.situation = "side_entrant";
  std::vector<store::Session> sessions{{1, who.code, "living_room_breakfast", "3", lang,
                                        "2026-05-01T09:00:00Z", "2026-05-01T09:12:00Z", "calm_morning"}};
  auto events = test::pg_leaning_events(6);
  events.push_back(test::choice(1, 7, "rushed_wash", {{"safety_hygiene", -0.6}, {"guidance_need", 0.7}}));
  events.push_back(test::choice(1, 8, "report_bruise", {{"noticing_reporting", 0.9}, {"improvisation", -0.4}}));
  // Scenes log a locale key or a sentence as the reason; keys fall back to the dimension's words.
  for (auto& e : events)
    for (auto& ev : e.evidence) ev.reason = "breakfast.reason." + e.step_id;
  events[6].evidence[0].reason = lang == "en" ? "You skipped washing your hands because it was busy."
                                              : "Je sloeg het handen wassen over omdat het druk was.";
  return make_report(test::shipped_data(), who, sessions, events, "2026-05-01T09:15:00Z");
}

}  // namespace

TEST_CASE("the HTML report is self-contained and in the chosen language", "[export]") {
  for (const std::string lang : {"nl", "en"}) {
    INFO(lang);
    std::string html = html_report(html_sample(lang), lang);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<html lang=\"" + lang + "\">") != std::string::npos);
    // Nothing is fetched from elsewhere: no scripts, links, images, imports or CSS urls.
    for (const char* banned : {"<script", "src=", "href=", "url(", "@import", "<link", "<img"})
      CHECK(html.find(banned) == std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find(html::kHigh) != std::string::npos);
    CHECK(html.find("MEE-TEST-01") != std::string::npos);
    // Every ward is in the table, with its rank.
    CHECK(html.find("<td>" + std::to_string(test::shipped_data().workplaces.size()) + "</td>") != std::string::npos);
  }
  std::string nl = html_report(html_sample("nl"), "nl");
  CHECK(nl.find("Wat we zagen") != std::string::npos);
  CHECK(nl.find("geen test en geen oordeel") != std::string::npos);
  CHECK(nl.find("Eerst meelopen in de huiskamer") != std::string::npos);
  CHECK(nl.find("Je sloeg het handen wassen over omdat het druk was.") != std::string::npos);
  CHECK(nl.find("breakfast.reason.") == std::string::npos);  // keys are explained, not shown
  CHECK(nl.find("Je zoekt rustig contact met verwarde of onrustige bewoners.") != std::string::npos);
  std::string en = html_report(html_sample("en"), "en");
  CHECK(en.find("What we saw") != std::string::npos);
  CHECK(en.find("Language support") != std::string::npos);  // played in English
  // Text from data is escaped, not injected.
  Report tricky = html_sample("nl");
  tricky.profile.code = "<b>x</b>";
  CHECK(html_report(tricky, "nl").find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("headless chromium lays the HTML report out: not blank, chart visible", "[export]") {
  auto dir = test::fresh_dir("export-html");
  auto page = dir / "report.html";
  REQUIRE(write_file_atomically(page, html_report(html_sample("nl"), "nl")).ok());
  // Kept in the build tree so a person can look at what the browser drew.
  auto shot = std::filesystem::path(MEELOOP_BINARY_DIR) / "test-output" / "profile-report-nl.png";
  std::filesystem::create_directories(shot.parent_path());
  std::filesystem::remove(shot);
  std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync "
                    "--hide-scrollbars --user-data-dir=" + test::sh(dir / "profile") +
                    " --screenshot=" + test::sh(shot) + " --window-size=1000,1400 " +
                    test::sh("file://" + page.string());
  auto res = test::run_command(cmd);
  INFO(res.output);
  REQUIRE(std::filesystem::exists(shot));

  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(shot.c_str(), &w, &h, &n, 3);
  REQUIRE(px != nullptr);
  CHECK(w == 1000);
  CHECK(h == 1400);
  double sum = 0, sum2 = 0;
  long teal = 0;
  const long count = long(w) * h;
  for (long i = 0; i < count; ++i) {
    const unsigned char* p = px + i * 3;
    double lum = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
    sum += lum;
    sum2 += lum * lum;
    // The chart's teal (#0f766e, drawn at partial opacity over the page) is unique to the chart.
    if (p[0] < 110 && p[1] > 110 && p[1] < 190 && p[2] > 100 && p[2] < 180 && p[1] > p[0] + 50) ++teal;
  }
  stbi_image_free(px);
  double mean = sum / double(count);
  double variance = sum2 / double(count) - mean * mean;
  INFO("mean " << mean << " variance " << variance << " teal pixels " << teal);
  CHECK(mean > 150);        // a light page...
  CHECK(variance > 300);    // ...with real content on it, not blank
  CHECK(teal > 2000);       // the chart's bars are drawn
}

TEST_CASE("the report template escapes every value unless it says raw, and a broken template is refused", "[export]") {
  // Trainer data with markup in it is shown as text, wherever the template puts it.
  profile::ProfileData data = test::shipped_data();
  for (auto& w : data.workplaces) w.ward.nl = "<script>x</script> & 'co'";
  Report r = make_report(data, test::person("none"), {}, test::pg_leaning_events(6), "2026-05-01T09:15:00Z");
  std::string html = html_report(r, "nl");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;x&lt;/script&gt; &amp; &#39;co&#39;") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);  // the chart, the one raw value, is markup

  test::TempDir dir("meeloop-report-template");
  std::ofstream(dir.path / "broken.html.mustache") << "<p>{{#cards}}never closed</p>";
  auto broken = load_report_template(dir.path / "broken.html.mustache");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().kind == ErrorKind::BadInput);
  CHECK(broken.error().file.find("broken.html.mustache") != std::string::npos);
  auto shipped = load_report_template(test::settings().paths.data_root / "data" / "templates" / "report.html.mustache");
  REQUIRE(shipped.ok());
  CHECK(*shipped == test::shipped_data().report_template);
}
