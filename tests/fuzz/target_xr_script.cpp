// The headless OpenXR runtime's script (tools/xr-runtime/script.cpp is compiled in: the
// runtime itself is a loader-loaded shared library, but its script parser is plain C++).
#include "fuzz/targets.h"
#include "script.h"

namespace meeloop::fuzz {

Outcome fuzz_xr_script(const uint8_t* data, size_t size) {
  auto path = write_scratch("xr/script.json", {reinterpret_cast<const char*>(data), size});
  auto script = xrrt::load_script(path);
  if (script) {
    // What the runtime asks every frame: interpolated poses and button states.
    for (double frame : {-1.0, 0.0, 0.5, 90.0, 1e9})
      for (int t = 0; t < int(xrrt::Track::Count); ++t) {
        (void)script->pose_at(xrrt::Track(t), frame);
        (void)script->input_at(t % 2, frame);
      }
  }
  return outcome(script);
}

}  // namespace meeloop::fuzz
