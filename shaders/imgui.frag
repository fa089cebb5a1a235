#version 450
// Dear ImGui's colour times its font atlas (white where a shape has no glyph).
layout(set = 0, binding = 0) uniform sampler2D atlas;

layout(location = 0) in vec4 in_color;
layout(location = 1) in vec2 in_uv;

layout(location = 0) out vec4 out_color;

void main() {
  out_color = in_color * texture(atlas, in_uv);
}
