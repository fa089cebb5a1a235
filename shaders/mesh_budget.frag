#version 450
// Forward shading at Detail::Budget (software rasterisers shade every pixel on the CPU, where
// per-pixel lighting was half of a frame): light comes from the vertices (mesh_budget.vert),
// diffuse only; texture and alpha cut-out stay per pixel. Surfaces too coarse for that use
// mesh_budget_pixel.frag (GpuScene::lamps_per_vertex).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(set = 1, binding = 0) uniform sampler2D base_color_texture;

layout(location = 2) in vec2 in_uv;
layout(location = 3) in vec3 in_diffuse_light;
layout(location = 4) in vec3 in_hemi;

layout(location = 0) out vec4 out_color;

void main() {
  vec4 base = draw.base_color;
  if (draw.params.z > 0.5) base *= texture(base_color_texture, in_uv);
  if (base.a < draw.params.y) discard;
  float metallic = draw.emissive_metallic.a;
  float roughness = clamp(draw.params.x, 0.045, 1.0);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
  vec3 color = base.rgb * (1.0 - metallic) * in_diffuse_light;
  // As mesh_shading.glsl: a little hemisphere light as specular so metals are not black.
  color += in_hemi * f0 * (1.0 - roughness) * 0.5;
  color += draw.emissive_metallic.rgb;
  out_color = vec4(color, base.a);
}
