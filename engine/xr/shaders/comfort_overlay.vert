#version 450
// The comfort layer's untextured triangles: the teleport arc and ring in the scene (with the
// eye's view-projection) or the vignette and fade already in clip space (with the identity).
layout(location = 0) in vec3 in_position;
layout(location = 1) in vec4 in_color;
layout(push_constant) uniform Push { mat4 view_proj; } pc;
layout(location = 0) out vec4 out_color;
void main() {
  gl_Position = pc.view_proj * vec4(in_position, 1.0);
  out_color = in_color;
}
