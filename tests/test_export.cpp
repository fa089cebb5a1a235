// Exports: profile JSON against its published schema (ajv), CSV quoting (RFC 4180), xAPI
// statements (xapi-validation) and the HTML report rendered by headless chromium.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "core/uuid.h"
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
  const auto workplaces = test::settings().paths.data_root / "data" / "workplaces";
  for (const auto& entry : std::filesystem::directory_iterator(workplaces)) {
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
    CHECK(s["actor"]["account"]["homePage"] == kXapiUnconfiguredHomePage);
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

// Issue 16 item 10: xAPI ids, interactions and the actor's home page.
namespace {

// 8 sessions of 240 choices: 1,936 statements and 8 registrations, as in the report.
Report many_statements_report() {
  auto who = test::person("none");
  who.code = "MEE-7KQ2-XDA";
  std::vector<store::Session> sessions;
  std::vector<store::Event> events;
  for (int s = 1; s <= 8; ++s) {
    sessions.push_back({s, who.code, "living_room_breakfast", "3", "nl", "2026-05-01T09:00:00Z",
                        "2026-05-01T09:30:00Z", "calm_morning"});
    for (int seq = 1; seq <= 240; ++seq) {
      auto e = test::choice(s, seq, "step" + std::to_string(seq % 12), {{"affinity_pg", 0.5}});
      e.at = "2026-05-01T09:10:00Z";
      events.push_back(e);
    }
  }
  return make_report(test::shipped_data(), who, sessions, events, "2026-05-02T10:30:00Z");
}

bool is_v5_uuid(const std::string& id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-')) return false;
    if (!dash && std::string("0123456789abcdef").find(id[i]) == std::string::npos) return false;
  }
  return id[14] == '5' && std::string("89ab").find(id[19]) != std::string::npos;
}

}  // namespace

TEST_CASE("uuid_v5 matches the RFC 9562 and Python test vector and sets version 5 and variant 10", "[export]") {
  // 6ba7b810-9dad-11d1-80b4-00c04fd430c8, RFC 9562's DNS namespace.
  const Uuid dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com"))'
  CHECK(format_uuid(uuid_v5(dns, "www.example.com")) == "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  CHECK(format_uuid(dns) == "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  CHECK(format_uuid(kMeeloopNamespace) == "f2f30b8f-8b9a-40fc-a57d-f752135d03bb");
  Uuid a = uuid_v5(kMeeloopNamespace, "a");
  CHECK(uuid_v5(kMeeloopNamespace, "a") == a);
  CHECK(uuid_v5(kMeeloopNamespace, "b") != a);
  CHECK(uuid_v5(dns, "a") != a);
  CHECK(is_v5_uuid(format_uuid(a)));
  CHECK(is_v5_uuid(format_uuid(uuid_v5(kMeeloopNamespace, ""))));
}

TEST_CASE("xAPI statement ids and registrations are version-5 UUIDs spread like random ones", "[export]") {
  Report r = many_statements_report();
  XapiOptions o;
  o.home_page = "https://zorg.example.nl/meeloop";
  Json st = xapi_statements(r, o);
  REQUIRE(st.size() == 1936);
  std::set<std::string> ids;
  for (const Json& s : st) {
    ids.insert(s["id"].get<std::string>());
    ids.insert(s["context"]["registration"].get<std::string>());
  }
  REQUIRE(ids.size() == 1936 + 8);  // every statement id unique, one registration per session
  std::map<std::string, int> by_prefix;
  for (const std::string& id : ids) {
    INFO(id);
    CHECK(is_v5_uuid(id));
    ++by_prefix[id.substr(0, 4)];
  }
  // Pairs of ids sharing their first 16 bits: a random function gives n(n-1)/2 / 65536 (about
  // 29 here). The FNV-1a ids gave thousands, since sequential names differ only in low bits.
  double n = double(ids.size()), expected = n * (n - 1) / 2 / 65536;
  double pairs = 0;
  for (const auto& [prefix, count] : by_prefix) pairs += double(count) * (count - 1) / 2;
  INFO(pairs << " pairs share their first 16 bits, " << expected << " expected");
  CHECK(pairs <= 3 * expected);
  // The name is home page, code and event: stable across exports, distinct per installation.
  CHECK(st[0]["id"] == format_uuid(uuid_v5(kMeeloopNamespace, o.home_page + "\nMEE-7KQ2-XDA\nstart|1")));
  CHECK(st[0]["context"]["registration"] ==
        format_uuid(uuid_v5(kMeeloopNamespace, o.home_page + "\nMEE-7KQ2-XDA\nsession|1")));
  CHECK(xapi_statements(r, o)[100]["id"] == st[100]["id"]);
  XapiOptions other;
  other.home_page = "https://andere-zorg.example.nl/";
  CHECK(xapi_statements(r, other)[100]["id"] != st[100]["id"]);
}

TEST_CASE("every cmi.interaction activity has interactionType choice and lists its choice, and the validator demands it", "[export]") {
  Report r = sample_report();
  Json st = xapi_statements(r);
  int interactions = 0;
  for (const Json& s : st) {
    const Json& def = s["object"]["definition"];
    if (def["type"] != "http://adlnet.gov/expapi/activities/cmi.interaction") continue;
    ++interactions;
    CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
    REQUIRE(def.contains("interactionType"));
    CHECK(def["interactionType"] == "choice");
    REQUIRE(def["choices"].size() == 1);
    CHECK(def["choices"][0]["id"] == s["result"]["response"]);  // the response names a listed choice
    CHECK(def["choices"][0]["description"]["und"] == s["result"]["response"]);
    CHECK_FALSE(def.contains("correctResponsesPattern"));  // no right answers in preboarding
  }
  CHECK(interactions == 6);  // the six PG choices of sample_report
  for (const Json& s : st)
    if (s["object"]["definition"]["type"] != "http://adlnet.gov/expapi/activities/cmi.interaction")
      CHECK_FALSE(s["object"]["definition"].contains("interactionType"));

  if (!test::node_tools_ready()) FAIL(test::kNodeHint);
  auto dir = test::fresh_dir("export-xapi-interactions");
  auto ok = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " +
                              test::sh(write(dir, "statements.json", st.dump(2))));
  INFO(ok.output);
  CHECK(ok.code == 0);
  // The statements as the FNV-era exporter wrote them: cmi.interaction with no interactionType.
  Json old = st;
  for (Json& s : old)
    if (s["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction") {
      s["object"]["definition"].erase("interactionType");
      s["object"]["definition"].erase("choices");
    }
  auto bad = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " +
                               test::sh(write(dir, "old.json", old.dump(2))));
  INFO(bad.output);
  CHECK(bad.code == 1);
  CHECK(bad.output.find("statement 2: object.definition.interactionType: missing on a cmi.interaction activity") !=
        std::string::npos);
  Json no_choices = st;
  no_choices[2]["object"]["definition"].erase("choices");
  auto bare = test::run_command("node " + test::sh(test::node_tools_dir() / "validate-xapi.js") + " " +
                                test::sh(write(dir, "no-choices.json", no_choices.dump(2))));
  INFO(bare.output);
  CHECK(bare.code == 1);
  CHECK(bare.output.find("statement 2: object.definition.choices: missing on a choice interaction") != std::string::npos);
}

TEST_CASE("the xAPI actor's home page is the configured address or a per-installation URN, never one example address", "[export]") {
  Report r = sample_report();
  XapiOptions o;
  o.home_page = "https://zorg.example.nl/meeloop";
  for (const Json& s : xapi_statements(r, o)) CHECK(s["actor"]["account"]["homePage"] == o.home_page);

  for (const char* good : {"https://zorg.example.nl/meeloop", "http://localhost:8080/", "HTTPS://Zorg.Example.NL",
                           "urn:meeloop:installation:f2f30b8f-8b9a-40fc-a57d-f752135d03bb",
                           "https://zorg.example.nl/%C3%A9quipe", "https://zorgg\xc3\xa9.example.nl/", "http://[::1]/x"}) {
    INFO(good);
    CHECK(check_xapi_home_page(good, "--home-page").ok());
  }
  for (const char* bad : {"", "zorg.example.nl", "://x", "1http://x", "https:", "https://", "https:///path",
                          "http:zorg", "https://user@/", "https://zorg.example.nl/a b", "https://x/\t",
                          "https://x/<script>", "https://x/%zz", "https://x/%4", "https://x/\xff", "mailto:a b"}) {
    INFO(bad);
    auto st = check_xapi_home_page(bad, "--home-page");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::BadInput);
    CHECK(st.error().exit_code() == 2);
    CHECK(st.error().message.rfind("--home-page must be an absolute IRI", 0) == 0);
  }

  std::string here = local_xapi_home_page("3d1214c2aa0d4f43a9f8f0b1c2d3e4f5", "/var/lib/meeloop/evidence.db");
  CHECK(here.rfind("urn:meeloop:installation:", 0) == 0);
  CHECK(is_v5_uuid(here.substr(std::string("urn:meeloop:installation:").size())));
  CHECK(check_xapi_home_page(here, "default").ok());
  CHECK(local_xapi_home_page("3d1214c2aa0d4f43a9f8f0b1c2d3e4f5", "/var/lib/meeloop/evidence.db") == here);
  CHECK(local_xapi_home_page("0000000000000000000000000000000a", "/var/lib/meeloop/evidence.db") != here);
  CHECK(local_xapi_home_page("3d1214c2aa0d4f43a9f8f0b1c2d3e4f5", "/srv/kiosk2/evidence.db") != here);
  CHECK(here.find("3d1214c2") == std::string::npos);  // the machine id itself is not exported
}

TEST_CASE("meeloop export --format xapi takes --home-page, else MEELOOP_HOME_PAGE, else a per-database URN, and refuses a bad one with exit 2", "[export]") {
  const char* env_bin = std::getenv("MEELOOP_BIN");
  std::string bin = test::sh(env_bin ? env_bin : MEELOOP_BINARY_DIR "/tools/meeloop/meeloop");
  auto dir = test::fresh_dir("export-xapi-home");
  auto db = dir / "evidence.db";
  auto tiny = std::filesystem::path(MEELOOP_TESTS_DIR) / "data";
  auto play = test::run_command("env -u MEELOOP_HOME_PAGE " + bin + " play " + test::sh(tiny / "scenarios" / "tiny") +
                                " --headless --choices " + test::sh(tiny / "choices" / "tiny_calm.txt") +
                                " --participant MEE-7KQ2-XDA --consent yes --lang en --db " + test::sh(db));
  INFO(play.output);
  REQUIRE(play.code == 0);
  auto home_of = [&](const std::string& env, const std::string& extra) {
    auto out = dir / "xapi.json";
    std::filesystem::remove(out);
    auto e = test::run_command("env -u MEELOOP_HOME_PAGE " + env + " " + bin + " export MEE-7KQ2-XDA --format xapi --db " +
                               test::sh(db) + " --out " + test::sh(out) + " " + extra);
    INFO(e.output);
    REQUIRE(e.code == 0);
    std::ifstream in(out);
    Json st = Json::parse(in);
    REQUIRE(st.size() > 2);
    return st[0]["actor"]["account"]["homePage"].get<std::string>();
  };
  CHECK(home_of("", "--home-page https://zorg.example.nl/meeloop") == "https://zorg.example.nl/meeloop");
  CHECK(home_of("MEELOOP_HOME_PAGE=https://env.example.nl/", "") == "https://env.example.nl/");
  CHECK(home_of("MEELOOP_HOME_PAGE=https://env.example.nl/", "--home-page https://cli.example.nl/") ==
        "https://cli.example.nl/");
  std::string local = home_of("", "");
  CHECK(local.rfind("urn:meeloop:installation:", 0) == 0);
  CHECK(local != "https://meeloop.example");
  CHECK(home_of("", "") == local);  // stable for this database

  for (const std::string& bad : {std::string("--home-page 'not a url'"), std::string("--home-page https://")}) {
    auto e = test::run_command("env -u MEELOOP_HOME_PAGE " + bin + " export MEE-7KQ2-XDA --format xapi --db " +
                               test::sh(db) + " --out " + test::sh(dir / "bad.json") + " " + bad);
    INFO(e.output);
    CHECK(e.code == 2);
    CHECK(e.output.find("--home-page must be an absolute IRI") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "bad.json"));
  }
  auto env_bad = test::run_command("MEELOOP_HOME_PAGE=zorg.example.nl " + bin + " export MEE-7KQ2-XDA --format xapi --db " +
                                   test::sh(db) + " --out " + test::sh(dir / "bad.json"));
  INFO(env_bad.output);
  CHECK(env_bad.code == 2);
  CHECK(env_bad.output.find("MEELOOP_HOME_PAGE must be an absolute IRI") != std::string::npos);
  auto csv = test::run_command(bin + " export MEE-7KQ2-XDA --format csv --db " + test::sh(db) + " --out " +
                               test::sh(dir / "bad.csv") + " --home-page https://zorg.example.nl/");
  CHECK(csv.code == 2);
  CHECK(csv.output.find("--home-page only applies to --format xapi") != std::string::npos);
}

// `meeloop export --out` through core/files.h write_file_atomically (issue 16 item 4).
namespace {

struct ExportCli {
  std::filesystem::path dir, db;
  std::string bin;

  explicit ExportCli(const std::string& name) : dir(test::fresh_dir(name)), db(dir / "evidence.db") {
    const char* env_bin = std::getenv("MEELOOP_BIN");
    bin = test::sh(env_bin ? env_bin : MEELOOP_BINARY_DIR "/tools/meeloop/meeloop");
    const auto data = std::filesystem::path(MEELOOP_TESTS_DIR) / "data";
    auto play = test::run_command(bin + " play " + test::sh(data / "scenarios" / "tiny") + " --headless --choices " +
                                  test::sh(data / "choices" / "tiny_calm.txt") +
                                  " --participant MEE-7KQ2-XDA --consent yes --lang en --db " + test::sh(db));
    INFO(play.output);
    REQUIRE(play.code == 0);
  }
  // More sessions for the same person, so the exports grow (xAPI: a few KiB per event).
  void play_again(int times) {
    const auto data = std::filesystem::path(MEELOOP_TESTS_DIR) / "data";
    for (int i = 0; i < times; ++i) {
      auto play = test::run_command(bin + " play " + test::sh(data / "scenarios" / "tiny") + " --headless --choices " +
                                    test::sh(data / "choices" / "tiny_timeout.txt") +
                                    " --participant MEE-7KQ2-XDA --db " + test::sh(db));
      INFO(play.output);
      REQUIRE(play.code == 0);
    }
  }
  ~ExportCli() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  // `shell` runs before meeloop in the same shell (limits, traps).
  test::Run to(const std::filesystem::path& out, const std::string& format = "json", const std::string& shell = "") {
    return test::run_command(shell + "exec " + bin + " export MEE-7KQ2-XDA --format " + format + " --db " +
                             test::sh(db) + " --out " + test::sh(out));
  }
  // Everything in the folder but the database and its WAL files.
  std::set<std::string> outputs(const std::filesystem::path& folder) const {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("evidence.db", 0) != 0) names.insert(name);
    }
    return names;
  }
};

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("export --out refuses a FIFO, a folder or a symlink as the target with exit 2 and leaves it untouched", "[export]") {
  ExportCli cli("export-special-targets");
  // A FIFO stands in for /dev/null (tests are not root): renaming over it replaced the device.
  const auto fifo = cli.dir / "null";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto folder = cli.dir / "out.json";
  std::filesystem::create_directories(folder);
  std::ofstream(cli.dir / "victim.txt") << "victim";
  const auto link = cli.dir / "link.json";
  std::filesystem::create_symlink(cli.dir / "victim.txt", link);

  for (const auto& target : {fifo, folder, link}) {
    auto e = cli.to(target);
    INFO(target.string() + "\n" + e.output);
    CHECK(e.code == 2);
    CHECK(e.output.find("not a regular file") != std::string::npos);
  }
  CHECK(std::filesystem::is_fifo(std::filesystem::symlink_status(fifo)));
  CHECK(std::filesystem::is_directory(folder));
  CHECK(std::filesystem::is_empty(folder));
  CHECK(std::filesystem::is_symlink(std::filesystem::symlink_status(link)));
  CHECK(read_all(cli.dir / "victim.txt") == "victim");
  CHECK(cli.outputs(cli.dir) == std::set<std::string>{"null", "out.json", "victim.txt", "link.json"});
}

TEST_CASE("export --out does not follow a symlink planted at the old <out>.tmp name", "[export]") {
  ExportCli cli("export-planted-link");
  const auto victim = cli.dir / "victim.txt";
  std::ofstream(victim) << "victim";
  std::filesystem::create_symlink(victim, cli.dir / "profile.json.tmp");
  auto e = cli.to(cli.dir / "profile.json");
  INFO(e.output);
  REQUIRE(e.code == 0);
  CHECK(read_all(victim) == "victim");
  CHECK(std::filesystem::is_symlink(std::filesystem::symlink_status(cli.dir / "profile.json.tmp")));
  CHECK(Json::parse(read_all(cli.dir / "profile.json"))["format"] == kProfileFormat);
}

TEST_CASE("a failed export leaves no temp file behind and the old file whole", "[export]") {
  ExportCli cli("export-failed");
  cli.play_again(10);
  const auto out = cli.dir / "statements.json";
  std::ofstream(out) << "old statements";
  // A file-size limit of 32 KiB (64 blocks of 512 bytes; SQLite's shared-memory file needs
  // exactly that) makes the write of the larger xAPI file fail half way, as a full disk would.
  auto half = cli.to(out, "xapi", "trap '' XFSZ; ulimit -f 64; ");
  INFO(half.output);
  CHECK(half.code == 1);
  CHECK(half.output.find("File too large") != std::string::npos);  // the export failed, not the database
  CHECK(read_all(out) == "old statements");
  CHECK(cli.outputs(cli.dir) == std::set<std::string>{"statements.json"});
  auto whole = cli.to(cli.dir / "whole.json", "xapi");
  REQUIRE(whole.code == 0);
  CHECK(std::filesystem::file_size(cli.dir / "whole.json") > 2 * 32768);  // so the limit cuts it short
  std::filesystem::remove(cli.dir / "whole.json");

  // A folder that does not exist is the person's mistake: exit 2, and nothing is created.
  auto missing = cli.to(cli.dir / "nowhere" / "report.html", "html");
  INFO(missing.output);
  CHECK(missing.code == 2);
  CHECK_FALSE(std::filesystem::exists(cli.dir / "nowhere"));

  // A read-only folder (root may write anyway, so only checked as a user).
  if (::geteuid() != 0) {
    const auto locked = cli.dir / "locked";
    std::filesystem::create_directories(locked);
    std::filesystem::permissions(locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    auto denied = cli.to(locked / "report.html", "html");
    std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
    INFO(denied.output);
    CHECK(denied.code != 0);
    CHECK(std::filesystem::is_empty(locked));
  }
}

TEST_CASE("export writes its file with mode 0600 and replaces an existing one atomically", "[export]") {
  ExportCli cli("export-mode");
  const auto out = cli.dir / "profile.csv";
  std::ofstream(out) << "an older export";
  struct stat before {};
  REQUIRE(::stat(out.c_str(), &before) == 0);
  auto e = test::run_command("umask 000; exec " + cli.bin + " export MEE-7KQ2-XDA --format csv --db " +
                             test::sh(cli.db) + " --out " + test::sh(out));
  INFO(e.output);
  REQUIRE(e.code == 0);
  struct stat after {};
  REQUIRE(::stat(out.c_str(), &after) == 0);
  CHECK((after.st_mode & 07777) == 0600);
  CHECK(after.st_ino != before.st_ino);  // a new file renamed into place, never rewritten in place
  CHECK(read_all(out).find("an older export") == std::string::npos);
  CHECK(cli.outputs(cli.dir) == std::set<std::string>{"profile.csv"});
}
