#version 450
// Vertex stage at Detail::Budget: lights each vertex for mesh_budget.frag. The sun's and the
// lamps' share was worked out at upload for this placement (render/baked_light.h); here only
// what depends on the eye (which side it sees) and on the material is added.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "frame.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;       // world space, unit length (light stream)
layout(location = 2) in vec2 in_uv;
layout(location = 3) in vec3 in_light_front;  // irradiance on the side the normal faces
layout(location = 4) in vec3 in_light_back;   // and on the other side

layout(location = 2) out vec2 out_uv;
// Light at this vertex, to be multiplied by the base colour: diffuse (sun, lamps and
// hemisphere) for the non-metal share, the hemisphere as specular for the metal share (so
// metals are not black). One vec3: every value interpolated costs the software rasteriser per
// triangle and per pixel.
layout(location = 3) out vec3 out_light;

void main() {
  vec4 world = draw.model * vec4(in_position, 1.0);
  out_uv = in_uv;
  gl_Position = frame.view_proj[view_index()] * world;
  // Light the side the eye sees (the fragment shaders flip back faces the same way).
  bool front = dot(in_normal, frame.camera_pos[view_index()].xyz - world.xyz) >= 0.0;
  vec3 n = front ? in_normal : -in_normal;
  vec3 irradiance = front ? in_light_front : in_light_back;
  vec3 hemi = mix(frame.ground_color.rgb, frame.sky_color.rgb, n.y * 0.5 + 0.5);
  float metallic = draw.emissive_metallic.a;
  float roughness = clamp(draw.params.x, 0.045, 1.0);
  out_light = (irradiance * (1.0 / 3.14159265) + hemi) * (1.0 - metallic) +
              hemi * metallic * (1.0 - roughness) * 0.5;
}
