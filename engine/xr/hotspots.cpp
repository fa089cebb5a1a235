#include "xr/hotspots.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace meeloop::xr {

std::vector<Hotspot> hotspots_for(const scene::World& world, const std::vector<scenario::Option>& options) {
  std::vector<Hotspot> out;
  for (const auto& o : options) {
    if (!o.interaction) continue;
    Hotspot h{o.id, glm::vec3(std::numeric_limits<float>::max()), glm::vec3(-std::numeric_limits<float>::max())};
    bool found = false;
    for (const auto& inst : world.instances) {
      if (inst.id != o.interaction->object || inst.mesh < 0 || size_t(inst.mesh) >= world.meshes.size()) continue;
      const auto& m = world.meshes[size_t(inst.mesh)];
      for (int c = 0; c < 8; ++c) {
        const glm::vec3 corner{(c & 1) ? m.bounds_max.x : m.bounds_min.x, (c & 2) ? m.bounds_max.y : m.bounds_min.y,
                               (c & 4) ? m.bounds_max.z : m.bounds_min.z};
        const glm::vec3 w = glm::vec3(inst.transform * glm::vec4(corner, 1.0f));
        h.min = glm::min(h.min, w);
        h.max = glm::max(h.max, w);
      }
      found = true;
    }
    if (found) out.push_back(h);
  }
  return out;
}

std::optional<std::pair<size_t, float>> hit_hotspot(const std::vector<Hotspot>& spots, const glm::vec3& origin,
                                                    const glm::vec3& direction) {
  std::optional<std::pair<size_t, float>> best;
  for (size_t i = 0; i < spots.size(); ++i) {
    // Slab test.
    float t0 = 0.0f, t1 = std::numeric_limits<float>::max();
    bool miss = false;
    for (int a = 0; a < 3 && !miss; ++a) {
      if (std::abs(direction[a]) < 1e-8f) {
        miss = origin[a] < spots[i].min[a] || origin[a] > spots[i].max[a];
        continue;
      }
      float n = (spots[i].min[a] - origin[a]) / direction[a], f = (spots[i].max[a] - origin[a]) / direction[a];
      if (n > f) std::swap(n, f);
      t0 = std::max(t0, n);
      t1 = std::min(t1, f);
      miss = t0 > t1;
    }
    if (!miss && (!best || t0 < best->second)) best = std::make_pair(i, t0);
  }
  return best;
}

}  // namespace meeloop::xr
