#pragma once
// What every evidence-store test needs: a log that says nothing, and a store opened or the test
// failed with the reason.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include "core/log.h"
#include "store/event_store.h"

namespace meeloop::test {

inline Log& quiet() {
  static Log log(LogLevel::Off);
  return log;
}

inline std::unique_ptr<store::EventStore> open_ok(const std::filesystem::path& p) {
  auto s = store::EventStore::open(p, quiet());
  if (!s) FAIL(s.error().to_string());
  return std::move(s).value();
}

}  // namespace meeloop::test
