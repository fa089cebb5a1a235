#version 450
// The panel's texture (an sRGB view: decoded to linear here, encoded again by the swapchain,
// so ImGui's colours arrive unchanged); uv.x < 0 marks solid shapes (rays, hover frames).
// The panel is an opaque board: the texture's alpha (ImGui's blending leaves it meaningless)
// is not used.
layout(set = 0, binding = 0) uniform sampler2D panel;
layout(location = 0) in vec2 in_uv;
layout(location = 1) in vec4 in_color;
layout(location = 0) out vec4 out_color;
void main() {
  out_color = in_uv.x < 0.0 ? in_color : in_color * vec4(texture(panel, in_uv).rgb, 1.0);
}
