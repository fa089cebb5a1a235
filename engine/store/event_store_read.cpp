// Participants, sessions and reading events back (what the profile builder uses), and the
// listings over many people (the people service's).
#include <algorithm>
#include <cctype>
#include <sstream>

#include "store/event_store.h"
#include "store/event_store_impl.h"

namespace meeloop::store {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, ',');)
    if (!part.empty()) out.push_back(part);
  return out;
}

constexpr const char* kParticipantColumns =
    "SELECT code, consent, consent_at, language, created_at, care_experience, situation, "
    "levels_of_interest, route, share FROM participants";
constexpr int kParticipantColumnCount = 10;

Participant read_participant(const sql::Stmt& s) {
  Participant p;
  p.code = s.text(0);
  p.consent = s.int64(1) != 0;
  p.consent_at = s.text(2);
  p.language = s.text(3);
  p.created_at = s.text(4);
  p.background.care_experience = s.text(5);
  p.background.situation = s.text(6);
  p.background.levels_of_interest = split(s.text(7));
  p.background.route = s.text(8);
  // The column's CHECK admits only the three names; anything else would share nothing.
  p.share = parse_share_scope(s.text(9)).value_or(ShareScope::None);
  return p;
}

// Reads events (optionally joined with their evidence rows) from a query whose columns are
// id, session_id, seq, at, scene_id, step_id, kind, item_id, decision_seconds, help_asked,
// dimension, weight, reason; rows of one event are adjacent.
std::vector<Event> read_events(sql::Stmt& s) {
  std::vector<Event> out;
  while (s.step()) {
    if (out.empty() || out.back().id != s.int64(0)) out.push_back(read_event(s, 0));
    if (!s.text(10).empty())  // empty: an event without evidence (LEFT JOIN)
      out.back().evidence.push_back(Evidence{s.text(10), s.real(11), s.text(12)});
  }
  return out;
}

constexpr const char* kEventQuery =
    "SELECT e.id, e.session_id, e.seq, e.at, e.scene_id, e.step_id, e.kind, e.item_id, "
    "e.decision_seconds, e.help_asked, coalesce(v.dimension, ''), coalesce(v.weight, 0), "
    "coalesce(v.reason, '') FROM events e LEFT JOIN evidence v ON v.event_id = e.id ";

}  // namespace

Session read_session(const sql::Stmt& s, int c) {
  return Session{s.int64(c), s.text(c + 1), s.text(c + 2), s.text(c + 3),
                 s.text(c + 4), s.text(c + 5), s.text(c + 6), s.text(c + 7)};
}

Event read_event(const sql::Stmt& s, int c) {
  Event e;
  e.id = s.int64(c);
  e.session_id = s.int64(c + 1);
  e.seq = int(s.int64(c + 2));
  e.at = s.text(c + 3);
  e.scene_id = s.text(c + 4);
  e.step_id = s.text(c + 5);
  e.kind = s.text(c + 6);
  e.item_id = s.text(c + 7);
  e.decision_seconds = s.real(c + 8);
  e.help_asked = s.int64(c + 9) != 0;
  return e;
}

Status EventStore::add_participant(const Participant& p) {
  Impl& im = *impl_;
  return im.guarded("save the participant", [&]() -> Status {
    // Consent is the condition for storing anything about a person, so the store enforces it.
    if (!p.consent)
      return bad_input(im.path.string(), "", "no consent given: nothing about this person is stored");
    if (p.code.empty()) return bad_input(im.path.string(), "", "a participant needs a code");
    std::string now = iso_utc_now();
    sql::Stmt s = sql::prepare(im.raw(),
        "INSERT INTO participants (code, consent, consent_at, language, created_at, "
        "care_experience, situation, levels_of_interest, route, share) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (code) DO NOTHING");
    s.bind(1, p.code).bind(2, 1).bind(3, p.consent_at.empty() ? now : p.consent_at);
    s.bind(4, p.language).bind(5, p.created_at.empty() ? now : p.created_at);
    s.bind(6, p.background.care_experience).bind(7, p.background.situation);
    s.bind(8, join(p.background.levels_of_interest)).bind(9, p.background.route);
    s.bind(10, share_scope_name(p.share));
    s.run();
    if (sqlite3_changes(im.raw()) == 0)
      return bad_input(im.path.string(), "", "participant " + p.code + " already exists");
    return Ok{};
  });
}

Result<std::optional<Participant>> EventStore::participant(const std::string& code) const {
  return impl_->guarded("read the participant", [&]() -> Result<std::optional<Participant>> {
    sql::Stmt s = sql::prepare(impl_->raw(), std::string(kParticipantColumns) + " WHERE code = ?");
    s.bind(1, code);
    if (!s.step()) return std::optional<Participant>();
    return std::optional<Participant>(read_participant(s));
  });
}

Result<std::vector<Participant>> EventStore::participants() const {
  return impl_->guarded("read the participants", [&]() -> Result<std::vector<Participant>> {
    sql::Stmt s = sql::prepare(impl_->raw(), std::string(kParticipantColumns) + " ORDER BY created_at, code");
    std::vector<Participant> out;
    while (s.step()) out.push_back(read_participant(s));
    return out;
  });
}

Result<int64_t> EventStore::begin_session(const Session& in) {
  Impl& im = *impl_;
  return im.guarded("start a session", [&]() -> Result<int64_t> {
    sql::Stmt s = sql::prepare(im.raw(),
        "INSERT INTO sessions (participant_code, scene_id, scene_version, language, started_at) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM participants WHERE code = ?1) "
        "RETURNING id");
    s.bind(1, in.participant_code).bind(2, in.scene_id).bind(3, in.scene_version);
    s.bind(4, in.language).bind(5, in.started_at.empty() ? iso_utc_now() : in.started_at);
    if (!s.step())
      return bad_input(im.path.string(), "", "unknown participant code " + in.participant_code);
    int64_t id = s.int64(0);
    s.run();
    im.checkpoint();
    return id;
  });
}

Status EventStore::end_session(int64_t session_id, const std::string& ending_id,
                               const std::string& ended_at) {
  Impl& im = *impl_;
  return im.guarded("end the session", [&]() -> Status {
    const std::string at = ended_at.empty() ? iso_utc_now() : ended_at;
    bool found = false;
    sql::transaction(im.raw(), [&] {
      sql::Stmt s = sql::prepare(im.raw(), "UPDATE sessions SET ended_at = ?, ending_id = ? WHERE id = ?");
      s.bind(1, at).bind(2, ending_id).bind(3, session_id).run();
      found = sqlite3_changes(im.raw()) > 0;
      if (found) im.queue_outbox("session_ended", session_id, 0);
    });
    if (!found) return bad_input(im.path.string(), "", "no session " + std::to_string(session_id));
    im.checkpoint();
    return Ok{};
  });
}

Result<std::vector<Session>> EventStore::sessions(const std::string& code) const {
  return impl_->guarded("read the sessions", [&]() -> Result<std::vector<Session>> {
    sql::Stmt s = sql::prepare(impl_->raw(),
        "SELECT id, participant_code, scene_id, scene_version, language, started_at, ended_at, "
        "ending_id FROM sessions WHERE participant_code = ? ORDER BY id");
    s.bind(1, code);
    std::vector<Session> out;
    while (s.step()) out.push_back(read_session(s, 0));
    return out;
  });
}

Result<PeoplePage> EventStore::people(const PeopleQuery& q) const {
  return impl_->guarded("list the people", [&]() -> Result<PeoplePage> {
    // The page of people is chosen first, then joined with their sessions, so paging counts
    // people, not sessions; one more than asked for says whether another page follows.
    sql::Stmt s = sql::prepare(impl_->raw(),
        std::string("WITH page AS (") + kParticipantColumns +
        " WHERE substr(code, 1, length(?1)) = ?1 ORDER BY created_at DESC, code LIMIT ?2 OFFSET ?3) "
        "SELECT page.*, coalesce(s.id, 0), s.participant_code, s.scene_id, s.scene_version, s.language, "
        "s.started_at, s.ended_at, s.ending_id FROM page LEFT JOIN sessions s ON s.participant_code = page.code "
        "ORDER BY page.created_at DESC, page.code, s.id");
    std::string prefix = q.code_prefix;
    for (char& c : prefix) c = char(std::toupper(static_cast<unsigned char>(c)));  // codes are upper case
    s.bind(1, prefix).bind(2, q.limit > 0 ? int64_t(q.limit) + 1 : int64_t(-1)).bind(3, std::max(q.offset, 0));
    PeoplePage page;
    while (s.step()) {
      if (page.people.empty() || page.people.back().participant.code != s.text(0))
        page.people.push_back(PersonSessions{read_participant(s), {}});
      if (s.int64(kParticipantColumnCount) != 0)  // 0: nobody's session (LEFT JOIN)
        page.people.back().sessions.push_back(read_session(s, kParticipantColumnCount));
    }
    if (q.limit > 0 && page.people.size() > size_t(q.limit)) {
      page.people.pop_back();
      page.more = true;
    }
    return page;
  });
}

Result<SessionCounts> EventStore::count_sessions(const std::string& from_utc, const std::string& to_utc) const {
  return impl_->guarded("count the sessions", [&]() -> Result<SessionCounts> {
    sql::Stmt s = sql::prepare(impl_->raw(),
                               "SELECT COUNT(*), COUNT(DISTINCT participant_code) FROM sessions "
                               "WHERE started_at >= ?1 AND started_at < ?2");
    s.bind(1, from_utc).bind(2, to_utc);
    SessionCounts c;
    if (s.step()) {
      c.sessions = static_cast<int>(s.int64(0));
      c.participants = static_cast<int>(s.int64(1));
    }
    return c;
  });
}

Result<std::vector<Event>> EventStore::events(int64_t session_id) const {
  return impl_->guarded("read the events", [&]() -> Result<std::vector<Event>> {
    sql::Stmt s = sql::prepare(impl_->raw(), std::string(kEventQuery) +
                                                 "WHERE e.session_id = ? ORDER BY e.seq, e.id, v.ord");
    s.bind(1, session_id);
    return read_events(s);
  });
}

Result<std::vector<Event>> EventStore::events_for_participant(const std::string& code) const {
  return impl_->guarded("read the events", [&]() -> Result<std::vector<Event>> {
    sql::Stmt s = sql::prepare(impl_->raw(), std::string(kEventQuery) +
        "JOIN sessions s ON s.id = e.session_id WHERE s.participant_code = ? "
        "ORDER BY s.id, e.seq, e.id, v.ord");
    s.bind(1, code);
    return read_events(s);
  });
}

}  // namespace meeloop::store
