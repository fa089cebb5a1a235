#pragma once
// xAPI 1.0.3 statements from the evidence log: one per recorded event, one per session start
// and end. The wire format between kiosks and the regional hub, and what `meeloop export
// --format xapi` writes.
//
// The actor is a pseudonymous account (the participant code) on the installation's home page,
// never a name or an e-mail. Statement ids are version-5 UUIDs of home page, code and event
// ("start|<session>", "event|<session>|<seq>", "end|<session>"), and the registration one of
// "session|<session>", so sending or exporting twice repeats them and an LRS drops duplicates.
//
// Each statement carries everything profile::build_profile needs, so records_from_statements
// (xapi/read_statements.h) rebuilds the person's records from statements alone:
//   timestamp                     the event's (or the session's start or end) time
//   verb                          per kind: answered, interacted, asked, completed, experienced
//   result.response               the item (choice or interaction) id, when there is one
//   result.duration               the decision time, rounded to ms, for LRS reports
//   result.extensions             evidence [{dimension, weight, reason}], help-asked,
//                                 decision-seconds (exact), ending (a session's end)
//   context.registration          v5 UUID of the session
//   context.language              the session's language as a tag (nl-NL, en-US)
//   context.contextActivities     the scene (grouping), the step (parent)
//   context.extensions            session-id, scene-id, scene-version, session-language,
//                                 session-started-at, event-id, event-seq, event-kind, step-id,
//                                 event-scene-id (only where it differs from the session's),
//                                 consent-scope, participant {language, background}
// (names in xapi/vocabulary.h). Numbers are exact: a double prints back to the same double.
// The participant's background and consent scope travel as context extensions on every
// statement rather than as a statement of their own: each statement stands alone, so the hub
// can rebuild a profile from whatever subset it has, in any order, and the kiosk's outbox queues
// nothing but events and session ends. Not sent: names (there are none), the consent time and
// the participant's creation time, which no profile needs.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json_file.h"
#include "store/records.h"
#include "xapi/vocabulary.h"

namespace meeloop::xapi {

// What an installation that configured no address sends as its actor home page.
inline constexpr const char* kUnconfiguredHomePage = "urn:meeloop:installation:unconfigured";

struct Options {
  // The actor's account.homePage, this installation's own address, so equal participant codes
  // from two installations stay two people. Also part of every statement id's UUID name.
  std::string home_page = kUnconfiguredHomePage;
};

// The statement of one recorded event of `session` (event.session_id == session.id).
Json statement_for_event(const Options& options, const store::Participant& participant,
                         const store::Session& session, const store::Event& event);
// "initialized" at session.started_at.
Json statement_for_session_start(const Options& options, const store::Participant& participant,
                                 const store::Session& session);
// "terminated" at session.ended_at, with the ending reached; only for a session that ended.
Json statement_for_session_end(const Options& options, const store::Participant& participant,
                               const store::Session& session);

// BadInput unless `iri` can be a home page (iri_problem); `what` names its source
// ("--home-page") in the message.
Status check_home_page(std::string_view iri, std::string_view what);
// The home page of an installation that configured none: "urn:meeloop:installation:<uuid>",
// the v5 UUID of the machine's id and the database path. Stable per database, different on
// each machine, and reveals neither.
std::string local_home_page(std::string_view machine_id, const std::filesystem::path& database);

}  // namespace meeloop::xapi
