#pragma once
// XR_KHR_composition_layer_depth: the scene's depth handed to the runtime next to the colour,
// so it can reproject with depth (positional timewarp) and keep the image steady. A two-layer
// depth swapchain of the renderer's own depth format (render::kDepthFormat: depth cannot be
// converted by a copy), filled each frame from the renderer's target, and one
// XrCompositionLayerDepthInfoKHR per eye chained to that eye's projection view.
#include <array>
#include <memory>

#include "core/error.h"
#include "core/log.h"
#include "xr/session.h"
#include "xr/swapchain.h"
#include "xr/system.h"

namespace meeloop::xr {

class DepthLayer {
 public:
  // Null, with a log line saying why, when the runtime does not offer the extension or no
  // depth swapchain of render::kDepthFormat; the headset then gets colour only, as before.
  static Result<std::unique_ptr<DepthLayer>> create(const System& system, const Session& session, uint32_t width,
                                                    uint32_t height, Log& log);

  StereoSwapchain& swapchain() { return *swapchain_; }
  // Chains each eye's depth info (layer `eye` of the last released image) to views[eye].
  // `views` and this object must outlive the xrEndFrame that submits them.
  void attach(std::array<XrCompositionLayerProjectionView, 2>& views);

 private:
  std::unique_ptr<StereoSwapchain> swapchain_;
  std::array<XrCompositionLayerDepthInfoKHR, 2> info_{};
};

}  // namespace meeloop::xr
