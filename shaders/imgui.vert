#version 450
// Dear ImGui's triangles on a window (desktop/imgui_renderer.h): positions in ImGui's display
// coordinates mapped to clip space by the push constants; colours arrive as sRGB-encoded bytes
// and leave unconverted, because the target is UNORM.
layout(location = 0) in vec2 in_position;
layout(location = 1) in vec2 in_uv;
layout(location = 2) in vec4 in_color;

layout(push_constant) uniform Transform {
  vec2 scale;
  vec2 translate;
} transform;

layout(location = 0) out vec4 out_color;
layout(location = 1) out vec2 out_uv;

void main() {
  out_color = in_color;
  out_uv = in_uv;
  gl_Position = vec4(in_position * transform.scale + transform.translate, 0.0, 1.0);
}
