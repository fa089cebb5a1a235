// xAPI 1.0.3 statements. The actor is a pseudonymous account (the participant code), never a
// name or e-mail (mbox would be personal data). Statement ids are derived from the code and the
// event, so exporting twice gives the same ids and an LRS can drop the duplicates.
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/paths.h"
#include "profile/exports.h"

namespace meeloop::profile {
namespace {

const std::string kBase = kXapiBase;
const std::string kHome = "https://meeloop.example";
const std::string kAdl = "http://adlnet.gov/expapi/verbs/";

uint64_t fnv1a(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// A name-based UUID in RFC 9562's version 8 (custom) layout: stable and well-formed.
std::string uuid_from(std::string_view name) {
  uint64_t a = fnv1a(name, 0xcbf29ce484222325ULL), b = fnv1a(name, 0x84222325cbf29ce4ULL);
  a = (a & ~0xF000ULL) | 0x8000ULL;                          // version 8
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10xx
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32),
                unsigned((a >> 16) & 0xFFFF), unsigned(a & 0xFFFF), unsigned(b >> 48),
                (unsigned long long)(b & 0xFFFFFFFFFFFFULL));
  return buf;
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

std::string scene_iri(const std::string& scene) { return kBase + "/scenes/" + segment(scene); }
std::string step_iri(const std::string& scene, const std::string& step) {
  return scene_iri(scene) + "/steps/" + segment(step);
}

std::string lang_tag(const std::string& lang) { return lang == "en" ? "en-US" : "nl-NL"; }

Json base_statement(const Report& r, const std::string& key, const std::string& timestamp) {
  Json s;
  s["id"] = uuid_from(r.participant.code + "|" + key);
  s["actor"] = {{"objectType", "Agent"}, {"account", {{"homePage", kHome}, {"name", r.participant.code}}}};
  if (!timestamp.empty()) s["timestamp"] = timestamp;
  return s;
}

Json context(const Report& r, const store::Session* session, const std::string& scene,
             const std::string& parent) {
  Json c;
  c["platform"] = "Meeloop " + version();
  c["language"] = lang_tag(session ? session->language : r.participant.language);
  Json acts = {{"grouping", Json::array({activity(scene_iri(scene), scene, "http://adlnet.gov/expapi/activities/simulation")})}};
  if (!parent.empty()) acts["parent"] = Json::array({{{"objectType", "Activity"}, {"id", parent}}});
  c["contextActivities"] = std::move(acts);
  if (session) {
    c["registration"] = uuid_from(r.participant.code + "|session|" + std::to_string(session->id));
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

Json xapi_statements(const Report& r) {
  Json out = Json::array();
  for (const store::Session& s : r.sessions) {
    Json st = base_statement(r, "start|" + std::to_string(s.id), s.started_at);
    st["verb"] = verb("initialized", "begon", "initialized");
    st["object"] = activity(scene_iri(s.scene_id), s.scene_id, "http://adlnet.gov/expapi/activities/simulation");
    st["context"] = context(r, &s, s.scene_id, "");
    out.push_back(std::move(st));
  }
  for (const store::Event& e : r.events) {
    const store::Session* s = find_session(r, e.session_id);
    Json st = base_statement(r, "event|" + std::to_string(e.session_id) + "|" + std::to_string(e.seq), e.at);
    st["verb"] = verb_for(e.kind);
    std::string step = step_iri(e.scene_id, e.step_id);
    if (e.kind == "choice" || e.kind == "interaction") {
      std::string part = e.kind == "choice" ? "/choices/" : "/interactions/";
      st["object"] = activity(step + part + segment(e.item_id), e.item_id,
                              e.kind == "choice" ? "http://adlnet.gov/expapi/activities/cmi.interaction"
                                                 : "http://adlnet.gov/expapi/activities/interaction");
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
    st["context"] = context(r, s, e.scene_id, step);
    out.push_back(std::move(st));
  }
  for (const store::Session& s : r.sessions) {
    if (s.ended_at.empty()) continue;  // still running or interrupted: no end to report
    Json st = base_statement(r, "end|" + std::to_string(s.id), s.ended_at);
    st["verb"] = verb("terminated", "stopte", "terminated");
    st["object"] = activity(scene_iri(s.scene_id), s.scene_id, "http://adlnet.gov/expapi/activities/simulation");
    if (!s.ending_id.empty())
      st["result"] = {{"extensions", {{kBase + "/extensions/ending", s.ending_id}}}};
    st["context"] = context(r, &s, s.scene_id, "");
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace meeloop::profile
