#include "hub/json_replies.h"

#include <cctype>
#include <cstdio>

namespace meeloop::hub {
namespace {

std::string percent_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

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

std::string next_page_url(const std::string& path, const httplib::Params& params, const std::string& cursor_name,
                          const std::string& cursor) {
  std::string url = path + "?";
  for (const auto& [name, value] : params)
    if (name != cursor_name) url += percent_encode(name) + "=" + percent_encode(value) + "&";
  return url + cursor_name + "=" + percent_encode(cursor);
}

void send_store_unavailable(httplib::Response& res, const std::string& outcome) {
  send_error(res, 503, "the hub's database cannot serve this now (unreachable, restarting or out of space; the hub's log says which); " +
                           (outcome.empty() ? "" : outcome + "; ") + "try again later");
}

}  // namespace meeloop::hub
