#version 450
// Forward shading at Detail::Budget for coarse surfaces (the room shell: a lamp's pool of light
// falls between its corners): the sun with GGX, the lamps diffusely, per pixel.
#extension GL_GOOGLE_include_directive : require
#define MEELOOP_BUDGET_SHADING 1
#include "mesh_shading.glsl"
