#pragma once
// OpenXR headers as the runtime sees them. XR_NO_PROTOTYPES keeps the loader's exported names
// (xrCreateInstance, ...) out of this library: a runtime that defined them would have its
// internal calls bound to the loader's symbols of the same name.
#include <vulkan/vulkan.h>

#define XR_NO_PROTOTYPES 1
#define XR_USE_GRAPHICS_API_VULKAN 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
