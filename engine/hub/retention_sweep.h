#pragma once
// The hub's scheduled retention (hub_config.h's "retention"): on a thread of its own, one sweep at
// once and then one every `every`, each HubStore::remove_older_than(days) followed by one audit
// entry (actor "hub-retention", action "retention", the counts in its detail). The log gets
// counts only, never a code. HubServer::serve runs one while it serves.
//
// Two hub processes on one database may both sweep: remove_older_than takes each person in a
// transaction of its own under that person's advisory lock and checks their age again there, so
// the second sweep finds nothing left to remove and reports 0 (both sweeps are audited). A sweep
// that fails (the database away) is logged and tried again at the next interval.
//
// Destruction wakes the thread and joins it: at once between sweeps, else when the sweep in
// progress ends (one short transaction per person removed).
#include <chrono>
#include <memory>

#include "core/log.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub {

struct RetentionSweepOptions {
  int days = 365;  // >= 1
  std::chrono::milliseconds every{std::chrono::minutes(60)};
};

class RetentionSweep {
 public:
  // `store` and `log` must outlive the sweep.
  static std::unique_ptr<RetentionSweep> start(hub_store::HubStore& store, RetentionSweepOptions options, Log& log);
  ~RetentionSweep();
  RetentionSweep(const RetentionSweep&) = delete;
  RetentionSweep& operator=(const RetentionSweep&) = delete;

  int sweeps() const;  // sweeps finished (done or failed) so far

 private:
  struct Impl;
  explicit RetentionSweep(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::hub
