#include "hub/retention_sweep.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace meeloop::hub {

struct RetentionSweep::Impl {
  Impl(hub_store::HubStore& s, RetentionSweepOptions o, Log& l) : store(s), options(o), log(l) {}

  hub_store::HubStore& store;
  RetentionSweepOptions options;
  Log& log;
  mutable std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  int sweeps = 0;
  std::thread thread;  // last: started when everything above exists

  void run() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      lock.unlock();
      sweep();
      lock.lock();
      ++sweeps;
      wake.wait_for(lock, options.every, [&] { return stopping; });
    }
  }

  void sweep() {
    try {
      Status st = sweep_once();
      if (!st) log.warn("hub: retention sweep failed, tried again at the next one: " + st.error().message);
    } catch (const std::exception& e) {
      log.error(std::string("hub: retention sweep failed unexpectedly: ") + e.what());
    }
  }

  Status sweep_once() {
    MEELOOP_ASSIGN_OR_RETURN(hub_store::RetentionReport r, store.remove_older_than(options.days));
    hub_store::AuditEntry entry;
    entry.actor = "hub-retention";
    entry.action = "retention";
    entry.detail = {{"days", options.days}, {"participants", r.participants}, {"statements", r.statements}};
    MEELOOP_RETURN_IF_ERROR(store.append_audit(entry));
    log.info("hub: retention (" + std::to_string(options.days) + " days) removed " + std::to_string(r.participants) +
             " participant(s) with " + std::to_string(r.statements) + " statement(s)");
    return Ok{};
  }
};

RetentionSweep::RetentionSweep(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RetentionSweep::~RetentionSweep() {
  {
    std::lock_guard guard(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::unique_ptr<RetentionSweep> RetentionSweep::start(hub_store::HubStore& store, RetentionSweepOptions options, Log& log) {
  auto impl = std::make_unique<Impl>(store, options, log);
  Impl& im = *impl;
  im.thread = std::thread([&im] { im.run(); });
  return std::unique_ptr<RetentionSweep>(new RetentionSweep(std::move(impl)));
}

int RetentionSweep::sweeps() const {
  std::lock_guard guard(impl_->mutex);
  return impl_->sweeps;
}

}  // namespace meeloop::hub
