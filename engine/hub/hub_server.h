#pragma once
// The hub's HTTPS server (TLS only: there is no plain-HTTP listener) with the xAPI 1.0.3
// statements API for kiosks:
//   PUT  /xapi/statements?statementId=ID  one statement: 204; the same again: 204, stored once;
//                                          the id with other content: 409
//   POST /xapi/statements                 one statement or an array, all or nothing: 200 + ids
//   GET  /xapi/statements                 statementId | agent, since, until, limit, ascending:
//                                          a StatementResult whose "more" is the next page's URL
//   GET  /xapi/about                      the versions spoken (no key needed)
//   POST /meeloop/v1/erasures             a kiosk's forgotten codes (erasure_routes.h)
//   /meeloop/v1/people...                 the recruiters' API (people_routes.h; recruiter accounts)
// Every statements request needs a kiosk's device key (Basic auth, 401 with WWW-Authenticate;
// 429 after too many wrong ones, device_auth.h) and X-Experience-API-Version 1.0.x (400
// otherwise). Bodies over HubLimits::max_body_bytes are 413. Every refusal is a 4xx with a JSON
// body {"error": {"status", "message", "pointer"?, "location"?}}; a statement of a person erased
// on the hub is 403; a database that cannot be reached is 503; an exception in a handler is a
// 500 and a log line, never a crash. The log holds route, status, device id and sizes, never a
// query string or a statement. A statement's authority and organisation come from the
// authenticated device; a kiosk reads its organisation's statements and those shared with the
// region. Nothing is kept in memory that another hub process would need (the login counters
// and verified-key cache of device_auth.h are per process by design).
#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "hub/hub_config.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub {

class HubServer {
 public:
  // Reads the TLS certificate (chain) and key named in `config`; a missing, unreadable or
  // mismatched file is BadInput naming it. `config`, `store` and `log` must outlive the server.
  // `data_root` (Settings::paths.data_root) holds the dimensions, texts and plan rules the
  // recruiters' routes build profiles with (people_routes.h); read on first use, so a hub
  // without it still serves kiosks, and those routes answer 503.
  static Result<std::unique_ptr<HubServer>> create(const HubConfig& config, hub_store::HubStore& store, Log& log,
                                                   const std::filesystem::path& data_root = {});
  // The TLS checks of create() alone, for `meeloop hub --check`.
  static Status check_tls_files(const HubConfig& config);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  // Binds the configured address and port (port 0: a free one) and returns the port.
  Result<int> bind();
  // Serves until stop(); call after bind(), usually on a thread of its own. With "retention" in
  // the configuration, the retention sweep (retention_sweep.h) runs meanwhile and stops with it.
  Status serve();
  // Safe from any thread; serve() returns soon after.
  void stop();
  // The base URL clients use, e.g. "https://127.0.0.1:8443" (after bind()).
  std::string url() const;

 private:
  struct Impl;
  explicit HubServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::hub
