#include "xapi/validate.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <string>

#include "xapi/formats.h"
#include "xapi/iri.h"
#include "xapi/json_pointer.h"

namespace meeloop::xapi {
namespace {

using Keys = std::initializer_list<std::string_view>;
using Problem = std::string (*)(std::string_view);

Status fail(const std::string& at, std::string message) { return bad_input("", at, std::move(message)); }
std::string at_key(const std::string& at, std::string_view key) { return pointer_append(at, key); }

std::string joined(Keys keys) {
  std::string out;
  for (std::string_view k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

// `j` is an object holding only `allowed` keys, none of them null (xAPI 2.2: no null values
// outside extensions; additional properties refused).
Status object_with(const Json& j, const std::string& at, Keys allowed, const char* what) {
  if (!j.is_object()) return fail(at, std::string("expected ") + what + " (an object), found " + json_type_name(j));
  for (const auto& [key, value] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return fail(at_key(at, key), "not a property of " + std::string(what) + " (expected only " + joined(allowed) + ")");
    if (value.is_null()) return fail(at_key(at, key), "null is not allowed here (leave the property out)");
  }
  return Ok{};
}

Status need(const Json& j, const std::string& at, std::string_view key, const char* what) {
  if (j.contains(key)) return Ok{};
  return fail(at_key(at, key), std::string("missing: expected ") + what);
}

Status string_in_format(const Json& j, const std::string& at, Problem problem, const char* what) {
  if (!j.is_string()) return fail(at, std::string("expected ") + what + " (a string), found " + json_type_name(j));
  std::string p = problem(j.get_ref<const std::string&>());
  if (!p.empty()) return fail(at, std::string("expected ") + what + ": " + p);
  return Ok{};
}

std::string no_problem(std::string_view) { return {}; }

// The objectType said, or "" (absent or not a string: the checks that follow say what is wrong).
std::string object_type(const Json& j) {
  if (!j.is_object()) return {};
  auto it = j.find("objectType");
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
Status plain_string(const Json& j, const std::string& at) { return string_in_format(j, at, no_problem, "text"); }
Status iri(const Json& j, const std::string& at) { return string_in_format(j, at, iri_problem, "an IRI"); }
Status boolean(const Json& j, const std::string& at) {
  return j.is_boolean() ? Status(Ok{}) : fail(at, "expected true or false, found " + json_type_name(j));
}
Status number(const Json& j, const std::string& at) {
  return j.is_number() ? Status(Ok{}) : fail(at, "expected a number, found " + json_type_name(j));
}

std::string sha1_problem(std::string_view t) {
  bool hex = t.size() == 40 && std::all_of(t.begin(), t.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  return hex ? std::string() : "expected 40 hex digits (the SHA-1 of a mailto IRI)";
}
std::string sha2_problem(std::string_view t) {
  bool hex = t.size() >= 56 && std::all_of(t.begin(), t.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  return hex ? std::string() : "expected the hex SHA-2 of the attachment (at least 56 hex digits)";
}
std::string version_problem(std::string_view t) {
  if (t.substr(0, 3) != "1.0") return "expected 1.0 or 1.0.x (this LRS speaks xAPI 1.0.3)";
  if (t.size() == 3) return {};
  if (t.size() == 4 || t[3] != '.') return "expected 1.0 or 1.0.x (this LRS speaks xAPI 1.0.3)";
  bool ok = std::all_of(t.begin() + 4, t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return ok ? std::string() : "expected 1.0 or 1.0.x (this LRS speaks xAPI 1.0.3)";
}

Status language_map(const Json& j, const std::string& at) {
  if (!j.is_object()) return fail(at, "expected a language map (an object), found " + json_type_name(j));
  for (const auto& [tag, text] : j.items()) {
    std::string here = at_key(at, tag);
    if (std::string p = language_tag_problem(tag); !p.empty()) return fail(here, "the key: " + p);
    MEELOOP_RETURN_IF_ERROR(plain_string(text, here));
  }
  return Ok{};
}

Status extensions(const Json& j, const std::string& at) {
  if (!j.is_object()) return fail(at, "expected extensions (an object keyed by IRIs), found " + json_type_name(j));
  for (const auto& [key, value] : j.items())
    if (std::string p = iri_problem(key); !p.empty()) return fail(at_key(at, key), "an extension key must be an IRI: " + p);
  return Ok{};
}

// The inverse functional identifiers present in an Agent or Group, each checked.
Result<int> identifiers(const Json& j, const std::string& at) {
  int n = 0;
  if (j.contains("mbox")) {
    ++n;
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["mbox"], at_key(at, "mbox"), mailto_problem, "a mailto IRI"));
  }
  if (j.contains("mbox_sha1sum")) {
    ++n;
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["mbox_sha1sum"], at_key(at, "mbox_sha1sum"), sha1_problem, "a SHA-1 sum"));
  }
  if (j.contains("openid")) {
    ++n;
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["openid"], at_key(at, "openid"), iri_problem, "a URI"));
  }
  if (j.contains("account")) {
    ++n;
    const Json& a = j["account"];
    std::string aat = at_key(at, "account");
    MEELOOP_RETURN_IF_ERROR(object_with(a, aat, {"homePage", "name"}, "an account"));
    MEELOOP_RETURN_IF_ERROR(need(a, aat, "homePage", "the IRL of the system the account is on"));
    MEELOOP_RETURN_IF_ERROR(need(a, aat, "name", "the account's name"));
    MEELOOP_RETURN_IF_ERROR(string_in_format(a["homePage"], at_key(aat, "homePage"), iri_problem, "an IRL"));
    MEELOOP_RETURN_IF_ERROR(plain_string(a["name"], at_key(aat, "name")));
  }
  return n;
}

Status agent(const Json& j, const std::string& at, bool object_type_required) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}, "an Agent"));
  if (object_type_required) MEELOOP_RETURN_IF_ERROR(need(j, at, "objectType", "\"Agent\""));
  if (j.contains("objectType") && j["objectType"] != "Agent")
    return fail(at_key(at, "objectType"), "expected \"Agent\"");
  if (j.contains("name")) MEELOOP_RETURN_IF_ERROR(plain_string(j["name"], at_key(at, "name")));
  MEELOOP_ASSIGN_OR_RETURN(int n, identifiers(j, at));
  if (n != 1)
    return fail(at, "an Agent needs exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or "
                    "account), found " + std::to_string(n));
  return Ok{};
}

Status group(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"}, "a Group"));
  if (object_type(j) != "Group") return fail(at_key(at, "objectType"), "expected \"Group\"");
  if (j.contains("name")) MEELOOP_RETURN_IF_ERROR(plain_string(j["name"], at_key(at, "name")));
  MEELOOP_ASSIGN_OR_RETURN(int n, identifiers(j, at));
  if (n > 1)
    return fail(at, "an identified Group has exactly one inverse functional identifier, found " + std::to_string(n));
  if (n == 0 && !j.contains("member"))
    return fail(at_key(at, "member"), "missing: an anonymous Group (no identifier) lists its members");
  if (j.contains("member")) {
    const Json& members = j["member"];
    std::string mat = at_key(at, "member");
    if (!members.is_array()) return fail(mat, "expected an array of Agents, found " + json_type_name(members));
    for (size_t i = 0; i < members.size(); ++i) {
      std::string here = at_key(mat, std::to_string(i));
      if (object_type(members[i]) == "Group")
        return fail(at_key(here, "objectType"), "a Group's members are Agents, not Groups");
      MEELOOP_RETURN_IF_ERROR(agent(members[i], here, false));
    }
  }
  return Ok{};
}

// An Agent or a Group; as a statement's object the objectType must be said.
Status actor(const Json& j, const std::string& at, bool as_object = false) {
  if (object_type(j) == "Group") return group(j, at);
  return agent(j, at, as_object);
}

Status verb(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"id", "display"}, "a Verb"));
  MEELOOP_RETURN_IF_ERROR(need(j, at, "id", "the verb's IRI"));
  MEELOOP_RETURN_IF_ERROR(iri(j["id"], at_key(at, "id")));
  if (j.contains("display")) MEELOOP_RETURN_IF_ERROR(language_map(j["display"], at_key(at, "display")));
  return Ok{};
}

// Which interaction component lists each interactionType may carry (xAPI 1.0.3, 2.4.4.1).
std::vector<std::string_view> component_lists(const std::string& type) {
  if (type == "choice" || type == "sequencing") return {"choices"};
  if (type == "likert") return {"scale"};
  if (type == "matching") return {"source", "target"};
  if (type == "performance") return {"steps"};
  return {};
}

Status definition(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at,
                                      {"name", "description", "type", "moreInfo", "extensions", "interactionType",
                                       "correctResponsesPattern", "choices", "scale", "source", "target", "steps"},
                                      "an Activity definition"));
  if (j.contains("name")) MEELOOP_RETURN_IF_ERROR(language_map(j["name"], at_key(at, "name")));
  if (j.contains("description")) MEELOOP_RETURN_IF_ERROR(language_map(j["description"], at_key(at, "description")));
  if (j.contains("type")) MEELOOP_RETURN_IF_ERROR(iri(j["type"], at_key(at, "type")));
  if (j.contains("moreInfo"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["moreInfo"], at_key(at, "moreInfo"), iri_problem, "an IRL"));
  if (j.contains("extensions")) MEELOOP_RETURN_IF_ERROR(extensions(j["extensions"], at_key(at, "extensions")));
  std::string type;
  if (j.contains("interactionType")) {
    static const std::set<std::string> types = {"true-false", "choice",      "fill-in",    "long-fill-in", "matching",
                                                "performance", "sequencing", "likert",     "numeric",      "other"};
    const Json& t = j["interactionType"];
    if (!t.is_string() || !types.count(t.get<std::string>()))
      return fail(at_key(at, "interactionType"),
                  "expected one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, "
                  "likert, numeric, other");
    type = t.get<std::string>();
  }
  if (j.contains("correctResponsesPattern")) {
    std::string cat = at_key(at, "correctResponsesPattern");
    if (type.empty()) return fail(at_key(at, "interactionType"), "missing: a correctResponsesPattern needs an interactionType");
    const Json& c = j["correctResponsesPattern"];
    if (!c.is_array()) return fail(cat, "expected an array of strings, found " + json_type_name(c));
    for (size_t i = 0; i < c.size(); ++i) MEELOOP_RETURN_IF_ERROR(plain_string(c[i], at_key(cat, std::to_string(i))));
  }
  for (std::string_view list : {"choices", "scale", "source", "target", "steps"}) {
    if (!j.contains(list)) continue;
    std::string lat = at_key(at, list);
    if (type.empty()) return fail(at_key(at, "interactionType"), "missing: " + std::string(list) + " needs an interactionType");
    auto allowed = component_lists(type);
    if (std::find(allowed.begin(), allowed.end(), list) == allowed.end())
      return fail(lat, "a " + type + " interaction has no " + std::string(list));
    const Json& items = j[std::string(list)];
    if (!items.is_array()) return fail(lat, "expected an array of interaction components, found " + json_type_name(items));
    std::set<std::string> ids;
    for (size_t i = 0; i < items.size(); ++i) {
      std::string here = at_key(lat, std::to_string(i));
      MEELOOP_RETURN_IF_ERROR(object_with(items[i], here, {"id", "description"}, "an interaction component"));
      MEELOOP_RETURN_IF_ERROR(need(items[i], here, "id", "the component's id"));
      MEELOOP_RETURN_IF_ERROR(plain_string(items[i]["id"], at_key(here, "id")));
      if (!ids.insert(items[i]["id"].get<std::string>()).second)
        return fail(at_key(here, "id"), "ids within one list of interaction components must be distinct");
      if (items[i].contains("description"))
        MEELOOP_RETURN_IF_ERROR(language_map(items[i]["description"], at_key(here, "description")));
    }
  }
  return Ok{};
}

Status activity(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"objectType", "id", "definition"}, "an Activity"));
  if (j.contains("objectType") && j["objectType"] != "Activity") return fail(at_key(at, "objectType"), "expected \"Activity\"");
  MEELOOP_RETURN_IF_ERROR(need(j, at, "id", "the activity's IRI"));
  MEELOOP_RETURN_IF_ERROR(iri(j["id"], at_key(at, "id")));
  if (j.contains("definition")) MEELOOP_RETURN_IF_ERROR(definition(j["definition"], at_key(at, "definition")));
  return Ok{};
}

Status statement_ref(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"objectType", "id"}, "a StatementRef"));
  if (object_type(j) != "StatementRef") return fail(at_key(at, "objectType"), "expected \"StatementRef\"");
  MEELOOP_RETURN_IF_ERROR(need(j, at, "id", "the referenced statement's UUID"));
  return string_in_format(j["id"], at_key(at, "id"), uuid_problem, "a UUID");
}

Status score(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"scaled", "raw", "min", "max"}, "a Score"));
  for (const char* k : {"scaled", "raw", "min", "max"})
    if (j.contains(k)) MEELOOP_RETURN_IF_ERROR(number(j[k], at_key(at, k)));
  if (j.contains("scaled") && (j["scaled"].get<double>() < -1 || j["scaled"].get<double>() > 1))
    return fail(at_key(at, "scaled"), "expected a number from -1 to 1");
  if (j.contains("min") && j.contains("max") && !(j["min"].get<double>() < j["max"].get<double>()))
    return fail(at_key(at, "max"), "expected max greater than min");
  if (j.contains("raw") && j.contains("min") && j["raw"].get<double>() < j["min"].get<double>())
    return fail(at_key(at, "raw"), "expected raw at least min");
  if (j.contains("raw") && j.contains("max") && j["raw"].get<double>() > j["max"].get<double>())
    return fail(at_key(at, "raw"), "expected raw at most max");
  return Ok{};
}

Status result(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(
      object_with(j, at, {"score", "success", "completion", "response", "duration", "extensions"}, "a Result"));
  if (j.contains("score")) MEELOOP_RETURN_IF_ERROR(score(j["score"], at_key(at, "score")));
  if (j.contains("success")) MEELOOP_RETURN_IF_ERROR(boolean(j["success"], at_key(at, "success")));
  if (j.contains("completion")) MEELOOP_RETURN_IF_ERROR(boolean(j["completion"], at_key(at, "completion")));
  if (j.contains("response")) MEELOOP_RETURN_IF_ERROR(plain_string(j["response"], at_key(at, "response")));
  if (j.contains("duration"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["duration"], at_key(at, "duration"), duration_problem, "a duration"));
  if (j.contains("extensions")) MEELOOP_RETURN_IF_ERROR(extensions(j["extensions"], at_key(at, "extensions")));
  return Ok{};
}

Status context_activities(const Json& j, const std::string& at) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at, {"parent", "grouping", "category", "other"}, "contextActivities"));
  for (const auto& [kind, value] : j.items()) {
    std::string here = at_key(at, kind);
    if (!value.is_array()) {  // a single Activity is allowed and means a list of one
      MEELOOP_RETURN_IF_ERROR(activity(value, here));
      continue;
    }
    for (size_t i = 0; i < value.size(); ++i) MEELOOP_RETURN_IF_ERROR(activity(value[i], at_key(here, std::to_string(i))));
  }
  return Ok{};
}

Status context(const Json& j, const std::string& at, bool object_is_activity) {
  MEELOOP_RETURN_IF_ERROR(object_with(j, at,
                                      {"registration", "instructor", "team", "contextActivities", "revision",
                                       "platform", "language", "statement", "extensions"},
                                      "a Context"));
  if (j.contains("registration"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["registration"], at_key(at, "registration"), uuid_problem, "a UUID"));
  if (j.contains("instructor")) MEELOOP_RETURN_IF_ERROR(actor(j["instructor"], at_key(at, "instructor")));
  if (j.contains("team")) {
    const Json& t = j["team"];
    if (object_type(t) != "Group")
      return fail(at_key(at, "team"), "expected a Group (objectType \"Group\")");
    MEELOOP_RETURN_IF_ERROR(group(t, at_key(at, "team")));
  }
  if (j.contains("contextActivities"))
    MEELOOP_RETURN_IF_ERROR(context_activities(j["contextActivities"], at_key(at, "contextActivities")));
  for (const char* k : {"revision", "platform"}) {
    if (!j.contains(k)) continue;
    if (!object_is_activity) return fail(at_key(at, k), std::string(k) + " is only allowed when the object is an Activity");
    MEELOOP_RETURN_IF_ERROR(plain_string(j[k], at_key(at, k)));
  }
  if (j.contains("language"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["language"], at_key(at, "language"), language_tag_problem, "a language tag"));
  if (j.contains("statement")) MEELOOP_RETURN_IF_ERROR(statement_ref(j["statement"], at_key(at, "statement")));
  if (j.contains("extensions")) MEELOOP_RETURN_IF_ERROR(extensions(j["extensions"], at_key(at, "extensions")));
  return Ok{};
}

Status attachments(const Json& j, const std::string& at) {
  if (!j.is_array()) return fail(at, "expected an array of Attachments, found " + json_type_name(j));
  for (size_t i = 0; i < j.size(); ++i) {
    const Json& a = j[i];
    std::string here = at_key(at, std::to_string(i));
    MEELOOP_RETURN_IF_ERROR(object_with(
        a, here, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"}, "an Attachment"));
    for (const char* k : {"usageType", "display", "contentType", "length", "sha2"})
      MEELOOP_RETURN_IF_ERROR(need(a, here, k, "what an Attachment must have"));
    MEELOOP_RETURN_IF_ERROR(iri(a["usageType"], at_key(here, "usageType")));
    MEELOOP_RETURN_IF_ERROR(language_map(a["display"], at_key(here, "display")));
    if (a.contains("description")) MEELOOP_RETURN_IF_ERROR(language_map(a["description"], at_key(here, "description")));
    MEELOOP_RETURN_IF_ERROR(plain_string(a["contentType"], at_key(here, "contentType")));
    if (!(a["length"].is_number_unsigned() || (a["length"].is_number_integer() && a["length"].get<int64_t>() >= 0)))
      return fail(at_key(here, "length"), "expected the number of octets (a whole number, 0 or more)");
    MEELOOP_RETURN_IF_ERROR(string_in_format(a["sha2"], at_key(here, "sha2"), sha2_problem, "a SHA-2 hash"));
    if (a.contains("fileUrl"))
      MEELOOP_RETURN_IF_ERROR(string_in_format(a["fileUrl"], at_key(here, "fileUrl"), iri_problem, "an IRL"));
  }
  return Ok{};
}

Status object(const Json& j, const std::string& at, bool inside_substatement);

// What a Statement and a SubStatement share: actor, verb, object, result, context, timestamp,
// attachments.
Status statement_body(const Json& j, const std::string& at, bool substatement) {
  MEELOOP_RETURN_IF_ERROR(need(j, at, "actor", "the actor (an Agent or Group)"));
  MEELOOP_RETURN_IF_ERROR(need(j, at, "verb", "the verb"));
  MEELOOP_RETURN_IF_ERROR(need(j, at, "object", "the object"));
  MEELOOP_RETURN_IF_ERROR(actor(j["actor"], at_key(at, "actor")));
  MEELOOP_RETURN_IF_ERROR(verb(j["verb"], at_key(at, "verb")));
  MEELOOP_RETURN_IF_ERROR(object(j["object"], at_key(at, "object"), substatement));
  const Json& o = j["object"];
  bool object_is_activity = !o.contains("objectType") || object_type(o) == "Activity";
  if (j["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided" && object_type(o) != "StatementRef")
    return fail(at_key(at_key(at, "object"), "objectType"), "a voiding statement's object must be a StatementRef");
  if (j.contains("result")) MEELOOP_RETURN_IF_ERROR(result(j["result"], at_key(at, "result")));
  if (j.contains("context")) MEELOOP_RETURN_IF_ERROR(context(j["context"], at_key(at, "context"), object_is_activity));
  if (j.contains("timestamp"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(j["timestamp"], at_key(at, "timestamp"), timestamp_problem, "a timestamp"));
  if (j.contains("attachments")) MEELOOP_RETURN_IF_ERROR(attachments(j["attachments"], at_key(at, "attachments")));
  return Ok{};
}

Status object(const Json& j, const std::string& at, bool inside_substatement) {
  if (!j.is_object()) return fail(at, "expected an object (Activity, Agent, Group, StatementRef or SubStatement), found " + json_type_name(j));
  if (j.contains("objectType") && !j["objectType"].is_string())
    return fail(at_key(at, "objectType"), "expected Activity, Agent, Group, StatementRef or SubStatement");
  std::string type = j.contains("objectType") ? object_type(j) : "Activity";
  if (type == "Activity") return activity(j, at);
  if (type == "Agent") return agent(j, at, true);
  if (type == "Group") return group(j, at);
  if (type == "StatementRef") return statement_ref(j, at);
  if (type == "SubStatement") {
    if (inside_substatement) return fail(at_key(at, "objectType"), "a SubStatement cannot hold another SubStatement");
    MEELOOP_RETURN_IF_ERROR(object_with(
        j, at, {"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"},
        "a SubStatement (no id, stored, version or authority)"));
    return statement_body(j, at, true);
  }
  return fail(at_key(at, "objectType"), "expected Activity, Agent, Group, StatementRef or SubStatement");
}

// Bounded before anything else is read; recursion stops at max_depth.
Status within_limits(const Json& j, const std::string& at, int depth, const StatementLimits& l, size_t& bytes) {
  auto too_big = [&] { return fail(at, "the statement is larger than " + std::to_string(l.max_bytes / 1024) + " KiB"); };
  if (depth > l.max_depth) return fail(at, "nested deeper than " + std::to_string(l.max_depth) + " levels");
  if (j.is_string()) {
    if (j.get_ref<const std::string&>().size() > l.max_string)
      return fail(at, "a string longer than " + std::to_string(l.max_string) + " bytes");
    bytes += j.get_ref<const std::string&>().size() + 2;
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      std::string here = at_key(at, key);
      if (key.size() > l.max_string) return fail(here, "a key longer than " + std::to_string(l.max_string) + " bytes");
      bytes += key.size() + 4;
      if (bytes > l.max_bytes) return too_big();
      MEELOOP_RETURN_IF_ERROR(within_limits(value, here, depth + 1, l, bytes));
    }
  } else if (j.is_array()) {
    if (j.size() > l.max_array) return fail(at, "an array of more than " + std::to_string(l.max_array) + " elements");
    for (size_t i = 0; i < j.size(); ++i)
      MEELOOP_RETURN_IF_ERROR(within_limits(j[i], at_key(at, std::to_string(i)), depth + 1, l, bytes));
  } else {
    bytes += 8;
  }
  return bytes > l.max_bytes ? too_big() : Status(Ok{});
}

}  // namespace

Status validate_statement(const Json& s, std::string_view pointer, const StatementLimits& limits) {
  std::string at(pointer);
  size_t bytes = 0;
  MEELOOP_RETURN_IF_ERROR(within_limits(s, at, 0, limits, bytes));
  MEELOOP_RETURN_IF_ERROR(object_with(s, at,
                                      {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
                                       "authority", "version", "attachments"},
                                      "a Statement"));
  if (s.contains("id")) MEELOOP_RETURN_IF_ERROR(string_in_format(s["id"], at_key(at, "id"), uuid_problem, "a UUID"));
  MEELOOP_RETURN_IF_ERROR(statement_body(s, at, false));
  if (s.contains("stored"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(s["stored"], at_key(at, "stored"), timestamp_problem, "a timestamp"));
  if (s.contains("authority")) MEELOOP_RETURN_IF_ERROR(actor(s["authority"], at_key(at, "authority")));
  if (s.contains("version"))
    MEELOOP_RETURN_IF_ERROR(string_in_format(s["version"], at_key(at, "version"), version_problem, "an xAPI version"));
  return Ok{};
}

}  // namespace meeloop::xapi
