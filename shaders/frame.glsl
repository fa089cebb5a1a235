// Shared by the mesh shaders. Mirrors engine/render/shader_types.h (std140 / std430).
#define MAX_VIEWS 4
#define MAX_POINT_LIGHTS 16

struct PointLight {
  vec4 position_range;   // xyz world position (m), w range (m)
  vec4 color_intensity;  // rgb linear colour, a intensity
};

layout(set = 0, binding = 0, std140) uniform Frame {
  mat4 view_proj[MAX_VIEWS];
  vec4 camera_pos[MAX_VIEWS];  // xyz world position of each view's eye
  vec4 sun_direction;          // xyz direction the light travels (normalised)
  vec4 sun_color;              // rgb * intensity
  vec4 sky_color;              // rgb * ambient intensity
  vec4 ground_color;           // rgb * ambient intensity
  ivec4 counts;                // x point lights
  PointLight points[MAX_POINT_LIGHTS];
} frame;

// The instance and material of the current draw (render::DrawPush).
layout(push_constant, std430) uniform Push {
  mat4 model;              // model -> world
  vec4 base_color;         // linear rgb, a opacity
  vec4 emissive_metallic;  // rgb emissive, a metallic
  vec4 params;             // x roughness, y alpha cutoff (0 = none), z has texture
  ivec4 view;              // x: View index of gl_ViewIndex 0 (non-zero when views are drawn one pass each)
} draw;

// Index into view_proj / camera_pos for this invocation.
int view_index() { return gl_ViewIndex + draw.view.x; }

// Irradiance of point light i arriving at `pos`; `l` is the unit vector towards the light.
vec3 lamp_light(int i, vec3 pos, out vec3 l) {
  vec3 to_light = frame.points[i].position_range.xyz - pos;
  float d2 = max(dot(to_light, to_light), 1e-4);
  float range = frame.points[i].position_range.w;
  // Inverse-square falloff windowed to reach zero at `range` (as in glTF's punctual lights).
  float x = d2 / (range * range);
  float window = clamp(1.0 - x * x, 0.0, 1.0);
  l = to_light * inversesqrt(d2);
  return frame.points[i].color_intensity.rgb * frame.points[i].color_intensity.a * window * window / d2;
}
