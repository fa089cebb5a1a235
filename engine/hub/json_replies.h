#pragma once
// The hub's JSON answers, one shape for every route: {"error": {"status", "message", "pointer"?,
// "location"?}} for a refusal (hub_server.h).
#include <httplib.h>

#include <string>

#include "core/error.h"
#include "core/json_file.h"

namespace meeloop::hub {

void send_json(httplib::Response& res, int status, const Json& body);
// `e`, when given, adds its JSON pointer and line:col; never its file (a server path).
void send_error(httplib::Response& res, int status, const std::string& message, const Error* e = nullptr);
// 503 for a request the database could not serve (away, restarting, or out of space): the
// client may retry. The cause stays in the hub's log; `outcome` adds what did or did not happen.
void send_store_unavailable(httplib::Response& res, const std::string& outcome = "");

// The next page's URL: `path` with this request's parameters, percent-encoded, and `cursor_name`
// set to `cursor` (a "more" link in xAPI's StatementResult and in the people list).
std::string next_page_url(const std::string& path, const httplib::Params& params, const std::string& cursor_name,
                          const std::string& cursor);

}  // namespace meeloop::hub
