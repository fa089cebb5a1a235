#pragma once
// xrEndFrame's composition-layer checks (spec 10.5) and what the dump needs from them.
#include <optional>
#include <vector>

#include "runtime.h"

namespace meeloop::xrrt {

// The depth submitted with a view (XR_KHR_composition_layer_depth).
struct SubmittedDepth {
  const Swapchain* swapchain;
  uint32_t image;       // the depth swapchain's last released image
  uint32_t array_index;
  XrRect2Di rect;
  float min_depth, max_depth, near_z, far_z;
};

// One projection view as submitted: which image, array layer and rectangle an eye shows.
struct SubmittedView {
  const Swapchain* swapchain;
  uint32_t image;       // the swapchain's last released image
  uint32_t array_index;
  XrRect2Di rect;
  int eye;              // 0 left, 1 right
  std::optional<SubmittedDepth> depth;
};

// Validates every layer of `info`; on success fills `views` with the projection views.
// Returns the spec's error (XR_ERROR_LAYER_INVALID, XR_ERROR_SWAPCHAIN_RECT_INVALID, ...) and
// logs why otherwise.
XrResult validate_layers(Session& s, const XrFrameEndInfo& info, std::vector<SubmittedView>& views);

}  // namespace meeloop::xrrt
