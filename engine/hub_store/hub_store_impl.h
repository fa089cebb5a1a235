#pragma once
// HubStore's insides, shared by its source files.
#include <string>

#include "hub_store/connection.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub_store {

struct HubStore::Impl {
  explicit Impl(std::string url) : pool(std::move(url)) {}
  Pool pool;
};

// SQL for a timestamptz column as xAPI writes times: "2026-12-07T19:30:00.123Z".
inline std::string iso_utc(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

// Transaction-level advisory locks on one participant code: erase takes it exclusively, inserts
// shared, so a statement cannot slip in between an erasure's delete and its record.
constexpr const char* kCodeLockClass = "19790";

}  // namespace meeloop::hub_store
