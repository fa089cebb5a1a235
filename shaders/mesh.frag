#version 450
// Forward shading at full detail: GGX for the sun and every point light.
#extension GL_GOOGLE_include_directive : require
#include "mesh_shading.glsl"
