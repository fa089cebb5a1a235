// xapi::validate_statement, what the hub checks on each incoming statement: statements shaped
// like the xAPI 1.0.3 specification's examples pass; each rule has a statement that breaks it
// and the JSON pointer the refusal names.
#include <catch2/catch.hpp>

#include <functional>

#include "xapi/formats.h"
#include "xapi/validate.h"

using namespace meeloop;

namespace {

// The smallest statement the specification allows (xAPI-Data 2.4, "simplest possible").
Json simplest() {
  return Json::parse(R"({
    "id": "7c2d3e1a-9b4f-4c2e-8a11-3f5e6d7c8b9a",
    "actor": {"mbox": "mailto:learner@example.org"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}},
    "object": {"id": "http://example.org/xapi/activities/open-day"}
  })");
}

// A statement using every part of a statement, in the manner of xAPI-Data Appendix A: an
// Agent by account, a full context with instructor, team, all four context activity lists,
// result with score, extensions, an offset timestamp, authority and version.
Json everything() {
  return Json::parse(R"({
    "id": "5b8e2c7d-1f3a-4d6b-9e0c-2a4f6b8d0e1c",
    "actor": {"objectType": "Agent", "name": "A. Learner", "account": {"homePage": "https://lms.example.org", "name": "40213"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-GB": "completed", "nl-NL": "voltooide"}},
    "object": {
      "objectType": "Activity",
      "id": "https://example.org/courses/care-intro/module/3",
      "definition": {
        "name": {"en-GB": "Module 3"},
        "description": {"en": "Washing and dressing with respect"},
        "type": "http://adlnet.gov/expapi/activities/module",
        "moreInfo": "https://example.org/courses/care-intro",
        "extensions": {"https://example.org/xapi/ext/room": {"name": "Linde", "floor": 2}}
      }
    },
    "result": {
      "score": {"scaled": 0.75, "raw": 15, "min": 0, "max": 20},
      "success": true, "completion": true, "response": "done", "duration": "PT1H2M3.5S",
      "extensions": {"https://example.org/xapi/ext/attempts": 2}
    },
    "context": {
      "registration": "0f6b3c2a-4d5e-4f70-8a9b-c1d2e3f40516",
      "instructor": {"name": "Trainer", "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
      "team": {"objectType": "Group", "name": "Team Linde", "openid": "https://id.example.org/team-linde"},
      "contextActivities": {
        "parent": [{"id": "https://example.org/courses/care-intro"}],
        "grouping": {"id": "https://example.org/programmes/intro"},
        "category": [{"id": "https://example.org/profiles/care", "definition": {"type": "http://adlnet.gov/expapi/activities/profile"}}],
        "other": [{"objectType": "Activity", "id": "https://example.org/rooms/linde"}]
      },
      "revision": "2", "platform": "Example LMS", "language": "tlh",
      "statement": {"objectType": "StatementRef", "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee"},
      "extensions": {"https://example.org/xapi/ext/shift": "morning", "https://example.org/xapi/ext/none": null}
    },
    "timestamp": "2026-05-18T05:32:34.804+02:00",
    "stored": "2026-05-18T03:32:35.000Z",
    "authority": {"objectType": "Agent", "account": {"homePage": "https://lrs.example.org/", "name": "kiosk-7"}},
    "version": "1.0.0",
    "attachments": [{
      "usageType": "http://adlnet.gov/expapi/attachments/signature",
      "display": {"en-US": "Signature"}, "description": {"en-US": "A test signature"},
      "contentType": "application/octet-stream", "length": 4235,
      "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634",
      "fileUrl": "https://files.example.org/sig/1"
    }]
  })");
}

Json with_object(Json object) {
  Json s = simplest();
  s["object"] = std::move(object);
  return s;
}

Json interaction(const std::string& type, Json extra) {
  Json def = {{"type", "http://adlnet.gov/expapi/activities/cmi.interaction"}, {"interactionType", type},
              {"description", {{"en-US", "?"}}}};
  def.update(extra);
  return with_object({{"id", "https://example.org/questions/" + type}, {"definition", def}});
}

Json components(std::initializer_list<const char*> ids) {
  Json out = Json::array();
  for (const char* id : ids) out.push_back({{"id", id}, {"description", {{"en-US", id}}}});
  return out;
}

void require_valid(const Json& s) {
  Status st = xapi::validate_statement(s);
  INFO(s.dump(1));
  INFO((st ? "" : st.error().to_string()));
  CHECK(st);
}

// The refusal's pointer and a part of its message.
void require_refused(const Json& s, const std::string& pointer, const std::string& says = "") {
  Status st = xapi::validate_statement(s);
  INFO(s.dump(1));
  REQUIRE_FALSE(st);
  INFO(st.error().to_string());
  CHECK(st.error().kind == ErrorKind::BadInput);
  CHECK(st.error().pointer == pointer);
  if (!says.empty()) CHECK(st.error().message.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("statements shaped like the xAPI specification's examples are valid", "[xapi]") {
  require_valid(simplest());
  require_valid(everything());
  // Voiding (xAPI-Data 2.3.2): an Agent with a name, the voided verb, a StatementRef.
  require_valid(Json::parse(R"({"actor": {"objectType": "Agent", "name": "Admin", "mbox": "mailto:admin@example.org"},
      "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
      "object": {"objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0"}})"));
  // Objects of each kind (Appendix B): an Agent, an identified Group with members, a
  // SubStatement whose object is a StatementRef.
  require_valid(with_object({{"objectType", "Agent"}, {"name", "Colleague"}, {"mbox", "mailto:c@example.org"}}));
  require_valid(with_object(Json::parse(R"({"objectType": "Group", "name": "Ward team",
      "account": {"homePage": "http://example.com/homePage", "name": "ward-3"},
      "member": [{"mbox": "mailto:a@example.org"}, {"objectType": "Agent", "openid": "http://b.openid.example.org"}]})")));
  require_valid(with_object(Json::parse(R"({"objectType": "SubStatement",
      "actor": {"objectType": "Agent", "mbox": "mailto:agent@example.com"},
      "verb": {"id": "http://example.com/confirmed", "display": {"en": "confirmed"}},
      "object": {"objectType": "StatementRef", "id": "9e13cefd-53d3-4eac-b5ed-2cf6693903bb"}})")));
  // An anonymous Group as actor.
  Json anonymous = simplest();
  anonymous["actor"] = Json::parse(R"({"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]})");
  require_valid(anonymous);
  // Every interaction type of Appendix C with its component lists.
  require_valid(interaction("true-false", {{"correctResponsesPattern", Json::array({"true"})}}));
  require_valid(interaction("choice", {{"correctResponsesPattern", Json::array({"golf[,]tetris"})}, {"choices", components({"golf", "tetris"})}}));
  require_valid(interaction("fill-in", {{"correctResponsesPattern", Json::array({"Bob's your uncle"})}}));
  require_valid(interaction("long-fill-in", {{"correctResponsesPattern", Json::array({"{case_matters=false}{lang=en}To store."})}}));
  require_valid(interaction("likert", {{"scale", components({"likert_0", "likert_1"})}}));
  require_valid(interaction("matching", {{"source", components({"ben", "chris"})}, {"target", components({"1", "2"})}}));
  require_valid(interaction("performance", {{"steps", components({"pong", "dg"})}}));
  require_valid(interaction("sequencing", {{"choices", components({"tim", "mike"})}}));
  require_valid(interaction("numeric", {{"correctResponsesPattern", Json::array({"4[:]"})}}));
  require_valid(interaction("other", {{"correctResponsesPattern", Json::array({"(35.937432,-86.868896)"})}}));
  // Timestamps in the forms ISO 8601 and RFC 3339 allow.
  for (const char* t : {"2026-05-01T09:30:00Z", "2026-05-01T09:30:00.123456Z", "2026-05-01T09:30:00+02:00",
                        "2026-05-01T09:30:00-0500", "2026-05-01T09:30:00+01", "2024-02-29T23:59:60Z", "2026-05-01T09:30:00"}) {
    Json s = simplest();
    s["timestamp"] = t;
    require_valid(s);
  }
  for (const char* v : {"1.0", "1.0.0", "1.0.3", "1.0.12"}) {
    Json s = simplest();
    s["version"] = v;
    require_valid(s);
  }
}

TEST_CASE("validate_statement refuses each broken rule at its JSON pointer", "[xapi]") {
  using Edit = std::function<void(Json&)>;
  struct Case {
    const char* what;
    Edit edit;
    const char* pointer;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"not an object", [](Json& s) { s = Json::array(); }, "", "expected a Statement"},
      {"no actor", [](Json& s) { s.erase("actor"); }, "/actor", "missing"},
      {"no verb", [](Json& s) { s.erase("verb"); }, "/verb", "missing"},
      {"no object", [](Json& s) { s.erase("object"); }, "/object", "missing"},
      {"unknown top-level property", [](Json& s) { s["Verb"] = s["verb"]; }, "/Verb", "not a property of a Statement"},
      {"null outside extensions", [](Json& s) { s["result"] = nullptr; }, "/result", "null"},
      {"id not a UUID", [](Json& s) { s["id"] = "7c2d3e1a-9b4f-4c2e-8a11-3f5e6d7c8b9"; }, "/id", "UUID"},
      {"id with a letter beyond f", [](Json& s) { s["id"] = "MA97B177-9383-4934-8543-0F91A7A02836"; }, "/id", "UUID"},
      {"verb id not an IRI", [](Json& s) { s["verb"]["id"] = "attended"; }, "/verb/id", "no scheme"},
      {"verb without id", [](Json& s) { s["verb"].erase("id"); }, "/verb/id", "missing"},
      {"display key not a language tag", [](Json& s) { s["verb"]["display"] = {{"en_US", "x"}}; }, "/verb/display/en_US", "language tag"},
      {"display value not a string", [](Json& s) { s["verb"]["display"] = {{"en", 3}}; }, "/verb/display/en", "text"},
      {"agent without identifier", [](Json& s) { s["actor"] = {{"name", "Nobody"}}; }, "/actor", "exactly one"},
      {"agent with two identifiers", [](Json& s) { s["actor"]["openid"] = "https://id.example.org/1"; }, "/actor", "found 2"},
      {"mbox without mailto", [](Json& s) { s["actor"]["mbox"] = "learner@example.org"; }, "/actor/mbox", "mailto"},
      {"mbox_sha1sum too short", [](Json& s) { s["actor"] = {{"mbox_sha1sum", "ebd31e95"}}; }, "/actor/mbox_sha1sum", "40 hex"},
      {"account without homePage", [](Json& s) { s["actor"] = {{"account", {{"name", "1"}}}}; }, "/actor/account/homePage", "missing"},
      {"account homePage not an IRL", [](Json& s) { s["actor"] = {{"account", {{"homePage", "example.org"}, {"name", "1"}}}}; },
       "/actor/account/homePage", "IRL"},
      {"agent objectType in the wrong case", [](Json& s) { s["actor"]["objectType"] = "agent"; }, "/actor/objectType", "\"Agent\""},
      {"anonymous group without members", [](Json& s) { s["actor"] = {{"objectType", "Group"}, {"name", "x"}}; }, "/actor/member", "anonymous"},
      {"group member that is a group",
       [](Json& s) { s["actor"] = Json::parse(R"({"objectType": "Group", "member": [{"objectType": "Group", "member": []}]})"); },
       "/actor/member/0/objectType", "Agents"},
      {"agent as object without objectType", [](Json& s) { s["object"] = {{"mbox", "mailto:c@example.org"}}; }, "/object/mbox",
       "not a property of an Activity"},
      {"unknown object type", [](Json& s) { s["object"]["objectType"] = "Person"; }, "/object/objectType", "expected Activity"},
      {"activity id not an IRI", [](Json& s) { s["object"]["id"] = "open day"; }, "/object/id", "IRI"},
      {"unknown definition property", [](Json& s) { s["object"]["definition"] = {{"title", {{"en", "x"}}}}; }, "/object/definition/title", "not a property"},
      {"unknown interactionType", [](Json& s) { s = interaction("essay", Json::object()); }, "/object/definition/interactionType", "one of"},
      {"choices without interactionType",
       [](Json& s) { s["object"]["definition"] = {{"choices", components({"a"})}}; }, "/object/definition/interactionType", "choices"},
      {"choices on a likert interaction", [](Json& s) { s = interaction("likert", {{"choices", components({"a"})}}); },
       "/object/definition/choices", "no choices"},
      {"interaction component ids repeated", [](Json& s) { s = interaction("choice", {{"choices", components({"a", "a"})}}); },
       "/object/definition/choices/1/id", "distinct"},
      {"statement ref with a bad id", [](Json& s) { s["object"] = {{"objectType", "StatementRef"}, {"id", "x"}}; }, "/object/id", "UUID"},
      {"voided with an activity", [](Json& s) { s["verb"]["id"] = "http://adlnet.gov/expapi/verbs/voided"; }, "/object/objectType", "StatementRef"},
      {"substatement with an id",
       [](Json& s) { s["object"] = {{"objectType", "SubStatement"}, {"id", "7c2d3e1a-9b4f-4c2e-8a11-3f5e6d7c8b9a"}}; }, "/object/id", "SubStatement"},
      {"substatement inside a substatement",
       [](Json& s) {
         Json inner = simplest();
         inner.erase("id");
         inner["objectType"] = "SubStatement";
         Json outer = inner;
         outer["object"] = inner;
         s["object"] = outer;
       },
       "/object/object/objectType", "another SubStatement"},
      {"score scaled above 1", [](Json& s) { s["result"] = {{"score", {{"scaled", 1.5}}}}; }, "/result/score/scaled", "-1 to 1"},
      {"score raw above max", [](Json& s) { s["result"] = {{"score", {{"raw", 30}, {"min", 0}, {"max", 20}}}}; }, "/result/score/raw", "at most max"},
      {"score given as a string", [](Json& s) { s["result"] = {{"score", {{"raw", "15"}}}}; }, "/result/score/raw", "a number"},
      {"success given as a string", [](Json& s) { s["result"] = {{"success", "true"}}; }, "/result/success", "true or false"},
      {"duration not ISO 8601", [](Json& s) { s["result"] = {{"duration", "3.5 seconds"}}; }, "/result/duration", "duration"},
      {"extension key not an IRI", [](Json& s) { s["result"] = {{"extensions", {{"attempts", 2}}}}; }, "/result/extensions/attempts", "IRI"},
      {"registration not a UUID", [](Json& s) { s["context"] = {{"registration", "session-1"}}; }, "/context/registration", "UUID"},
      {"context language not a tag", [](Json& s) { s["context"] = {{"language", "nl_NL"}}; }, "/context/language", "language tag"},
      {"platform when the object is an agent",
       [](Json& s) {
         s["object"] = {{"objectType", "Agent"}, {"mbox", "mailto:c@example.org"}};
         s["context"] = {{"platform", "Meeloop"}};
       },
       "/context/platform", "only allowed when the object is an Activity"},
      {"team that is an agent", [](Json& s) { s["context"] = {{"team", {{"mbox", "mailto:t@example.org"}}}}; }, "/context/team", "Group"},
      {"unknown context activities list", [](Json& s) { s["context"] = {{"contextActivities", {{"parents", Json::array()}}}}; },
       "/context/contextActivities/parents", "not a property"},
      {"context activity without id", [](Json& s) { s["context"] = Json::parse(R"({"contextActivities": {"parent": [{}]}})"); },
       "/context/contextActivities/parent/0/id", "missing"},
      {"timestamp without a T", [](Json& s) { s["timestamp"] = "2026-05-01 09:30:00Z"; }, "/timestamp", "ISO 8601"},
      {"timestamp on a day that does not exist", [](Json& s) { s["timestamp"] = "2026-02-29T09:30:00Z"; }, "/timestamp", "day"},
      {"timestamp with the unknown offset", [](Json& s) { s["timestamp"] = "2026-05-01T09:30:00-00:00"; }, "/timestamp", "-00:00"},
      {"stored not a timestamp", [](Json& s) { s["stored"] = "yesterday"; }, "/stored", "ISO 8601"},
      {"version 2.0", [](Json& s) { s["version"] = "2.0.0"; }, "/version", "1.0"},
      {"version 1.0.x with letters", [](Json& s) { s["version"] = "1.0.x"; }, "/version", "1.0"},
      {"authority without identifier", [](Json& s) { s["authority"] = {{"objectType", "Agent"}}; }, "/authority", "exactly one"},
      {"attachment without sha2",
       [](Json& s) {
         s["attachments"] = Json::parse(
             R"([{"usageType": "http://example.org/u", "display": {"en": "x"}, "contentType": "text/plain", "length": 1}])");
       },
       "/attachments/0/sha2", "missing"},
      {"attachment with a negative length",
       [](Json& s) {
         s["attachments"] = Json::parse(R"([{"usageType": "http://example.org/u", "display": {"en": "x"},
             "contentType": "text/plain", "length": -1, "sha2": ")" + std::string(64, 'a') + "\"}]");
       },
       "/attachments/0/length", "whole number"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      Json s = simplest();
      c.edit(s);
      require_refused(s, c.pointer, c.says);
    }
  }
}

TEST_CASE("validate_statement prefixes its pointer for a batch and keeps to its size limits", "[xapi]") {
  Json s = simplest();
  s["verb"]["id"] = "attended";
  Status st = xapi::validate_statement(s, "/3");
  REQUIRE_FALSE(st);
  CHECK(st.error().pointer == "/3/verb/id");

  xapi::StatementLimits small;
  small.max_bytes = 1024;
  Json big = simplest();
  big["result"] = {{"response", std::string(2000, 'x')}};
  st = xapi::validate_statement(big, "", small);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("larger than 1 KiB") != std::string::npos);
  CHECK(xapi::validate_statement(big).ok());  // within the default

  Json deep = 1;
  for (int i = 0; i < 40; ++i) deep = Json::array({deep});
  Json nested = simplest();
  nested["result"] = {{"extensions", {{"https://example.org/x", deep}}}};
  st = xapi::validate_statement(nested);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("nested deeper than 32") != std::string::npos);

  Json long_string = simplest();
  long_string["result"] = {{"response", std::string(40000, 'x')}};
  st = xapi::validate_statement(long_string);
  REQUIRE_FALSE(st);
  CHECK(st.error().pointer == "/result/response");

  Json wide = simplest();
  wide["result"] = {{"extensions", {{"https://example.org/x", Json(std::vector<int>(10001, 1))}}}};
  st = xapi::validate_statement(wide);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("more than 10000 elements") != std::string::npos);
}

TEST_CASE("xAPI string formats: UUIDs, timestamps, durations and language tags", "[xapi]") {
  CHECK(xapi::uuid_problem("12345678-1234-5678-1234-567812345678").empty());
  CHECK(xapi::uuid_problem("AA97B177-9383-4934-8543-0F91A7A02836").empty());
  CHECK_FALSE(xapi::uuid_problem("AA97B177-9383-4934-8543-0F91A7A028368").empty());
  CHECK_FALSE(xapi::uuid_problem("aa97b1779383-4934-8543-0f91a7a028368").empty());
  CHECK_FALSE(xapi::uuid_problem("").empty());

  CHECK(xapi::timestamp_problem("2026-12-31T23:59:59.999+14:00").empty());
  for (const char* bad : {"2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T09:30Z",
                          "2026-05-01T09:30:00.Z", "2026-05-01T09:30:00+2:00", "01/011/2015", "2026-05-01T09:30:00-0000",
                          "2100-02-29T00:00:00Z", "20260501T093000Z"})
    CHECK_FALSE(xapi::timestamp_problem(bad).empty());

  for (const char* good : {"PT3.500S", "P1Y2M3DT4H5M6S", "P3W", "PT0S", "P1D", "PT1H30M", "P0.5Y"})
    CHECK(xapi::duration_problem(good).empty());
  for (const char* bad : {"P", "PT", "3S", "PT3", "P1S", "PT1D", "P1DT", "PT1.5M3S", "PT1S2M", "pt3s"})
    CHECK_FALSE(xapi::duration_problem(bad).empty());

  for (const char* good : {"nl", "nl-NL", "en-US", "und", "tlh", "zh-Hant-TW", "x-meeloop", "de-CH-1996", "sl-rozaj-biske"})
    CHECK(xapi::language_tag_problem(good).empty());
  for (const char* bad : {"", "e", "nl_NL", "en-", "-en", "123", "en-toolongsubtag", "x", "nl NL"})
    CHECK_FALSE(xapi::language_tag_problem(bad).empty());

  CHECK(xapi::mailto_problem("mailto:a.b@example.org").empty());
  for (const char* bad : {"a@example.org", "mailto:", "mailto:nobody", "mailto:a@b@c", "mailto:a @b"})
    CHECK_FALSE(xapi::mailto_problem(bad).empty());
}
