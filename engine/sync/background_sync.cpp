#include "sync/background_sync.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "store/event_store.h"

namespace meeloop::sync {
namespace {

constexpr std::chrono::milliseconds kMinInterval{100};
constexpr std::chrono::seconds kConnectTimeout{5};
constexpr std::chrono::seconds kReadTimeout{10};

// Thrown from SyncOptions::on_batch_sent when the sync is being destroyed, so a long outbox ends
// after the batch just acknowledged (its rows already marked sent) instead of going on to the end.
struct Stopping {};

}  // namespace

struct BackgroundSync::Impl {
  Impl(BackgroundSyncOptions o, Log& l) : options(std::move(o)), log(l) {}

  BackgroundSyncOptions options;
  std::optional<SyncClient> client;  // set before the thread starts; used on the thread only
  Log& log;

  mutable std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  bool poked = false;
  BackgroundSyncState state;
  std::thread thread;  // last: started when everything above exists

  bool stop_requested() const {
    std::lock_guard guard(mutex);
    return stopping;
  }

  void run() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      poked = false;
      lock.unlock();
      pass();
      lock.lock();
      wake.wait_for(lock, options.interval, [&] { return stopping || poked; });
    }
  }

  // One pass; every outcome ends in the state, nothing escapes the thread.
  void pass() {
    Result<SyncSummary> result = failure("the sync pass did not run");
    try {
      result = attempt();
    } catch (const Stopping&) {
      return;
    } catch (const std::exception& e) {
      result = failure(std::string("the sync pass failed unexpectedly: ") + e.what());
    } catch (...) {
      result = failure("the sync pass failed unexpectedly");
    }
    record(result);
  }

  Result<SyncSummary> attempt() {
    std::error_code ec;
    // Opening would create the file; the kiosk makes it when its first visitor consents.
    if (!std::filesystem::exists(options.database, ec)) return SyncSummary{};
    MEELOOP_ASSIGN_OR_RETURN(auto store, store::EventStore::open(options.database, log));
    return client->sync_once(*store, options.clock());
  }

  void record(Result<SyncSummary>& result) {
    const auto now = std::chrono::system_clock::now();
    std::lock_guard guard(mutex);
    ++state.passes;
    state.last_pass = now;
    if (!result) {
      state.sent_last = state.failed_last = 0;
      state.reached = false;
      state.last_error = "the kiosk's database: " + result.error().message;
      log.warn("sync: " + state.last_error);
      return;
    }
    const SyncSummary& s = *result;
    state.sent_last = s.sent;
    state.failed_last = s.failed;
    state.sent_total += s.sent;
    state.pending = s.pending;
    state.erasures_pending = s.erasures_pending;
    // A pass with nothing due (rows waiting for their backoff) asks the hub nothing, so it says
    // nothing new about it: the last answer (or its absence) stays on the console.
    const bool asked = s.sent > 0 || s.failed > 0 || s.erasures_done > 0 || !s.last_error.empty();
    if (asked) {
      state.reached = s.reached;
      state.last_error = s.last_error;
    }
    if ((asked && s.all_delivered()) || (s.pending == 0 && s.erasures_pending == 0)) state.last_delivered = now;
    // Counts only: the summary's texts name no person (sync_client.h).
    if (s.sent > 0 || s.failed > 0 || s.erasures_done > 0)
      log.info("sync: sent " + std::to_string(s.sent) + ", failed " + std::to_string(s.failed) + ", queued " +
               std::to_string(s.pending) + ", erasures done " + std::to_string(s.erasures_done));
    if (!s.last_error.empty()) log.warn("sync: " + s.last_error);
  }
};

BackgroundSync::BackgroundSync(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

BackgroundSync::~BackgroundSync() {
  {
    std::lock_guard guard(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

Result<std::unique_ptr<BackgroundSync>> BackgroundSync::start(BackgroundSyncOptions options, Log& log) {
  if (options.interval < kMinInterval) return bad_input("", "--sync-every", "expected an interval of at least 100 ms");
  if (options.database.empty()) return bad_input("", "--db", "the background sync needs the kiosk's database");
  if (!options.clock) options.clock = [] { return std::chrono::system_clock::now(); };
  options.sync.connect_timeout = std::min(options.sync.connect_timeout, std::chrono::seconds(kConnectTimeout));
  options.sync.read_timeout = std::min(options.sync.read_timeout, std::chrono::seconds(kReadTimeout));
  auto impl = std::make_unique<Impl>(std::move(options), log);
  Impl& im = *impl;
  SyncOptions sync = im.options.sync;
  sync.on_batch_sent = [&im](int) {
    if (im.stop_requested()) throw Stopping{};
  };
  MEELOOP_ASSIGN_OR_RETURN(SyncClient client, SyncClient::create(std::move(sync)));
  im.client.emplace(std::move(client));
  im.thread = std::thread([&im] { im.run(); });
  return std::unique_ptr<BackgroundSync>(new BackgroundSync(std::move(impl)));
}

void BackgroundSync::notify() {
  {
    std::lock_guard guard(impl_->mutex);
    impl_->poked = true;
  }
  impl_->wake.notify_all();
}

BackgroundSyncState BackgroundSync::snapshot() const {
  std::lock_guard guard(impl_->mutex);
  return impl_->state;
}

}  // namespace meeloop::sync
