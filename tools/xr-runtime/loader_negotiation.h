#pragma once
// The runtime side of the OpenXR loader <-> runtime negotiation (loader interface version 1).
// Debian 12's libopenxr-dev (1.0.20) ships neither openxr_loader_negotiation.h (added in 1.0.29)
// nor the SDK's loader_interfaces.h, so the two structs the runtime needs are declared here with
// the layout the loader documents ("OpenXR Loader - Design and Operation", section 2.4).
#include "xr_api.h"

#if __has_include(<openxr/openxr_loader_negotiation.h>)
#include <openxr/openxr_loader_negotiation.h>
#else
extern "C" {

typedef enum XrLoaderInterfaceStructs {
  XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO,
  XR_LOADER_INTERFACE_STRUCTS_MAX_ENUM = 0x7FFFFFFF
} XrLoaderInterfaceStructs;

#define XR_LOADER_INFO_STRUCT_VERSION 1
#define XR_RUNTIME_INFO_STRUCT_VERSION 1
#define XR_CURRENT_LOADER_RUNTIME_VERSION 1

typedef struct XrNegotiateLoaderInfo {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO
  uint32_t structVersion;               // XR_LOADER_INFO_STRUCT_VERSION
  size_t structSize;                    // sizeof(XrNegotiateLoaderInfo)
  uint32_t minInterfaceVersion;
  uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
} XrNegotiateLoaderInfo;

typedef struct XrNegotiateRuntimeRequest {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST
  uint32_t structVersion;               // XR_RUNTIME_INFO_STRUCT_VERSION
  size_t structSize;                    // sizeof(XrNegotiateRuntimeRequest)
  uint32_t runtimeInterfaceVersion;     // filled in by the runtime
  XrVersion runtimeApiVersion;          // filled in by the runtime
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
} XrNegotiateRuntimeRequest;

}  // extern "C"
#endif
