#pragma once
// View-frustum culling of instances on the CPU: lavapipe transforms vertices on one thread, so
// not submitting what no view can see is the cheapest speed-up there is.
#include <span>
#include <vector>

#include "render/camera.h"
#include "render/gpu_scene.h"

namespace meeloop::render {

// One flag per instance of `scene`: true when its world bounds may be seen by any of `views`.
std::vector<bool> visible_instances(const GpuScene& scene, std::span<const View> views);

// Whether the box [lo, hi] may intersect the clip volume of view_proj (Vulkan depth 0..1).
bool box_in_frustum(const glm::mat4& view_proj, const glm::vec3& lo, const glm::vec3& hi);

}  // namespace meeloop::render
