#pragma once
// The kiosk's background sync: a thread of its own that runs SyncClient::sync_once (sync_client.h)
// at start, then every `interval`, and at once after notify() (the kiosk pokes it when a session
// ends). Recording never waits on it:
//   - each pass opens its own EventStore connection to the kiosk's file and closes it after, so
//     the UI's connection is never shared and no connection is held between passes (a `forget`
//     at the desk can wipe the file's old pages in between);
//   - the HTTP requests run outside any SQLite transaction; the pass's writes (mark_sent,
//     mark_failed) are short transactions, which the UI's writes wait for through the WAL
//     busy timeout (store/event_store.h) at most for one of them;
//   - a hub out of reach or slow only makes the pass fail: the rows stay queued with the
//     outbox's backoff, the snapshot says what happened, nothing is thrown.
// Destruction wakes the thread and joins it. Between passes that is immediate; during a pass it
// waits for the request in flight and ends the pass after it (after an acknowledged batch, or at
// the first request the hub does not answer). The worst case is one request's connect timeout
// plus its write and read timeouts, 5 + 10 + 10 s with the timeouts below, while a hub accepts
// connections but never answers (plus one erasures request if the outbox was done); with the
// hub down (connection refused) it is milliseconds.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "sync/sync_client.h"

namespace meeloop::sync {

struct BackgroundSyncOptions {
  SyncOptions sync;                  // hub, device key, CA, home page (connect/read timeouts: see create)
  std::filesystem::path database;    // the kiosk's evidence database
  std::chrono::milliseconds interval{std::chrono::seconds(60)};
  // What decides which rows are due (the outbox backoff); tests move it forward.
  std::function<std::chrono::system_clock::time_point()> clock;
};

// What the operator console shows. No participant code: counts, times and the hub's message.
struct BackgroundSyncState {
  int passes = 0;  // passes finished since start
  std::optional<std::chrono::system_clock::time_point> last_pass;       // when the last one ended
  std::optional<std::chrono::system_clock::time_point> last_delivered;  // the last one that delivered all that was due
  int sent_last = 0;    // rows the last pass delivered
  int failed_last = 0;  // rows the last pass marked failed
  int sent_total = 0;   // rows delivered since start
  int pending = 0;      // rows still queued after the last pass
  int erasures_pending = 0;
  // From the last pass that asked the hub something (a pass with nothing due asks nothing):
  bool reached = false;    // the hub answered
  std::string last_error;  // what went wrong; empty when it went well
};

class BackgroundSync {
 public:
  // Checks the options as SyncClient::create does (BadInput for a wrong URL or key, an
  // unreadable CA file, an interval under 100 ms) and starts the thread, whose first pass runs
  // at once. A connect timeout of 10 s and a read timeout of 30 s (SyncOptions' defaults) are
  // lowered to 5 s and 10 s: a kiosk retries anyway, and a stop should not wait long.
  static Result<std::unique_ptr<BackgroundSync>> start(BackgroundSyncOptions options, Log& log);
  ~BackgroundSync();  // stops the thread (see above for how long that can take)
  BackgroundSync(const BackgroundSync&) = delete;
  BackgroundSync& operator=(const BackgroundSync&) = delete;

  // Runs a pass as soon as the current one (if any) ends, without waiting for the interval.
  void notify();
  // A copy of the state after the last finished pass; safe from any thread.
  BackgroundSyncState snapshot() const;

 private:
  struct Impl;
  explicit BackgroundSync(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::sync
