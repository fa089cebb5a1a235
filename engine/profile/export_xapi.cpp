// xAPI 1.0.3 statements. The actor is a pseudonymous account (the participant code), never a
// name or e-mail (mbox would be personal data) on the installation's own home page. Statement
// ids are name-based UUIDs of home page, code and event, so exporting twice gives the same ids
// and an LRS can drop the duplicates.
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/paths.h"
#include "core/uuid.h"
#include "profile/exports.h"

namespace meeloop::profile {
namespace {

const std::string kBase = kXapiBase;
const std::string kAdl = "http://adlnet.gov/expapi/verbs/";
const std::string kCmiInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction";

// The home page has no whitespace (check_xapi_home_page) and codes have none either, so the
// newline-joined name is unambiguous and unique per installation, person and event.
std::string uuid_for(const XapiOptions& o, const Report& r, const std::string& key) {
  return format_uuid(uuid_v5(kMeeloopNamespace, o.home_page + "\n" + r.participant.code + "\n" + key));
}

// Percent-encodes everything but RFC 3986 unreserved characters, so any scene id is a valid IRI segment.
std::string segment(std::string_view id) {
  std::string out;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out.empty() ? "_" : out;
}

Json verb(const std::string& name, const char* nl, const char* en) {
  return {{"id", kAdl + name}, {"display", {{"en-US", en}, {"nl-NL", nl}}}};
}

Json verb_for(const std::string& kind) {
  if (kind == "choice") return verb("answered", "beantwoordde", "answered");
  if (kind == "interaction") return verb("interacted", "deed iets met", "interacted");
  if (kind == "help") return verb("asked", "vroeg", "asked");
  if (kind == "ending") return verb("completed", "voltooide", "completed");
  return verb("experienced", "maakte mee", "experienced");
}

Json activity(const std::string& id, const std::string& name, const std::string& type) {
  return {{"objectType", "Activity"},
          {"id", id},
          {"definition", {{"name", {{"und", name}}}, {"type", type}}}};
}

// xAPI 1.0.3 requires interactionType on every cmi.interaction. Each option a person picks is
// its own activity (its id names step and option), so its list of choices is that option; the
// scene with the other options is not part of a report. No correctResponsesPattern: a
// preboarding choice has no right answer.
Json choice_activity(const std::string& id, const std::string& item) {
  Json a = activity(id, item, kCmiInteraction);
  a["definition"]["interactionType"] = "choice";
  a["definition"]["choices"] = Json::array({{{"id", item}, {"description", {{"und", item}}}}});
  return a;
}

std::string scene_iri(const std::string& scene) { return kBase + "/scenes/" + segment(scene); }
std::string step_iri(const std::string& scene, const std::string& step) {
  return scene_iri(scene) + "/steps/" + segment(step);
}

std::string lang_tag(const std::string& lang) { return lang == "en" ? "en-US" : "nl-NL"; }

Json base_statement(const XapiOptions& o, const Report& r, const std::string& key,
                    const std::string& timestamp) {
  Json s;
  s["id"] = uuid_for(o, r, key);
  s["actor"] = {{"objectType", "Agent"}, {"account", {{"homePage", o.home_page}, {"name", r.participant.code}}}};
  if (!timestamp.empty()) s["timestamp"] = timestamp;
  return s;
}

Json context(const XapiOptions& o, const Report& r, const store::Session* session, const std::string& scene,
             const std::string& parent) {
  Json c;
  c["platform"] = "Meeloop " + version();
  c["language"] = lang_tag(session ? session->language : r.participant.language);
  Json acts = {{"grouping", Json::array({activity(scene_iri(scene), scene, "http://adlnet.gov/expapi/activities/simulation")})}};
  if (!parent.empty()) acts["parent"] = Json::array({{{"objectType", "Activity"}, {"id", parent}}});
  c["contextActivities"] = std::move(acts);
  if (session) {
    c["registration"] = uuid_for(o, r, "session|" + std::to_string(session->id));
    c["extensions"] = {{kBase + "/extensions/session-id", session->id},
                       {kBase + "/extensions/scene-version", session->scene_version}};
  }
  return c;
}

const store::Session* find_session(const Report& r, int64_t id) {
  for (const auto& s : r.sessions)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace

Json xapi_statements(const Report& r, const XapiOptions& o) {
  Json out = Json::array();
  for (const store::Session& s : r.sessions) {
    Json st = base_statement(o, r, "start|" + std::to_string(s.id), s.started_at);
    st["verb"] = verb("initialized", "begon", "initialized");
    st["object"] = activity(scene_iri(s.scene_id), s.scene_id, "http://adlnet.gov/expapi/activities/simulation");
    st["context"] = context(o, r, &s, s.scene_id, "");
    out.push_back(std::move(st));
  }
  for (const store::Event& e : r.events) {
    const store::Session* s = find_session(r, e.session_id);
    Json st = base_statement(o, r, "event|" + std::to_string(e.session_id) + "|" + std::to_string(e.seq), e.at);
    st["verb"] = verb_for(e.kind);
    std::string step = step_iri(e.scene_id, e.step_id);
    if (e.kind == "choice") {
      st["object"] = choice_activity(step + "/choices/" + segment(e.item_id), e.item_id);
    } else if (e.kind == "interaction") {
      st["object"] = activity(step + "/interactions/" + segment(e.item_id), e.item_id,
                              "http://adlnet.gov/expapi/activities/interaction");
    } else {
      st["object"] = activity(step, e.step_id, "http://adlnet.gov/expapi/activities/interaction");
    }
    Json evidence = Json::array();
    for (const auto& ev : e.evidence)
      evidence.push_back({{"dimension", ev.dimension}, {"weight", ev.weight}, {"reason", ev.reason}});
    Json result = {{"extensions",
                    {{kBase + "/extensions/evidence", std::move(evidence)},
                     {kBase + "/extensions/help-asked", e.help_asked}}}};
    if (!e.item_id.empty()) result["response"] = e.item_id;
    if (e.kind == "ending") result["completion"] = true;
    if (e.decision_seconds > 0) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "PT%.3fS", e.decision_seconds);
      result["duration"] = buf;
    }
    st["result"] = std::move(result);
    st["context"] = context(o, r, s, e.scene_id, step);
    out.push_back(std::move(st));
  }
  for (const store::Session& s : r.sessions) {
    if (s.ended_at.empty()) continue;  // still running or interrupted: no end to report
    Json st = base_statement(o, r, "end|" + std::to_string(s.id), s.ended_at);
    st["verb"] = verb("terminated", "stopte", "terminated");
    st["object"] = activity(scene_iri(s.scene_id), s.scene_id, "http://adlnet.gov/expapi/activities/simulation");
    if (!s.ending_id.empty())
      st["result"] = {{"extensions", {{kBase + "/extensions/ending", s.ending_id}}}};
    st["context"] = context(o, r, &s, s.scene_id, "");
    out.push_back(std::move(st));
  }
  return out;
}

namespace {

// Length of the well-formed UTF-8 sequence at `i` (no overlongs or surrogates), 0 if none.
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  unsigned c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return b(i + 1) >= lo && b(i + 1) <= hi && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(i + 1) >= lo && b(i + 1) <= hi && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// Why `iri` is not an absolute IRI with a usable host, or empty when it is.
std::string iri_problem(std::string_view iri) {
  if (iri.empty()) return "it is empty";
  if (iri.size() > 2000) return "it is longer than 2000 characters";
  size_t colon = iri.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(iri[0])))
    return "it has no scheme (such as https:)";
  for (size_t i = 1; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(iri[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return "it has no scheme (such as https:)";
  }
  if (colon + 1 == iri.size()) return "nothing follows the scheme";
  for (size_t i = colon + 1; i < iri.size();) {
    unsigned char c = static_cast<unsigned char>(iri[i]);
    if (c <= 0x20 || c == 0x7F) return "it contains a space or a control character";
    if (std::string_view("<>\"{}|\\^`").find(char(c)) != std::string_view::npos)
      return std::string("it contains '") + char(c) + "', which an IRI must percent-encode";
    if (c == '%' && (i + 2 >= iri.size() || !std::isxdigit(static_cast<unsigned char>(iri[i + 1])) ||
                     !std::isxdigit(static_cast<unsigned char>(iri[i + 2]))))
      return "a '%' is not followed by two hex digits";
    size_t n = utf8_length(iri, i);
    if (n == 0) return "it is not valid UTF-8";
    i += n;
  }
  std::string scheme;
  for (char c : iri.substr(0, colon)) scheme += char(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == "http" || scheme == "https") {
    std::string_view rest = iri.substr(colon + 1);
    if (rest.substr(0, 2) != "//") return "an http(s) address needs // and a host";
    std::string_view authority = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    std::string_view host = authority.substr(authority.rfind('@') + 1);  // npos + 1 == 0
    if (host.empty() || host[0] == ':') return "an http(s) address needs a host";
  }
  return {};
}

}  // namespace

Status check_xapi_home_page(std::string_view iri, std::string_view what) {
  std::string problem = iri_problem(iri);
  if (problem.empty()) return Ok{};
  std::string shown;
  for (unsigned char c : iri.substr(0, 200)) shown += c < 0x20 || c == 0x7F ? '?' : char(c);
  return bad_input("", "", std::string(what) + " must be an absolute IRI such as " +
                               "https://zorg.example.nl/meeloop (" + problem + "), got \"" + shown + "\"");
}

std::string local_xapi_home_page(std::string_view machine_id, const std::filesystem::path& database) {
  std::string name = "installation\n" + std::string(machine_id) + "\n" + database.string();
  return "urn:meeloop:installation:" + format_uuid(uuid_v5(kMeeloopNamespace, name));
}

}  // namespace meeloop::profile
