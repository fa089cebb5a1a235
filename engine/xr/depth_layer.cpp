#include "xr/depth_layer.h"

#include <algorithm>
#include <string>

#include "render/camera.h"
#include "render/target.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {

Result<std::unique_ptr<DepthLayer>> DepthLayer::create(const System& system, const Session& session, uint32_t width,
                                                       uint32_t height, Log& log) {
  if (!system.has_depth_layer()) {
    log.info("xr: no depth layer (the runtime does not offer XR_KHR_composition_layer_depth)");
    return std::unique_ptr<DepthLayer>();
  }
  MEELOOP_ASSIGN_OR_RETURN(const std::vector<int64_t> offered, offered_swapchain_formats(session));
  if (std::find(offered.begin(), offered.end(), int64_t(render::kDepthFormat)) == offered.end()) {
    log.info("xr: no depth layer (the runtime offers no D32_SFLOAT depth swapchain, the renderer's depth format)");
    return std::unique_ptr<DepthLayer>();
  }
  auto d = std::unique_ptr<DepthLayer>(new DepthLayer());
  MEELOOP_ASSIGN_OR_RETURN(d->swapchain_,
                           StereoSwapchain::create(session, width, height, render::kDepthFormat, SwapchainKind::Depth));
  for (uint32_t eye = 0; eye < 2; ++eye) {
    XrCompositionLayerDepthInfoKHR& i = d->info_[eye];
    i = xr_struct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
    i.subImage.swapchain = d->swapchain_->get();
    i.subImage.imageRect = {{0, 0}, {int32_t(width), int32_t(height)}};
    i.subImage.imageArrayIndex = eye;
    // render/camera.h's projection: depth 0 at the near plane, 1 at a finite far plane (not
    // reversed, not infinite), viewport depth range [0, 1].
    i.minDepth = 0.0f;
    i.maxDepth = 1.0f;
    i.nearZ = render::kNearPlane;
    i.farZ = render::kFarPlane;
  }
  log.info("xr: depth layer on (XR_KHR_composition_layer_depth, D32_SFLOAT, near " + std::to_string(render::kNearPlane) +
           " m, far " + std::to_string(render::kFarPlane) + " m)");
  return d;
}

void DepthLayer::attach(std::array<XrCompositionLayerProjectionView, 2>& views) {
  for (size_t eye = 0; eye < 2; ++eye) {
    info_[eye].next = views[eye].next;
    views[eye].next = &info_[eye];
  }
}

}  // namespace meeloop::xr
