#version 450
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
  // firstInstance of each draw is the World instance index.
  InstanceData inst = instances[gl_InstanceIndex];
  vec4 world = inst.model * vec4(in_position, 1.0);
  out_world_pos = world.xyz;
  out_normal = mat3(inst.normal) * in_normal;
  out_uv = in_uv;
  gl_Position = frame.view_proj[view_index()] * world;
}
