#include "render/draw_order.h"

#include <algorithm>
#include <limits>

namespace meeloop::render {

void sort_front_to_back(std::vector<const DrawItem*>& draws, const GpuScene& scene, glm::vec3 eye) {
  std::vector<float> key(scene.instance_count());
  for (uint32_t i = 0; i < key.size(); ++i) {
    const glm::vec3 lo = scene.instance_min(i), hi = scene.instance_max(i);
    const bool encloses = glm::all(glm::greaterThanEqual(eye, lo)) && glm::all(glm::lessThanEqual(eye, hi));
    const glm::vec3 d = scene.instance_centre(i) - eye;
    key[i] = encloses ? std::numeric_limits<float>::max() : glm::dot(d, d);
  }
  std::stable_sort(draws.begin(), draws.end(), [&](const DrawItem* a, const DrawItem* b) {
    return key[a->instance] < key[b->instance];
  });
}

}  // namespace meeloop::render
