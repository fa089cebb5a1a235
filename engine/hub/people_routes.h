#pragma once
// The recruiters' JSON API on the hub (issue 18, items 4 and 5), what issue 19's web pages sit
// on. Every route needs a recruiter account (HTTP Basic, recruiter_auth.h: 401 with
// WWW-Authenticate, 429 after too many wrong passwords from one address, 503 when the database
// cannot be asked). Answers are JSON (hub_server.h's error shape for refusals) with
// Cache-Control: no-store.
//
//   GET  /meeloop/v1/people?since=&until=&scope=&limit=&after=
//     200 {"people": [{"code", "first_seen", "last_seen", "scope", "organisation", "sessions",
//                      "statements"}, ...], "more": "<URL of the next page>" | ""}
//     The people the caller's organisation may see (statements of its own kiosks, and those
//     shared with the region), newest last_seen first. Times are ISO 8601 UTC with ms, the
//     kiosk's clock; since (exclusive) and until (inclusive) keep people seen in the span;
//     scope: organisation | region (the newest visible statement's); limit 1..500 (default
//     HubLimits::page_size); after: the cursor inside "more". 400 for anything else.
//   GET  /meeloop/v1/people/{code}
//     200 {"profile": {...}, "matches": [...], "plan": [...]}   (hub/person_view.h)
//   GET  /meeloop/v1/people/{code}/export?format=json|xapi
//     200 a download (Content-Disposition: attachment): json, the meeloop.profile/1 document
//     `meeloop export --format json` writes (<code>-profile.json); xapi, the person's xAPI
//     statements as `meeloop export --format xapi` writes them, with the recording kiosk's
//     home page (<code>-xapi.json). 400 for another format.
//   POST /meeloop/v1/people/{code}/erase
//     200 {"erased": "<code>", "statements": <removed>}; organisation administrators only.
//     Erases the person on the hub (HubStore::erase: later syncs of the code are refused).
//
// A regional coordinator sees no one individually: 403 on every route here. A recruiter may not
// erase: 403. A code the caller's organisation may not see is 404, exactly as an unknown one.
// Each view, export and erasure writes one audit entry (actor: the account id; organisation;
// action view | export | erase; subject: the code; detail {"format"} for exports) before the
// answer goes out (an erasure's in its own transaction); when it cannot be written the request
// fails with 503 and shows nothing. Logs name the route template and the account id, never a
// code, name or query string.
#include <optional>
#include <string>

#include "core/log.h"
#include "hub/hub_config.h"
#include "hub/person_view.h"
#include "hub/recruiter_auth.h"
#include "hub_store/hub_store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace meeloop::hub {

inline constexpr const char* kPeoplePath = "/meeloop/v1/people";

// Authorisation, one place for the API and the pages to come.
bool sees_individuals(const Recruiter& who);  // everyone but a regional coordinator
bool may_erase(const Recruiter& who);         // organisation administrators

// The handlers, each given who is asking (from Basic auth here; from a session in issue 19).
class PeopleApi {
 public:
  // All references must outlive the object.
  PeopleApi(hub_store::HubStore& store, ProfileDataSource& data, const HubLimits& limits, Log& log)
      : store_(store), data_(data), limits_(limits), log_(log) {}

  void list(const Recruiter& who, const httplib::Request& req, httplib::Response& res);
  void person(const Recruiter& who, const std::string& code, httplib::Response& res);
  void export_person(const Recruiter& who, const std::string& code, const httplib::Request& req,
                     httplib::Response& res);
  void erase(const Recruiter& who, const std::string& code, httplib::Response& res);

 private:
  struct Built;
  std::optional<Built> build(const Recruiter& who, const std::string& code, const char* route, httplib::Response& res);
  bool audit(const Recruiter& who, const std::string& action, const std::string& code, Json detail,
             const char* route, httplib::Response& res);

  hub_store::HubStore& store_;
  ProfileDataSource& data_;
  const HubLimits& limits_;
  Log& log_;
};

// Registers the routes above on `server`; `auth` and `api` must outlive it.
void register_people_routes(httplib::Server& server, RecruiterAuth& auth, PeopleApi& api);

// The route template of a request path under kPeoplePath ("/meeloop/v1/people/{code}/export"),
// for logs that must not carry a code; nullopt for any other path.
std::optional<std::string> people_route_template(const std::string& path);

}  // namespace meeloop::hub
