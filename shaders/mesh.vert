#version 450
// Vertex stage at full detail.
#extension GL_GOOGLE_include_directive : require
#include "mesh_vertex.glsl"
