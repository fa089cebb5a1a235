#pragma once
// The xAPI 1.0.3 statements resource without HTTP: reading a request body into statements,
// the filter of a GET from its query parameters, and the statement a GET returns. Every
// bad request is a BadInput whose pointer names the offending part ("/2/verb/id" in a batch,
// "?since" for a parameter), which the server turns into a 400 body.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_file.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub {

using TimePoint = std::chrono::system_clock::time_point;

inline constexpr const char* kXapiVersion = "1.0.3";

// Who sent a request, from the authenticated device: never read from the statement's body.
struct Sender {
  std::string device;        // kiosk id
  std::string organisation;  // the kiosk's organisation id
};

// Accepts "1.0", "1.0.0" .. "1.0.x": the versions this hub speaks.
bool is_supported_xapi_version(const std::string& header);

// The statements in a PUT body (one object, `put_id` its ?statementId) or a POST body (one
// object or an array of them), checked with xapi::validate_statement and made ready to store:
// the id kept, taken from `put_id` or made (POST); organisation and device from `sender`; the
// consent scope from the statement's consent-scope context extension ("organisation" when
// absent; "none" is refused: such a statement must never have left the kiosk). A syntax error
// names line:col, a wrong statement its JSON pointer ("/2/verb"); two statements with one id in
// a batch, or a PUT body whose id is not `put_id`, are refused.
Result<std::vector<hub_store::IncomingStatement>> read_statements(const std::string& body,
                                                                   const std::optional<std::string>& put_id,
                                                                   const Sender& sender);

// A GET's filter from its query parameters (agent, since, until, limit, ascending, format,
// attachments, cursor), limited to what `sender`'s organisation may see; an unknown or
// malformed parameter is BadInput with the pointer "?name". statementId is read by the caller.
Result<hub_store::StatementFilter> read_filter(const std::multimap<std::string, std::string>& params,
                                               const Sender& sender, size_t page_size);

// A stored statement as the LRS returns it: with stored, version and the organisation that
// vouches for it as authority.
Json returned_statement(const hub_store::StoredStatement& s);

bool is_uuid(const std::string& text);
std::string lower(std::string text);
// ISO 8601 date-time with a time zone ("2026-12-07T10:00:00Z", "+01:00", fractions allowed).
std::optional<TimePoint> parse_timestamp(const std::string& text);
// UTC with milliseconds: "2026-12-07T10:00:00.000Z".
std::string format_timestamp(TimePoint t);

}  // namespace meeloop::hub
