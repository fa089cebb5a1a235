// One locale file (scenes/<id>/locale/<lang>.json).
#include "fuzz/targets.h"
#include "scenario/locale.h"

namespace meeloop::fuzz {

Outcome fuzz_locale(const uint8_t* data, size_t size) {
  auto path = write_scratch("locale/nl.json", {reinterpret_cast<const char*>(data), size});
  return outcome(scenario::Locale::load(path));
}

}  // namespace meeloop::fuzz
