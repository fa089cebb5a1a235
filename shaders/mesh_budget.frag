#version 450
// Forward shading at Detail::Budget (software rasterisers shade every pixel on the CPU, where
// per-pixel lighting was half of a frame): light comes from the vertices (mesh_budget.vert),
// diffuse only (non-metals lose mesh.frag's faint sky sheen); texture and alpha cut-out stay
// per pixel. Surfaces too coarse for that are subdivided on upload (render/vertex_light_grid.h).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(set = 1, binding = 0) uniform sampler2D base_color_texture;
layout(constant_id = 0) const bool kAlphaCutout = true;  // as in mesh.frag

layout(location = 2) in vec2 in_uv;
layout(location = 3) in vec3 in_light;

layout(location = 0) out vec4 out_color;

void main() {
  vec4 base = draw.base_color;
  if (draw.params.z > 0.5) {
    // Textures are UNORM views of sRGB bytes here (UploadDetail::srgb_textures): decode after
    // filtering with a cubic fit of the sRGB curve (within 0.002 of it).
    vec4 t = texture(base_color_texture, in_uv);
    t.rgb *= t.rgb * (t.rgb * 0.305306011 + 0.682171111) + 0.012522878;
    base *= t;
  }
  if (kAlphaCutout && base.a < draw.params.y) discard;
  vec3 color = base.rgb * in_light + draw.emissive_metallic.rgb;
  out_color = vec4(color, base.a);
}
