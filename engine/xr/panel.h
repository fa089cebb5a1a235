#pragma once
// The in-world dialogue panel: where its rows are and which row a controller ray points at.
// Pure geometry (no GPU, no OpenXR), shared by the headset player, its renderer and the test
// that scripts where a visitor points.
//
// Panel space: metres, origin at the panel's centre, +X right, +Y up, the front faces +Z.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace meeloop::xr {

// Sizes in metres, so text is readable in a headset whatever its resolution: at 0.9 m a
// 36 mm line is about 2.3 degrees, well above the 1-1.5 degrees comfortable reading needs.
struct PanelStyle {
  float width = 1.0f;
  float text_height = 0.036f;   // one line of the text block (speaker lines, prompt)
  float row_height = 0.075f;    // one option row
  float row_gap = 0.012f;
  float margin = 0.03f;
  int text_lines = 6;           // the text block always has this many lines, so rows stay put
};

struct PanelRow {
  enum class Kind { Option, AskSupervisor } kind = Kind::Option;
  std::string id;        // option id (empty for AskSupervisor)
  glm::vec2 min{0.0f}, max{0.0f};  // rectangle in panel space
  glm::vec2 centre() const { return (min + max) * 0.5f; }
};

struct PanelLayout {
  float width = 0, height = 0;
  glm::vec2 text_min{0.0f}, text_max{0.0f};  // the text block
  std::vector<PanelRow> rows;
};

// Rows for `option_ids` (in order) then "ask the work supervisor" when `can_ask`.
PanelLayout layout_panel(const std::vector<std::string>& option_ids, bool can_ask, const PanelStyle& style = {});

// Where the panel stands in the play space (stage/local coordinates) when the session starts
// or the visitor recentres: `distance` in front of the head, at chest height, facing the head.
glm::mat4 place_panel(const glm::vec3& head_position, float head_yaw, float distance = 0.9f, float height = 1.3f);

// The row the ray (world space) points at, and where it hits the panel plane.
struct PanelHit {
  int row = -1;        // index into rows, -1 when on the panel but not on a row
  glm::vec2 point{0};  // panel space
  float distance = 0;  // along the ray
};
std::optional<PanelHit> hit_panel(const PanelLayout& layout, const glm::mat4& world_from_panel,
                                  const glm::vec3& origin, const glm::vec3& direction);

}  // namespace meeloop::xr
