#pragma once
// Every OpenXR entry point the runtime implements, as one X-macro list so the declarations and
// the xrGetInstanceProcAddr table cannot drift apart. X(name, extension or nullptr for core).
#include "xr_api.h"

#define MEELOOP_XR_CORE_FUNCTIONS(X)                      \
  X(GetInstanceProcAddr, nullptr)                         \
  X(EnumerateApiLayerProperties, nullptr)                 \
  X(EnumerateInstanceExtensionProperties, nullptr)        \
  X(CreateInstance, nullptr)                              \
  X(DestroyInstance, nullptr)                             \
  X(GetInstanceProperties, nullptr)                       \
  X(PollEvent, nullptr)                                   \
  X(ResultToString, nullptr)                              \
  X(StructureTypeToString, nullptr)                       \
  X(GetSystem, nullptr)                                   \
  X(GetSystemProperties, nullptr)                         \
  X(EnumerateEnvironmentBlendModes, nullptr)              \
  X(CreateSession, nullptr)                               \
  X(DestroySession, nullptr)                              \
  X(EnumerateReferenceSpaces, nullptr)                    \
  X(CreateReferenceSpace, nullptr)                        \
  X(GetReferenceSpaceBoundsRect, nullptr)                 \
  X(CreateActionSpace, nullptr)                           \
  X(LocateSpace, nullptr)                                 \
  X(DestroySpace, nullptr)                                \
  X(EnumerateViewConfigurations, nullptr)                 \
  X(GetViewConfigurationProperties, nullptr)              \
  X(EnumerateViewConfigurationViews, nullptr)             \
  X(EnumerateSwapchainFormats, nullptr)                   \
  X(CreateSwapchain, nullptr)                             \
  X(DestroySwapchain, nullptr)                            \
  X(EnumerateSwapchainImages, nullptr)                    \
  X(AcquireSwapchainImage, nullptr)                       \
  X(WaitSwapchainImage, nullptr)                          \
  X(ReleaseSwapchainImage, nullptr)                       \
  X(BeginSession, nullptr)                                \
  X(EndSession, nullptr)                                  \
  X(RequestExitSession, nullptr)                          \
  X(WaitFrame, nullptr)                                   \
  X(BeginFrame, nullptr)                                  \
  X(EndFrame, nullptr)                                    \
  X(LocateViews, nullptr)                                 \
  X(StringToPath, nullptr)                                \
  X(PathToString, nullptr)                                \
  X(CreateActionSet, nullptr)                             \
  X(DestroyActionSet, nullptr)                            \
  X(CreateAction, nullptr)                                \
  X(DestroyAction, nullptr)                               \
  X(SuggestInteractionProfileBindings, nullptr)           \
  X(AttachSessionActionSets, nullptr)                     \
  X(GetCurrentInteractionProfile, nullptr)                \
  X(GetActionStateBoolean, nullptr)                       \
  X(GetActionStateFloat, nullptr)                         \
  X(GetActionStateVector2f, nullptr)                      \
  X(GetActionStatePose, nullptr)                          \
  X(SyncActions, nullptr)                                 \
  X(EnumerateBoundSourcesForAction, nullptr)              \
  X(GetInputSourceLocalizedName, nullptr)                 \
  X(ApplyHapticFeedback, nullptr)                         \
  X(StopHapticFeedback, nullptr)                          \
  X(GetVulkanGraphicsRequirements2KHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) \
  X(CreateVulkanInstanceKHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)           \
  X(GetVulkanGraphicsDevice2KHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)       \
  X(CreateVulkanDeviceKHR, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)

namespace meeloop::xrrt::api {

// Declares e.g. `XrResult XRAPI_CALL CreateInstance(...)` with the signature of PFN_xrCreateInstance.
template <class F> struct Signature;
template <class R, class... A> struct Signature<R(XRAPI_PTR*)(A...)> { using Type = R XRAPI_CALL(A...); };

#define MEELOOP_XR_DECLARE(name, ext) extern Signature<PFN_xr##name>::Type name;
MEELOOP_XR_CORE_FUNCTIONS(MEELOOP_XR_DECLARE)
#undef MEELOOP_XR_DECLARE

}  // namespace meeloop::xrrt::api
