#version 450
// Vertex stage at Detail::Full: world position, normal and texture coordinates for mesh.frag.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec2 in_uv;

layout(location = 0) out vec3 out_world_pos;
layout(location = 1) out vec3 out_normal;
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
}
