#include "xapi/statements.h"

#include <cstdio>

#include "core/paths.h"
#include "core/uuid.h"
#include "xapi/iri.h"

namespace meeloop::xapi {
namespace {

// The home page has no whitespace (check_home_page) and codes have none either, so the
// newline-joined name is unambiguous and unique per installation, person and event.
std::string uuid_for(const Options& o, const std::string& code, const std::string& key) {
  return format_uuid(uuid_v5(kMeeloopNamespace, o.home_page + "\n" + code + "\n" + key));
}

Json verb(const std::string& name, const char* nl, const char* en) {
  return {{"id", kAdlVerbs + name}, {"display", {{"en-US", en}, {"nl-NL", nl}}}};
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
// scene with the other options is not part of an event. No correctResponsesPattern: a
// preboarding choice has no right answer.
Json choice_activity(const std::string& id, const std::string& item) {
  Json a = activity(id, item, kCmiInteraction);
  a["definition"]["interactionType"] = "choice";
  a["definition"]["choices"] = Json::array({{{"id", item}, {"description", {{"und", item}}}}});
  return a;
}

std::string scene_iri(const std::string& scene) { return std::string(kBase) + "/scenes/" + iri_segment(scene); }
std::string step_iri(const std::string& scene, const std::string& step) {
  return scene_iri(scene) + "/steps/" + iri_segment(step);
}

std::string lang_tag(const std::string& lang) { return lang == "en" ? "en-US" : "nl-NL"; }

Json base_statement(const Options& o, const store::Participant& p, const std::string& key,
                    const std::string& timestamp) {
  Json s;
  s["id"] = uuid_for(o, p.code, key);
  s["actor"] = {{"objectType", "Agent"}, {"account", {{"homePage", o.home_page}, {"name", p.code}}}};
  if (!timestamp.empty()) s["timestamp"] = timestamp;
  return s;
}

Json participant_extension(const store::Participant& p) {
  const store::Background& b = p.background;
  return {{"language", p.language},
          {"background",
           {{"care_experience", b.care_experience},
            {"situation", b.situation},
            {"levels_of_interest", b.levels_of_interest},
            {"route", b.route}}}};
}

// `scene` groups the statement; `parent` (a step) is its parent activity when not empty.
Json context(const Options& o, const store::Participant& p, const store::Session& session,
             const std::string& scene, const std::string& parent) {
  Json c;
  c["platform"] = "Meeloop " + version();
  c["language"] = lang_tag(session.language);
  Json acts = {{"grouping", Json::array({activity(scene_iri(scene), scene, kSimulation)})}};
  if (!parent.empty()) acts["parent"] = Json::array({{{"objectType", "Activity"}, {"id", parent}}});
  c["contextActivities"] = std::move(acts);
  c["registration"] = uuid_for(o, p.code, "session|" + std::to_string(session.id));
  c["extensions"] = {{extension(ext::kSessionId), session.id},
                     {extension(ext::kSceneVersion), session.scene_version},
                     {extension(ext::kSceneId), session.scene_id},
                     {extension(ext::kSessionLanguage), session.language},
                     {extension(ext::kSessionStartedAt), session.started_at},
                     {extension(ext::kConsentScope), std::string(store::share_scope_name(p.share))},
                     {extension(ext::kParticipant), participant_extension(p)}};
  return c;
}

}  // namespace

Json statement_for_event(const Options& o, const store::Participant& p, const store::Session& session,
                         const store::Event& e) {
  Json st = base_statement(o, p, "event|" + std::to_string(e.session_id) + "|" + std::to_string(e.seq), e.at);
  st["verb"] = verb_for(e.kind);
  std::string step = step_iri(e.scene_id, e.step_id);
  if (e.kind == "choice") {
    st["object"] = choice_activity(step + "/choices/" + iri_segment(e.item_id), e.item_id);
  } else if (e.kind == "interaction") {
    st["object"] = activity(step + "/interactions/" + iri_segment(e.item_id), e.item_id, kInteraction);
  } else {
    st["object"] = activity(step, e.step_id, kInteraction);
  }
  Json evidence = Json::array();
  for (const auto& ev : e.evidence)
    evidence.push_back({{"dimension", ev.dimension}, {"weight", ev.weight}, {"reason", ev.reason}});
  Json result = {{"extensions",
                  {{extension(ext::kEvidence), std::move(evidence)},
                   {extension(ext::kHelpAsked), e.help_asked},
                   {extension(ext::kDecisionSeconds), e.decision_seconds}}}};
  if (!e.item_id.empty()) result["response"] = e.item_id;
  if (e.kind == "ending") result["completion"] = true;
  if (e.decision_seconds > 0) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "PT%.3fS", e.decision_seconds);
    result["duration"] = buf;
  }
  st["result"] = std::move(result);
  Json c = context(o, p, session, e.scene_id, step);
  Json& x = c["extensions"];
  if (e.scene_id != session.scene_id) x[extension(ext::kEventSceneId)] = e.scene_id;
  x[extension(ext::kEventId)] = e.id;
  x[extension(ext::kEventSeq)] = e.seq;
  x[extension(ext::kEventKind)] = e.kind;
  x[extension(ext::kStepId)] = e.step_id;
  st["context"] = std::move(c);
  return st;
}

Json statement_for_session_start(const Options& o, const store::Participant& p, const store::Session& s) {
  Json st = base_statement(o, p, "start|" + std::to_string(s.id), s.started_at);
  st["verb"] = verb("initialized", "begon", "initialized");
  st["object"] = activity(scene_iri(s.scene_id), s.scene_id, kSimulation);
  st["context"] = context(o, p, s, s.scene_id, "");
  return st;
}

Json statement_for_session_end(const Options& o, const store::Participant& p, const store::Session& s) {
  Json st = base_statement(o, p, "end|" + std::to_string(s.id), s.ended_at);
  st["verb"] = verb("terminated", "stopte", "terminated");
  st["object"] = activity(scene_iri(s.scene_id), s.scene_id, kSimulation);
  if (!s.ending_id.empty()) st["result"] = {{"extensions", {{extension(ext::kEnding), s.ending_id}}}};
  st["context"] = context(o, p, s, s.scene_id, "");
  return st;
}

Status check_home_page(std::string_view iri, std::string_view what) {
  std::string problem = iri_problem(iri);
  if (problem.empty()) return Ok{};
  std::string shown;
  for (unsigned char c : iri.substr(0, 200)) shown += c < 0x20 || c == 0x7F ? '?' : char(c);
  return bad_input("", "", std::string(what) + " must be an absolute IRI such as " +
                               "https://zorg.example.nl/meeloop (" + problem + "), got \"" + shown + "\"");
}

std::string local_home_page(std::string_view machine_id, const std::filesystem::path& database) {
  std::string name = "installation\n" + std::string(machine_id) + "\n" + database.string();
  return "urn:meeloop:installation:" + format_uuid(uuid_v5(kMeeloopNamespace, name));
}

}  // namespace meeloop::xapi
