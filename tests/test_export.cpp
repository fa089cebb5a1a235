// Exports: profile JSON against its published schema (ajv), CSV quoting (RFC 4180), xAPI
// statements (xapi-validation) and the HTML report rendered by headless chromium.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "export_tools.h"
#include "profile/exports.h"
#include "profile_fixtures.h"

using namespace meeloop;
using namespace meeloop::profile;

namespace {

// A person who played twice (one session ended, one interrupted), with help asked, an
// interaction, an ending and a reason full of characters that CSV must quote.
Report sample_report(const std::string& lang = "nl") {
  auto who = test::person("none", lang);
  who.background.situation = "side_entrant";
  who.background.levels_of_interest = {"mbo3"};
  who.background.route = "bbl";
  std::vector<store::Session> sessions(2);
  sessions[0] = {1, who.code, "living_room_breakfast", "3", lang, "2026-05-01T09:00:00Z", "2026-05-01T09:12:00Z", "calm_morning"};
  sessions[1] = {2, who.code, "home_visit", "1", lang, "2026-05-02T10:00:00Z", "", ""};
  auto events = test::pg_leaning_events(6);
  events[2].help_asked = true;
  events[3].evidence[0].reason = "Knocked, said \"good morning\", waited; then\nasked consent";
  auto help = test::choice(1, 7, "ask_supervisor", {{"daring_to_ask", 1.0}});
  help.kind = "help";
  help.item_id = "";
  auto touch = test::choice(2, 0, "kitchen", {{"safety_hygiene", 0.8}}, "home_visit");
  touch.kind = "interaction";
  touch.item_id = "wash_hands#sink";
  auto end = test::choice(1, 8, "end", {}, "living_room_breakfast");
  end.kind = "ending";
  end.item_id = "calm_morning";
  events.push_back(help);
  events.push_back(touch);
  events.push_back(end);
  return make_report(test::shipped_data(), who, sessions, events, "2026-05-02T10:30:00Z");
}

std::filesystem::path write(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  auto path = dir / name;
  REQUIRE(write_file_atomically(path, text).ok());
  return path;
}

// A small RFC 4180 reader, to prove what a spreadsheet will see.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("profile JSON carries format, trail, every ward and the plan, and validates against its schema", "[export]") {
  Report r = sample_report();
  Json j = profile_json(r);
  CHECK(j["format"] == "meeloop.profile/1");
  CHECK(j["matches"].size() == test::shipped_data().workplaces.size());
  CHECK(j["dimensions"].size() == test::shipped_data().dims.size());
  CHECK(j["plan"].size() >= 5);
  CHECK(j["dimensions"][0]["trail"].size() == 6);  // affinity_pg from the six PG choices
  CHECK(j["matches"][0]["reasons"][0]["nl"].get<std::string>().size() > 10);

  if (!test::node_tools_ready()) FAIL(test::kNodeHint);
  auto dir = test::fresh_dir("export-json");
  auto file = write(dir, "profile.json", j.dump(2));
  auto schema = std::filesystem::path(MEELOOP_SOURCE_DIR) / "docs/schema/profile.schema.json";
  auto ok = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-schema.js") + " " +
                              test::sh(schema) + " " + test::sh(file));
  INFO(ok.output);
  CHECK(ok.code == 0);
  // The validator must also catch a broken file, or the check above proves nothing.
  j["matches"][0]["fit"] = 150;
  j.erase("format");
  auto bad_file = write(dir, "bad.json", j.dump());
  auto bad = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-schema.js") + " " +
                               test::sh(schema) + " " + test::sh(bad_file));
  INFO(bad.output);
  CHECK(bad.code == 1);
  CHECK(bad.output.find("/matches/0/fit") != std::string::npos);
}

TEST_CASE("the shipped workplace files validate against docs/schema/workplace.schema.json", "[export]") {
  if (!test::node_tools_ready()) FAIL(test::kNodeHint);
  auto schema = std::filesystem::path(MEELOOP_SOURCE_DIR) / "docs/schema/workplace.schema.json";
  int files = 0;
  std::string list;
  for (const auto& entry : std::filesystem::directory_iterator(data_root() / "data" / "workplaces")) {
    list += " " + test::sh(entry.path());
    ++files;
  }
  auto res = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-schema.js") + " " +
                               test::sh(schema) + list);
  INFO(res.output);
  CHECK(res.code == 0);
  CHECK(files >= 12);
}

TEST_CASE("CSV fields are quoted per RFC 4180 and formulas are defused", "[export]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("@cmd") == "'@cmd");
  CHECK(csv_field("") == "");

  Report r = sample_report();
  std::string csv = profile_csv(r, "nl");
  // Every line ends in CRLF; no bare LF outside quotes survives the parser below.
  CHECK(csv.size() > 2);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  auto rows = parse_csv(csv);
  size_t expected = 1 + r.profile.dimensions.size() + r.matches.ranked.size() + r.plan.items.size();
  REQUIRE(rows.size() == expected);
  CHECK(rows[0] == std::vector<std::string>{"participant", "record", "rank", "id", "label", "score", "confidence", "detail"});
  for (const auto& row : rows) CHECK(row.size() == 8);
  CHECK(rows[1][1] == "dimension");
  CHECK(rows[1][3] == "affinity_pg");
  CHECK(std::stod(rows[1][5]) > 0.5);  // numbers stay numbers
  size_t first_ward = 1 + r.profile.dimensions.size();
  CHECK(rows[first_ward][1] == "workplace");
  CHECK(rows[first_ward][2] == "1");
  CHECK(rows[first_ward][7].find('\n') != std::string::npos);  // several reasons in one cell
  CHECK(rows.back()[1] == "plan");
}

TEST_CASE("xAPI statements use a pseudonymous account, ADL verbs and project IRIs, and pass xapi-validation", "[export]") {
  Report r = sample_report();
  Json st = xapi_statements(r);
  // 2 session starts + 9 events + 1 session end (the interrupted one has no end).
  REQUIRE(st.size() == 12);
  std::set<std::string> verbs, ids;
  for (const Json& s : st) {
    CHECK(s["actor"]["account"]["name"] == r.participant.code);
    CHECK(s["actor"]["account"]["homePage"] == "https://meeloop.example");
    CHECK_FALSE(s["actor"].contains("mbox"));
    CHECK_FALSE(s["actor"].contains("name"));
    verbs.insert(s["verb"]["id"].get<std::string>());
    ids.insert(s["id"].get<std::string>());
    CHECK(s["object"]["id"].get<std::string>().rfind(std::string(kXapiBase) + "/scenes/", 0) == 0);
    CHECK(s["timestamp"].get<std::string>().back() == 'Z');
  }
  CHECK(ids.size() == st.size());  // unique statement ids
  for (const char* v : {"answered", "interacted", "asked", "completed", "initialized", "terminated"})
    CHECK(verbs.count(std::string("http://adlnet.gov/expapi/verbs/") + v) == 1);
  const Json& choice = st[2];
  CHECK(choice["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
  CHECK(choice["object"]["id"].get<std::string>().find("/steps/step0/choices/step0_choice") != std::string::npos);
  const Json& evidence = choice["result"]["extensions"][std::string(kXapiBase) + "/extensions/evidence"];
  REQUIRE(evidence.size() == 10);
  CHECK(evidence[0]["dimension"] == "affinity_pg");
  CHECK(choice["result"]["duration"] == "PT3.500S");
  // Ids with characters that are not allowed in an IRI path are percent-encoded.
  bool encoded = false;
  for (const Json& s : st) encoded = encoded || s["object"]["id"].get<std::string>().find("wash_hands%23sink") != std::string::npos;
  CHECK(encoded);
  // Re-exporting gives the same ids, so an LRS can drop duplicates.
  CHECK(xapi_statements(sample_report())[5]["id"] == st[5]["id"]);

  if (!test::node_tools_ready()) FAIL(test::kNodeHint);
  auto dir = test::fresh_dir("export-xapi");
  auto file = write(dir, "statements.json", st.dump(2));
  auto ok = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " + test::sh(file));
  INFO(ok.output);
  CHECK(ok.code == 0);
  Json broken = st;
  broken[0]["verb"]["id"] = "answered";  // not an IRI
  broken[1]["actor"] = {{"mbox", "not-an-email"}};
  auto bad = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " +
                               test::sh(write(dir, "broken.json", broken.dump())));
  INFO(bad.output);
  CHECK(bad.code == 1);
  CHECK(bad.output.find("statement 0") != std::string::npos);
  CHECK(bad.output.find("statement 1") != std::string::npos);
}
