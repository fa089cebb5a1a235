#include "hub/erasure_routes.h"

#include <httplib.h>

#include <string>
#include <vector>

#include "core/json_file.h"
#include "hub/json_replies.h"

namespace meeloop::hub {
namespace {

// A code is pseudonymous, but a body could hold anything a kiosk sent: only the count is logged.
constexpr size_t kMaxCodeLength = 64;

bool printable_code(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  for (unsigned char c : code)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

Result<std::vector<std::string>> read_codes(const std::string& body) {
  JsonLimits limits;
  limits.max_depth = 4;
  limits.max_string = kMaxCodeLength + 1;
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(body, "request body", limits));
  const Json& root = doc->root;
  if (!root.is_object()) return doc->error_at("", "expected an object {\"codes\": [...]}");
  for (const auto& [key, value] : root.items())
    if (key != "codes") return doc->error_at("/" + key, "unexpected member (only \"codes\")");
  if (!root.contains("codes") || !root["codes"].is_array())
    return doc->error_at(root.contains("codes") ? "/codes" : "", "expected \"codes\": an array of participant codes");
  const Json& codes = root["codes"];
  if (codes.empty() || codes.size() > kMaxErasureCodes)
    return doc->error_at("/codes", "expected 1 to " + std::to_string(kMaxErasureCodes) + " codes");
  std::vector<std::string> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (!codes[i].is_string() || !printable_code(codes[i].get_ref<const std::string&>()))
      return doc->error_at("/codes/" + std::to_string(i),
                           "expected a participant code (1 to " + std::to_string(kMaxCodeLength) +
                               " printable characters, no spaces)");
    out.push_back(codes[i].get<std::string>());
  }
  return out;
}

}  // namespace

void register_erasure_routes(httplib::Server& server, DeviceAuth& auth, hub_store::HubStore& store, Log& log) {
  server.Post(kErasuresPath, [&auth, &store, &log](const httplib::Request& req, httplib::Response& res) {
    DeviceAuth::Answer a = auth.check(req.get_header_value("Authorization"), req.remote_addr);
    if (a.outcome == DeviceAuth::Outcome::Limited) {
      res.set_header("Retry-After", std::to_string(a.retry_after_s));
      return send_error(res, 429, "too many wrong device keys from this address; try again in " +
                                      std::to_string(a.retry_after_s) + " s");
    }
    if (a.outcome != DeviceAuth::Outcome::Ok) {
      res.set_header("WWW-Authenticate", "Basic realm=\"Meeloop hub\", charset=\"UTF-8\"");
      return send_error(res, 401, a.outcome == DeviceAuth::Outcome::Missing
                                      ? "a kiosk device key is needed (HTTP Basic: kiosk id and key)"
                                      : "unknown kiosk or wrong device key");
    }
    if (!req.params.empty()) return send_error(res, 400, std::string("POST ") + kErasuresPath + " takes no query parameters");
    auto codes = read_codes(req.body);
    if (!codes) return send_error(res, 400, codes.error().message, &codes.error());

    int64_t statements = 0;
    for (const std::string& code : *codes) {
      hub_store::AuditEntry audit{a.device->id, a.device->organisation, "erase", code,
                                  Json{{"requested_by", "kiosk"}}};
      auto erased = store.erase(code, audit);
      if (!erased) {
        // The codes before this one are erased; the kiosk resends all, and erasing twice is harmless.
        log.error("hub: erasing a participant failed: " + erased.error().message);
        return send_store_unavailable(res);
      }
      statements += *erased;
    }
    log.info("hub: device " + a.device->id + " erased " + std::to_string(codes->size()) + " participant(s)");
    send_json(res, 200, Json{{"erased", codes->size()}, {"statements", statements}});
  });
}

}  // namespace meeloop::hub
