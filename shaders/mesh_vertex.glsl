// The body of mesh.vert and mesh_budget.vert (which defines MEELOOP_BUDGET_SHADING first).
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec2 in_uv;

#ifdef MEELOOP_BUDGET_SHADING
// Light at this vertex for mesh_budget.frag, to be multiplied by the base colour: diffuse
// (sun, lamps and hemisphere) for the non-metal share, the hemisphere as specular for the metal
// share (so metals are not black). One vec3: every value interpolated costs the software
// rasteriser per triangle and per pixel. World position and normal stay here: an output the
// fragment shader does not read is a validation warning.
vec3 out_world_pos;
vec3 out_normal;
layout(location = 3) out vec3 out_light;
#else
layout(location = 0) out vec3 out_world_pos;
layout(location = 1) out vec3 out_normal;
#endif
layout(location = 2) out vec2 out_uv;

void main() {
  vec4 world = draw.model * vec4(in_position, 1.0);
  out_world_pos = world.xyz;
  // Normals transform by the cofactor matrix (the inverse-transpose times the determinant):
  // no inverse per vertex, and the fragment shader normalises anyway. The determinant's sign
  // keeps normals outward on mirrored instances.
  mat3 m = mat3(draw.model);
  mat3 cofactor = mat3(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
  out_normal = cofactor * in_normal * sign(dot(m[0], cofactor[0]));
  out_uv = in_uv;
  gl_Position = frame.view_proj[view_index()] * world;
#ifdef MEELOOP_BUDGET_SHADING
  vec3 n = normalize(out_normal);
  // Light the side the eye sees (the fragment shaders flip back faces the same way).
  if (dot(n, frame.camera_pos[view_index()].xyz - world.xyz) < 0.0) n = -n;
  vec3 irradiance = frame.sun_color.rgb * max(dot(n, -frame.sun_direction.xyz), 0.0);
  for (int i = 0; i < frame.counts.x; ++i) {
    vec3 l;
    vec3 light = lamp_light(i, world.xyz, l);
    irradiance += light * max(dot(n, l), 0.0);
  }
  vec3 hemi = mix(frame.ground_color.rgb, frame.sky_color.rgb, n.y * 0.5 + 0.5);
  float metallic = draw.emissive_metallic.a;
  float roughness = clamp(draw.params.x, 0.045, 1.0);
  out_light = (irradiance * (1.0 / 3.14159265) + hemi) * (1.0 - metallic) +
              hemi * metallic * (1.0 - roughness) * 0.5;
#endif
}
