#include "layers.h"

#include <cmath>

#include "pose_math.h"

namespace meeloop::xrrt {
namespace {

struct Checker {
  Session& s;
  std::string where;

  XrResult fail(XrResult r, const std::string& why) { return s.instance->fail(r, "xrEndFrame", where + ": " + why); }

  XrResult space(XrSpace h) {
    auto [owner, sp] = Registry::get().space(h);
    if (!sp || owner != &s) return fail(XR_ERROR_HANDLE_INVALID, "space is not a space of this session");
    return XR_SUCCESS;
  }

  XrResult sub_image(const XrSwapchainSubImage& sub, const Swapchain** out) {
    auto [owner, sc] = Registry::get().swapchain(sub.swapchain);
    if (!sc || owner != &s) return fail(XR_ERROR_HANDLE_INVALID, "swapchain is not a swapchain of this session");
    if (!sc->last_released) return fail(XR_ERROR_LAYER_INVALID, "the swapchain has no released image");
    if (sub.imageArrayIndex >= sc->info.arraySize)
      return fail(XR_ERROR_VALIDATION_FAILURE, "imageArrayIndex " + std::to_string(sub.imageArrayIndex) +
                                                   " >= arraySize " + std::to_string(sc->info.arraySize));
    const XrRect2Di& r = sub.imageRect;
    if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
        int64_t(r.offset.x) + r.extent.width > int64_t(sc->info.width) ||
        int64_t(r.offset.y) + r.extent.height > int64_t(sc->info.height))
      return fail(XR_ERROR_SWAPCHAIN_RECT_INVALID,
                  "imageRect (" + std::to_string(r.offset.x) + "," + std::to_string(r.offset.y) + " " +
                      std::to_string(r.extent.width) + "x" + std::to_string(r.extent.height) + ") is outside the " +
                      std::to_string(sc->info.width) + "x" + std::to_string(sc->info.height) + " swapchain");
    *out = sc;
    return XR_SUCCESS;
  }

  // XrCompositionLayerDepthInfoKHR's valid usage (OpenXR 1.1 spec): a depth swapchain of one
  // face, 0 <= minDepth < maxDepth <= 1, nearZ and farZ in (0, +inf] and not equal (nearZ >
  // farZ means reversed depth; either may be infinite). NaN fails every comparison here.
  XrResult depth(const XrCompositionLayerDepthInfoKHR& d, std::optional<SubmittedDepth>& out) {
    const Swapchain* sc = nullptr;
    if (XrResult r = sub_image(d.subImage, &sc); r != XR_SUCCESS) return r;
    if (!sc->depth) return fail(XR_ERROR_VALIDATION_FAILURE, "depth info names a colour swapchain");
    if (sc->info.faceCount != 1) return fail(XR_ERROR_VALIDATION_FAILURE, "depth info names a cube swapchain");
    if (!(d.minDepth >= 0.0f && d.minDepth < d.maxDepth && d.maxDepth <= 1.0f))
      return fail(XR_ERROR_VALIDATION_FAILURE, "depth info: need 0 <= minDepth < maxDepth <= 1, got minDepth " +
                                                   std::to_string(d.minDepth) + ", maxDepth " + std::to_string(d.maxDepth));
    if (!(d.nearZ > 0.0f && d.farZ > 0.0f) || d.nearZ == d.farZ)
      return fail(XR_ERROR_VALIDATION_FAILURE, "depth info: nearZ and farZ must be in (0, +inf] and differ, got " +
                                                   std::to_string(d.nearZ) + " and " + std::to_string(d.farZ));
    out = SubmittedDepth{sc, *sc->last_released, d.subImage.imageArrayIndex, d.subImage.imageRect,
                         d.minDepth, d.maxDepth, d.nearZ, d.farZ};
    return XR_SUCCESS;
  }
};

XrResult projection(Session& s, const XrCompositionLayerProjection& p, size_t index, std::vector<SubmittedView>& out) {
  Checker c{s, "layer " + std::to_string(index)};
  if (XrResult r = c.space(p.space); r != XR_SUCCESS) return r;
  if (p.viewCount != 2 || !p.views)
    return c.fail(XR_ERROR_VALIDATION_FAILURE, "a PRIMARY_STEREO projection needs 2 views, got " + std::to_string(p.viewCount));
  for (uint32_t eye = 0; eye < 2; ++eye) {
    const XrCompositionLayerProjectionView& v = p.views[eye];
    c.where = "layer " + std::to_string(index) + " view " + std::to_string(eye);
    if (v.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return c.fail(XR_ERROR_VALIDATION_FAILURE, "wrong structure type");
    if (!pose_valid(v.pose)) return c.fail(XR_ERROR_POSE_INVALID, "pose has a non-unit quaternion");
    const Swapchain* sc = nullptr;
    if (XrResult r = c.sub_image(v.subImage, &sc); r != XR_SUCCESS) return r;
    if (sc->depth) return c.fail(XR_ERROR_VALIDATION_FAILURE, "a projection view needs a colour swapchain");
    std::optional<SubmittedDepth> depth;
    if (s.instance->has_extension(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME))
      if (auto* d = find_in_chain<XrCompositionLayerDepthInfoKHR>(v.next, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR))
        if (XrResult r = c.depth(*d, depth); r != XR_SUCCESS) return r;
    // The extension: depth goes "to the next chain for all XrCompositionLayerProjectionView
    // structures in the given layer"; one eye with and one without cannot be composed.
    if (eye == 1 && depth.has_value() != out.back().depth.has_value())
      return c.fail(XR_ERROR_VALIDATION_FAILURE, "depth info on one view of the layer but not on the other");
    out.push_back({sc, *sc->last_released, v.subImage.imageArrayIndex, v.subImage.imageRect, int(eye), depth});
  }
  return XR_SUCCESS;
}

XrResult quad(Session& s, const XrCompositionLayerQuad& q, size_t index) {
  Checker c{s, "layer " + std::to_string(index)};
  if (XrResult r = c.space(q.space); r != XR_SUCCESS) return r;
  if (!pose_valid(q.pose)) return c.fail(XR_ERROR_POSE_INVALID, "pose has a non-unit quaternion");
  if (!(q.size.width > 0 && q.size.height > 0)) return c.fail(XR_ERROR_VALIDATION_FAILURE, "size must be positive");
  const Swapchain* sc = nullptr;
  return c.sub_image(q.subImage, &sc);
}

}  // namespace

XrResult validate_layers(Session& s, const XrFrameEndInfo& info, std::vector<SubmittedView>& views) {
  if (info.layerCount > kMaxLayers)
    return s.instance->fail(XR_ERROR_LAYER_LIMIT_EXCEEDED, "xrEndFrame", "more than " + std::to_string(kMaxLayers) + " layers");
  if (info.layerCount > 0 && !info.layers) return s.instance->fail(XR_ERROR_LAYER_INVALID, "xrEndFrame", "layers is null");
  for (uint32_t i = 0; i < info.layerCount; ++i) {
    const XrCompositionLayerBaseHeader* l = info.layers[i];
    if (!l) return s.instance->fail(XR_ERROR_LAYER_INVALID, "xrEndFrame", "layer " + std::to_string(i) + " is null");
    XrResult r = XR_SUCCESS;
    if (l->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
      r = projection(s, *reinterpret_cast<const XrCompositionLayerProjection*>(l), i, views);
    else if (l->type == XR_TYPE_COMPOSITION_LAYER_QUAD)
      r = quad(s, *reinterpret_cast<const XrCompositionLayerQuad*>(l), i);
    else
      r = s.instance->fail(XR_ERROR_LAYER_INVALID, "xrEndFrame", "layer " + std::to_string(i) + " has an unsupported type");
    if (r != XR_SUCCESS) return r;
  }
  return XR_SUCCESS;
}

}  // namespace meeloop::xrrt
