#pragma once
// The order of opaque draws in a frame: nearest first, so the early depth test skips shading
// pixels that nearer surfaces already cover (lavapipe shades on the CPU; every hidden pixel
// it skips is time saved).
#include <vector>

#include <glm/glm.hpp>

#include "render/gpu_scene.h"

namespace meeloop::render {

// Sorts `draws` by the distance from `eye` to the centre of their instance's bounds, nearest
// first. Instances whose bounds hold the eye (the room around the viewer) go last: their
// centre says nothing about how near their surfaces are, and everything else is in front of
// them. Draws of one instance keep their relative order.
void sort_front_to_back(std::vector<const DrawItem*>& draws, const GpuScene& scene, glm::vec3 eye);

}  // namespace meeloop::render
