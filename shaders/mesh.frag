#version 450
// Forward shading at full detail: GGX for the sun and every point light.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(set = 1, binding = 0) uniform sampler2D base_color_texture;
// Off in the pipeline for materials without cut-out texels: a shader that can discard keeps
// the software rasteriser from writing depth before shading.
layout(constant_id = 0) const bool kAlphaCutout = true;

layout(location = 0) in vec3 in_world_pos;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec2 in_uv;

layout(location = 0) out vec4 out_color;

const float PI = 3.14159265;

// GGX / Trowbridge-Reitz normal distribution.
float distribution_ggx(float n_dot_h, float alpha) {
  float a2 = alpha * alpha;
  float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
  return a2 / (PI * d * d);
}

// Smith-GGX height-correlated visibility (includes the 1 / (4 N.L N.V) term).
float visibility_smith(float n_dot_l, float n_dot_v, float alpha) {
  float a2 = alpha * alpha;
  float gv = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
  float gl = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
  return 0.5 / max(gv + gl, 1e-5);
}

vec3 fresnel_schlick(float v_dot_h, vec3 f0) {
  return f0 + (1.0 - f0) * pow(1.0 - v_dot_h, 5.0);
}

// Radiance reflected towards the eye from one light of irradiance `light` arriving along -l.
vec3 shade(vec3 n, vec3 v, vec3 l, vec3 light, vec3 diffuse, vec3 f0, float alpha) {
  float n_dot_l = max(dot(n, l), 0.0);
  if (n_dot_l <= 0.0) return vec3(0.0);
  vec3 h = normalize(l + v);
  float n_dot_v = max(dot(n, v), 1e-4);
  float n_dot_h = max(dot(n, h), 0.0);
  vec3 f = fresnel_schlick(max(dot(v, h), 0.0), f0);
  vec3 spec = f * distribution_ggx(n_dot_h, alpha) * visibility_smith(n_dot_l, n_dot_v, alpha);
  return ((1.0 - f) * diffuse / PI + spec) * light * n_dot_l;
}

void main() {
  vec4 base = draw.base_color;
  if (draw.params.z > 0.5) base *= texture(base_color_texture, in_uv);
  if (kAlphaCutout && base.a < draw.params.y) discard;

  vec3 n = normalize(in_normal);
  // Back faces are only drawn for double-sided materials; light them as seen from this side.
  if (!gl_FrontFacing) n = -n;
  vec3 v = normalize(frame.camera_pos[view_index()].xyz - in_world_pos);

  float metallic = draw.emissive_metallic.a;
  float roughness = clamp(draw.params.x, 0.045, 1.0);
  float alpha = roughness * roughness;
  vec3 diffuse = base.rgb * (1.0 - metallic);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);

  vec3 color = shade(n, v, -frame.sun_direction.xyz, frame.sun_color.rgb, diffuse, f0, alpha);
  for (int i = 0; i < frame.counts.x; ++i) {
    vec3 l;
    vec3 light = lamp_light(i, in_world_pos, l);
    color += shade(n, v, l, light, diffuse, f0, alpha);
  }
  // Hemisphere ambient: sky from above, ground from below; a little of it as specular so
  // metals are not black.
  vec3 hemi = mix(frame.ground_color.rgb, frame.sky_color.rgb, n.y * 0.5 + 0.5);
  color += hemi * (diffuse + f0 * (1.0 - roughness) * 0.5);
  color += draw.emissive_metallic.rgb;
  // The attachment is *_SRGB: the hardware encodes linear values on store.
  out_color = vec4(color, base.a);
}
