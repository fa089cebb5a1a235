#include "xapi/read_statements.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "xapi/json_pointer.h"
#include "xapi/vocabulary.h"

namespace meeloop::xapi {
namespace {

// A member of `parent` (at pointer `at`) that must be there and pass `ok`; `expected` says what.
Result<const Json*> member(const Json& parent, const std::string& at, const std::string& key,
                           bool (*ok)(const Json&), const char* expected) {
  if (!parent.is_object()) return bad_input("", at, "expected an object, found " + json_type_name(parent));
  std::string here = pointer_append(at, key);
  auto it = parent.find(key);
  if (it == parent.end()) return bad_input("", here, std::string("missing: expected ") + expected);
  if (!ok(*it)) return bad_input("", here, std::string("expected ") + expected + ", found " + json_type_name(*it));
  return &*it;
}

bool is_string(const Json& j) { return j.is_string(); }
bool is_integer(const Json& j) { return j.is_number_integer(); }
bool is_bool(const Json& j) { return j.is_boolean(); }
bool is_number(const Json& j) { return j.is_number(); }
bool is_number_or_null(const Json& j) { return j.is_number() || j.is_null(); }
bool is_object(const Json& j) { return j.is_object(); }
bool is_array(const Json& j) { return j.is_array(); }
bool is_string_array(const Json& j) {
  return j.is_array() && std::all_of(j.begin(), j.end(), [](const Json& x) { return x.is_string(); });
}

Result<std::string> text(const Json& parent, const std::string& at, const std::string& key) {
  MEELOOP_ASSIGN_OR_RETURN(const Json* j, member(parent, at, key, is_string, "a string"));
  return j->get<std::string>();
}

// Where one statement sits among a person's: later sessions, and later in a session, are newer.
using Order = std::tuple<int64_t, int64_t>;

// One statement, read.
struct Parsed {
  std::string id;
  std::string home_page, code;
  store::Participant participant;
  store::Session session;
  enum class What { Start, Event, End } what = What::Event;
  store::Event event;
  Order order;
};

Result<store::Participant> read_participant(const Json& x, const std::string& at, const std::string& code) {
  store::Participant p;
  p.code = code;
  p.consent = true;
  MEELOOP_ASSIGN_OR_RETURN(std::string scope, text(x, at, extension(ext::kConsentScope)));
  auto share = store::parse_share_scope(scope);
  if (!share)
    return bad_input("", pointer_append(at, extension(ext::kConsentScope)),
                     "expected \"none\", \"organisation\" or \"region\", found \"" + scope + "\"");
  p.share = *share;
  std::string pat = pointer_append(at, extension(ext::kParticipant));
  MEELOOP_ASSIGN_OR_RETURN(const Json* who, member(x, at, extension(ext::kParticipant), is_object,
                                                   "an object with language and background"));
  MEELOOP_ASSIGN_OR_RETURN(p.language, text(*who, pat, "language"));
  std::string bat = pointer_append(pat, "background");
  MEELOOP_ASSIGN_OR_RETURN(const Json* bg, member(*who, pat, "background", is_object, "an object"));
  MEELOOP_ASSIGN_OR_RETURN(p.background.care_experience, text(*bg, bat, "care_experience"));
  MEELOOP_ASSIGN_OR_RETURN(p.background.situation, text(*bg, bat, "situation"));
  MEELOOP_ASSIGN_OR_RETURN(p.background.route, text(*bg, bat, "route"));
  MEELOOP_ASSIGN_OR_RETURN(const Json* levels,
                           member(*bg, bat, "levels_of_interest", is_string_array, "an array of strings"));
  p.background.levels_of_interest = levels->get<std::vector<std::string>>();
  return p;
}

Result<store::Session> read_session(const Json& x, const std::string& at, const std::string& code) {
  store::Session s;
  s.participant_code = code;
  MEELOOP_ASSIGN_OR_RETURN(const Json* id, member(x, at, extension(ext::kSessionId), is_integer, "an integer"));
  s.id = id->get<int64_t>();
  MEELOOP_ASSIGN_OR_RETURN(s.scene_id, text(x, at, extension(ext::kSceneId)));
  MEELOOP_ASSIGN_OR_RETURN(s.scene_version, text(x, at, extension(ext::kSceneVersion)));
  MEELOOP_ASSIGN_OR_RETURN(s.language, text(x, at, extension(ext::kSessionLanguage)));
  MEELOOP_ASSIGN_OR_RETURN(s.started_at, text(x, at, extension(ext::kSessionStartedAt)));
  return s;
}

Result<std::vector<store::Evidence>> read_evidence(const Json& rx, const std::string& at) {
  std::string eat = pointer_append(at, extension(ext::kEvidence));
  MEELOOP_ASSIGN_OR_RETURN(const Json* list, member(rx, at, extension(ext::kEvidence), is_array,
                                                    "an array of {dimension, weight, reason}"));
  std::vector<store::Evidence> out;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string iat = pointer_append(eat, std::to_string(i));
    const Json& item = (*list)[i];
    store::Evidence ev;
    MEELOOP_ASSIGN_OR_RETURN(ev.dimension, text(item, iat, "dimension"));
    MEELOOP_ASSIGN_OR_RETURN(ev.reason, text(item, iat, "reason"));
    MEELOOP_ASSIGN_OR_RETURN(const Json* w, member(item, iat, "weight", is_number_or_null, "a number"));
    ev.weight = w->is_null() ? std::numeric_limits<double>::quiet_NaN() : w->get<double>();
    out.push_back(std::move(ev));
  }
  return out;
}

Result<store::Event> read_event(const Json& s, const std::string& at, const Json& x, const std::string& xat,
                                const store::Session& session) {
  store::Event e;
  e.session_id = session.id;
  e.scene_id = session.scene_id;
  if (x.contains(extension(ext::kEventSceneId))) {
    MEELOOP_ASSIGN_OR_RETURN(e.scene_id, text(x, xat, extension(ext::kEventSceneId)));
  }
  MEELOOP_ASSIGN_OR_RETURN(const Json* id, member(x, xat, extension(ext::kEventId), is_integer, "an integer"));
  e.id = id->get<int64_t>();
  MEELOOP_ASSIGN_OR_RETURN(const Json* seq, member(x, xat, extension(ext::kEventSeq), is_integer, "an integer"));
  if (seq->get<int64_t>() < std::numeric_limits<int>::min() || seq->get<int64_t>() > std::numeric_limits<int>::max())
    return bad_input("", pointer_append(xat, extension(ext::kEventSeq)), "expected a sequence number that fits 32 bits");
  e.seq = int(seq->get<int64_t>());
  MEELOOP_ASSIGN_OR_RETURN(e.kind, text(x, xat, extension(ext::kEventKind)));
  MEELOOP_ASSIGN_OR_RETURN(e.step_id, text(x, xat, extension(ext::kStepId)));
  if (s.contains("timestamp")) {
    MEELOOP_ASSIGN_OR_RETURN(e.at, text(s, at, "timestamp"));
  }
  std::string rat = pointer_append(at, "result");
  MEELOOP_ASSIGN_OR_RETURN(const Json* result, member(s, at, "result", is_object, "an object"));
  if (result->contains("response")) {
    MEELOOP_ASSIGN_OR_RETURN(e.item_id, text(*result, rat, "response"));
  }
  std::string rxat = pointer_append(rat, "extensions");
  MEELOOP_ASSIGN_OR_RETURN(const Json* rx, member(*result, rat, "extensions", is_object, "an object"));
  MEELOOP_ASSIGN_OR_RETURN(const Json* help, member(*rx, rxat, extension(ext::kHelpAsked), is_bool, "true or false"));
  e.help_asked = help->get<bool>();
  MEELOOP_ASSIGN_OR_RETURN(const Json* secs,
                           member(*rx, rxat, extension(ext::kDecisionSeconds), is_number, "a number of seconds"));
  e.decision_seconds = secs->get<double>();
  MEELOOP_ASSIGN_OR_RETURN(e.evidence, read_evidence(*rx, rxat));
  return e;
}

Result<Parsed> read_statement(const Json& s, const std::string& at) {
  Parsed p;
  MEELOOP_ASSIGN_OR_RETURN(p.id, text(s, at, "id"));
  std::string aat = pointer_append(pointer_append(at, "actor"), "account");
  MEELOOP_ASSIGN_OR_RETURN(const Json* actor, member(s, at, "actor", is_object, "an Agent"));
  MEELOOP_ASSIGN_OR_RETURN(const Json* account, member(*actor, pointer_append(at, "actor"), "account", is_object,
                                                       "an account {homePage, name}: Meeloop's pseudonymous actor"));
  MEELOOP_ASSIGN_OR_RETURN(p.home_page, text(*account, aat, "homePage"));
  MEELOOP_ASSIGN_OR_RETURN(p.code, text(*account, aat, "name"));
  std::string vat = pointer_append(at, "verb");
  MEELOOP_ASSIGN_OR_RETURN(const Json* verb, member(s, at, "verb", is_object, "a verb"));
  MEELOOP_ASSIGN_OR_RETURN(std::string verb_id, text(*verb, vat, "id"));
  std::string cat = pointer_append(at, "context");
  std::string xat = pointer_append(cat, "extensions");
  MEELOOP_ASSIGN_OR_RETURN(const Json* context, member(s, at, "context", is_object, "an object"));
  MEELOOP_ASSIGN_OR_RETURN(const Json* x, member(*context, cat, "extensions", is_object,
                                                 "an object with Meeloop's session and participant extensions"));
  MEELOOP_ASSIGN_OR_RETURN(p.participant, read_participant(*x, xat, p.code));
  MEELOOP_ASSIGN_OR_RETURN(p.session, read_session(*x, xat, p.code));

  const int64_t last = std::numeric_limits<int64_t>::max();
  if (verb_id == std::string(kAdlVerbs) + "initialized") {
    p.what = Parsed::What::Start;
    MEELOOP_ASSIGN_OR_RETURN(p.session.started_at, text(s, at, "timestamp"));
    p.order = {p.session.id, std::numeric_limits<int64_t>::min()};
  } else if (verb_id == std::string(kAdlVerbs) + "terminated") {
    p.what = Parsed::What::End;
    MEELOOP_ASSIGN_OR_RETURN(p.session.ended_at, text(s, at, "timestamp"));
    if (s.contains("result")) {
      std::string rat = pointer_append(at, "result");
      MEELOOP_ASSIGN_OR_RETURN(const Json* result, member(s, at, "result", is_object, "an object"));
      MEELOOP_ASSIGN_OR_RETURN(const Json* rx, member(*result, rat, "extensions", is_object, "an object"));
      if (rx->contains(extension(ext::kEnding))) {
        MEELOOP_ASSIGN_OR_RETURN(p.session.ending_id, text(*rx, pointer_append(rat, "extensions"), extension(ext::kEnding)));
      }
    }
    p.order = {p.session.id, last};
  } else {
    MEELOOP_ASSIGN_OR_RETURN(p.event, read_event(s, at, *x, xat, p.session));
    p.order = {p.session.id, p.event.seq};
  }
  return p;
}

// The first field in which two descriptions of one session differ, or nullptr.
const char* differs(const store::Session& a, const store::Session& b) {
  if (a.scene_id != b.scene_id) return "scene-id";
  if (a.scene_version != b.scene_version) return "scene-version";
  if (a.language != b.language) return "session-language";
  if (a.started_at != b.started_at) return "session-started-at";
  return nullptr;
}

}  // namespace

Result<Records> records_from_statements(const Json& statements) {
  if (!statements.is_array()) return bad_input("", "", "expected an array of statements, found " + json_type_name(statements));
  if (statements.empty()) return bad_input("", "", "expected at least one statement, found an empty array");
  Records out;
  struct Seen {
    store::Session session;
    std::string at;  // the pointer of the statement that first described it
  };
  std::map<int64_t, Seen> sessions;
  std::map<std::pair<int64_t, int>, std::pair<std::string, std::string>> events;  // -> statement id, pointer
  std::set<std::string> ids;
  std::optional<Order> newest;
  for (size_t i = 0; i < statements.size(); ++i) {
    std::string at = "/" + std::to_string(i);
    MEELOOP_ASSIGN_OR_RETURN(Parsed p, read_statement(statements[i], at));
    if (!ids.insert(p.id).second) continue;  // delivered twice: the same statement
    if (i == 0) {
      out.home_page = p.home_page;
      out.participant.code = p.code;
    } else if (p.home_page != out.home_page || p.code != out.participant.code) {
      return bad_input("", at + "/actor/account", "expected the actor of /0 (one person's statements), found another");
    }
    if (!newest || p.order > *newest) {
      newest = p.order;
      out.participant = p.participant;
    }
    auto [it, fresh] = sessions.try_emplace(p.session.id, Seen{p.session, at});
    store::Session& known = it->second.session;
    if (!fresh) {
      // A start's timestamp and the extension on every other statement say the same thing.
      if (const char* field = differs(known, p.session))
        return bad_input("", at + "/context/extensions",
                         "session " + std::to_string(p.session.id) + " has another " + field + " than at " +
                             it->second.at);
    }
    if (p.what == Parsed::What::End) {
      known.ended_at = p.session.ended_at;
      known.ending_id = p.session.ending_id;
    }
    if (p.what != Parsed::What::Event) continue;
    auto key = std::make_pair(p.event.session_id, p.event.seq);
    auto [e, added] = events.try_emplace(key, p.id, at);
    if (!added)
      return bad_input("", at, "event " + std::to_string(key.second) + " of session " + std::to_string(key.first) +
                                   " is also statement " + e->second.second + " under another id");
    out.events.push_back(std::move(p.event));
  }
  for (auto& [id, seen] : sessions) out.sessions.push_back(std::move(seen.session));
  std::sort(out.events.begin(), out.events.end(), [](const store::Event& a, const store::Event& b) {
    return std::tie(a.session_id, a.seq) < std::tie(b.session_id, b.seq);
  });
  return out;
}

}  // namespace meeloop::xapi
