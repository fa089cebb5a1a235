#pragma once
// What a test can check of submitted depth (XR_KHR_composition_layer_depth) while
// MEELOOP_XR_DUMP_DIR is set: a greyscale frame_NNNNNN_<eye>_depth.png (white at the eye, black
// at kDepthGreyRange metres and beyond) and, with MEELOOP_XR_TRACE, a "depth" line per eye (the
// centre texel's depth and its distance in metres, the share of texels nearer than the far plane).
#include <cstdint>
#include <vector>

#include "layers.h"

namespace meeloop::xrrt {

inline constexpr double kDepthGreyRange = 10.0;  // metres: a room fits, its far wall is dark

// Distance in metres of window depth `d` by the layer's minDepth/maxDepth/nearZ/farZ: the
// perspective mapping the extension describes (reversed when nearZ > farZ, either infinite).
double depth_to_metres(double d, const SubmittedDepth& info);

// Reads the depth of every view that has one (only when dumping).
void capture_depth(Session& s, int64_t frame, const std::vector<SubmittedView>& views);

}  // namespace meeloop::xrrt
