#include "hub/json_replies.h"

namespace meeloop::hub {

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message, const Error* e) {
  Json err = {{"status", status}, {"message", message}};
  if (e && !e->pointer.empty()) err["pointer"] = e->pointer;
  if (e && !e->location.empty()) err["location"] = e->location;
  send_json(res, status, Json{{"error", err}});
}

}  // namespace meeloop::hub
