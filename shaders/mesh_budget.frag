#version 450
// Forward shading at Detail::Budget (software rasterisers): see MEELOOP_BUDGET_SHADING.
#extension GL_GOOGLE_include_directive : require
#define MEELOOP_BUDGET_SHADING 1
#include "mesh_shading.glsl"
