#pragma once
// MEELOOP_XR_DUMP_DIR: each submitted projection view becomes <dir>/frame_NNNNNN_<left|right>.png.
#include <cstdint>
#include <vector>

#include "layers.h"

namespace meeloop::xrrt {

// Copies the views on the application's queue (waiting for the copy) and writes PNGs.
// Formats other than 8-bit RGBA/BGRA are skipped with one warning.
void dump_views(Session& s, int64_t frame, const std::vector<SubmittedView>& views);

}  // namespace meeloop::xrrt
