// libFuzzer entry point; compiled once per target with MEELOOP_FUZZ_ENTRY naming the function.
// An unclear refusal (no message) is a bug like a crash, so it aborts.
#include <cstdlib>

#include "fuzz/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (meeloop::fuzz::MEELOOP_FUZZ_ENTRY(data, size) == meeloop::fuzz::Outcome::UnclearError) std::abort();
  return 0;
}
