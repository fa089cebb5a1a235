#version 450
// Vertex stage at Detail::Budget: also lights each vertex for mesh_budget.frag.
#extension GL_GOOGLE_include_directive : require
#define MEELOOP_BUDGET_SHADING 1
#include "mesh_vertex.glsl"
