#pragma once
// The inverse of xapi/statements.h: a person's records rebuilt from their statements, so the
// regional hub builds profile, matches and plan with the kiosk's own engine code
// (profile::make_report) from what it received.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_file.h"
#include "store/records.h"

namespace meeloop::xapi {

struct Records {
  std::string home_page;  // the actor's account.homePage: the installation that recorded them
  // code, language, background and share from the statements; consent true (nothing is sent
  // without it); consent_at and created_at empty (never sent).
  store::Participant participant;
  std::vector<store::Session> sessions;  // by id
  std::vector<store::Event> events;      // by session id, then seq
};

// `statements` is a JSON array of one person's statements, as statements.h writes them, in any
// order; a statement id seen twice counts once. Session starts and ends are optional (a session
// is known from any of its statements; ended_at and ending_id come from its end). The
// participant's background and scope are taken from the newest statement (highest session, then
// seq, an end last). BadInput with the JSON pointer of the first problem ("/3/context/
// extensions/https:~1~1meeloop.example~1xapi~1extensions~1event-seq: expected an integer"):
// not an array or empty, a statement of another actor than the first, a missing or mistyped
// field a record needs, one event (session and seq) under two statement ids, a session described
// two ways. A weight sent as null (JSON has no NaN) comes back as NaN, which the profile sets
// aside as unknown evidence, as on the kiosk.
Result<Records> records_from_statements(const Json& statements);

}  // namespace meeloop::xapi
