// The library's only exported symbol (xrNegotiateLoaderRuntimeInterface) and the function table
// behind xrGetInstanceProcAddr.
#include <cstring>

#include "api.h"
#include "loader_negotiation.h"
#include "runtime.h"

namespace meeloop::xrrt::api {
namespace {

struct Entry {
  const char* name;
  PFN_xrVoidFunction fn;
  const char* extension;  // must be enabled on the instance; nullptr for core
};

#define MEELOOP_XR_ENTRY(name, ext) {"xr" #name, reinterpret_cast<PFN_xrVoidFunction>(&name), ext},
const Entry kEntries[] = {MEELOOP_XR_CORE_FUNCTIONS(MEELOOP_XR_ENTRY)};
#undef MEELOOP_XR_ENTRY

}  // namespace

XrResult XRAPI_CALL GetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function) {
  if (!name || !function) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  // Without an instance only these three may be asked for (spec 3.2, xrGetInstanceProcAddr).
  if (instance == XR_NULL_HANDLE) {
    for (const char* allowed : {"xrEnumerateInstanceExtensionProperties", "xrEnumerateApiLayerProperties", "xrCreateInstance"})
      if (std::strcmp(name, allowed) == 0)
        for (const Entry& e : kEntries)
          if (std::strcmp(e.name, name) == 0) *function = e.fn;
    return *function ? XR_SUCCESS : XR_ERROR_HANDLE_INVALID;
  }
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  for (const Entry& e : kEntries) {
    if (std::strcmp(e.name, name) != 0) continue;
    if (e.extension && !inst->has_extension(e.extension)) return XR_ERROR_FUNCTION_UNSUPPORTED;
    *function = e.fn;
    return XR_SUCCESS;
  }
  return XR_ERROR_FUNCTION_UNSUPPORTED;
}

}  // namespace meeloop::xrrt::api

extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* info, XrNegotiateRuntimeRequest* request) {
  if (!info || !request || info->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      info->structVersion != XR_LOADER_INFO_STRUCT_VERSION || info->structSize != sizeof(XrNegotiateLoaderInfo) ||
      request->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      request->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      request->structSize != sizeof(XrNegotiateRuntimeRequest))
    return XR_ERROR_INITIALIZATION_FAILED;
  if (info->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      info->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION)
    return XR_ERROR_INITIALIZATION_FAILED;
  // The runtime implements OpenXR 1.0 (any 1.0.x loader is fine).
  if (XR_VERSION_MAJOR(info->minApiVersion) > 1 || XR_VERSION_MAJOR(info->maxApiVersion) < 1)
    return XR_ERROR_INITIALIZATION_FAILED;
  request->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  request->runtimeApiVersion = XR_CURRENT_API_VERSION;
  request->getInstanceProcAddr = &meeloop::xrrt::api::GetInstanceProcAddr;
  return XR_SUCCESS;
}
