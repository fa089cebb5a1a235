#pragma once
// The kiosk's sync client: delivers the outbox (store/outbox.h) to the regional hub, offline
// first. Nothing here ever blocks recording: a sync that cannot reach the hub leaves every row
// queued, with its next attempt put off by outbox_backoff, and the next sync tries again.
//
// One sync_once:
//   1. Statements. The due rows are read in batches (pending_outbox: oldest session first, each
//      session in order), turned into xAPI 1.0.3 statements (xapi/statements.h) and POSTed to
//      <hub>/xapi/statements with X-Experience-API-Version 1.0.3 and the kiosk's device key as
//      HTTP Basic auth. A 200 marks the batch sent. Statement ids are stable, so sending a row
//      again after a lost answer is harmless: the hub stores a statement once.
//      - no answer (network, TLS, timeout), 5xx, 429, 401: the batch is marked failed (backoff)
//        and the run stops, so nothing after it overtakes it;
//      - another 4xx (the hub refused content: 400, 403, 409, 413): the batch is sent again one
//        session at a time, so only the refused session's rows are marked failed; they are
//        retried after their backoff and stay counted as failed until an operator acts, never
//        dropped. 403: the person was erased on the hub (forget there); their rows stay queued
//        here until they are forgotten on this kiosk too. 409: the hub holds a statement with
//        this id and other content: this database or its --home-page changed after the
//        statements were first sent (a copy restored from an old backup, two kiosks on one
//        home page); the hub's administrator must compare the two before anything is resent.
//   2. Erasures. People forgotten here who had shared (pending_hub_erasures) are POSTed to
//      <hub>/meeloop/v1/erasures (hub/erasure_routes.h) and marked done on a 200.
// The summary's texts name no person: status codes, counts and the hub's own message only.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "store/event_store.h"
#include "xapi/statements.h"

namespace meeloop::sync {

// Where the hub is: https only (a device key never travels in the clear).
struct HubEndpoint {
  std::string host;  // "hub.example.nl", "127.0.0.1", "::1"
  int port = 443;
  std::string base_path;  // "" or "/region": the routes are below it
};

// "https://host[:port][/path]"; BadInput (pointer "--hub") for anything else, http:// included.
Result<HubEndpoint> parse_hub_url(const std::string& url);

struct SyncOptions {
  std::string hub_url;
  std::string device_id;   // the kiosk id the hub's configuration lists (Basic-auth user name)
  std::string device_key;  // its key (the hub keeps only an Argon2id hash of it)
  std::filesystem::path ca_file;  // PEM of a private CA the hub's certificate chains to; empty: the system's
  xapi::Options xapi;      // the installation's home page: the same on every sync (statement ids)
  int batch_size = 200;    // rows per POST
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds read_timeout{30};
  // Called after each batch the hub acknowledged (`sent` so far in this run); for progress.
  std::function<void(int sent)> on_batch_sent;
};

struct SyncSummary {
  int sent = 0;             // rows delivered in this run
  int failed = 0;           // rows marked failed in this run
  int pending = 0;          // rows still queued after the run (not yet sent, due or waiting)
  int erasures_done = 0;    // erasures the hub confirmed in this run
  int erasures_pending = 0; // erasures still queued after the run
  bool reached = true;      // false: no answer, or the hub was unavailable (5xx, 429)
  bool refused = false;     // the hub answered but refused something (4xx)
  std::string last_error;   // what went wrong last, without personal data; empty when nothing
  // Everything due was delivered (rows waiting for a backoff were not due).
  bool all_delivered() const { return reached && !refused && failed == 0; }
};

class SyncClient {
 public:
  // BadInput for a URL that is not https, an empty device id or key, a batch size below 1, a
  // CA file that cannot be read.
  static Result<SyncClient> create(SyncOptions options);
  SyncClient(SyncClient&&) noexcept;
  SyncClient& operator=(SyncClient&&) noexcept;
  ~SyncClient();

  // One pass over the outbox and the erasures, as above. `now` decides what is due and when a
  // failed row is tried again. An Error only when the local database fails; the hub's answers,
  // good or bad, are in the summary.
  Result<SyncSummary> sync_once(store::EventStore& store,
                                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

 private:
  struct Impl;
  explicit SyncClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::sync
