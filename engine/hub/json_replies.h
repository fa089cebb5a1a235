#pragma once
// The hub's JSON answers, one shape for every route: {"error": {"status", "message", "pointer"?,
// "location"?}} for a refusal (hub_server.h).
#include <httplib.h>

#include "core/error.h"
#include "core/json_file.h"

namespace meeloop::hub {

void send_json(httplib::Response& res, int status, const Json& body);
// `e`, when given, adds its JSON pointer and line:col; never its file (a server path).
void send_error(httplib::Response& res, int status, const std::string& message, const Error* e = nullptr);

}  // namespace meeloop::hub
