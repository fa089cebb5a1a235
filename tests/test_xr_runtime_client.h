#pragma once
// A minimal OpenXR + Vulkan application for the headless-runtime tests. It goes through the
// real Khronos loader (with the core validation layer) and real Vulkan (lavapipe, with
// VK_LAYER_KHRONOS_validation), the way engine/xr will.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace meeloop::xrtest {

// Points the loader at the runtime and the runtime at `script` (a file under tests/data/xr, or
// empty), with a fresh folder for the validation report, trace and dumped frames.
struct XrTestEnv {
  XrTestEnv(const std::string& name, const std::string& script);
  std::filesystem::path dir, validation_file, trace_file, dump_dir;
  std::string validation_report() const;   // what the core validation layer wrote ("" if nothing)
  std::vector<std::string> trace() const;  // the runtime's trace lines
};

// A zeroed OpenXR struct with its type set.
template <class T>
T xr_struct(XrStructureType type) {
  T v{};
  v.type = type;
  return v;
}

std::string read_file(const std::filesystem::path& p);
std::string state_name(XrSessionState s);

class XrClient {
 public:
  explicit XrClient(std::vector<const char*> extensions = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                                                           XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME});
  ~XrClient();
  XrClient(const XrClient&) = delete;
  XrClient& operator=(const XrClient&) = delete;

  void create_vulkan();   // VkInstance/VkDevice through XR_KHR_vulkan_enable2
  void create_session();  // plus STAGE, LOCAL and VIEW spaces
  // Drains the event queue, recording state changes; returns the latest state.
  XrSessionState poll();
  // One frame: wait, begin, `render` (if shouldRender and given) builds layers, end.
  // Returns the XrFrameState of the frame.
  using Render = std::function<std::vector<const XrCompositionLayerBaseHeader*>(const XrFrameState&)>;
  XrFrameState frame(const Render& render = {});
  // Polls and runs empty frames until `state` is reached (begins the session on READY).
  bool run_until(XrSessionState state, int max_frames = 200);
  // Submits `record` on the queue and waits.
  void submit(const std::function<void(VkCommandBuffer)>& record);

  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  VkInstance vk_instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  VkQueue queue = VK_NULL_HANDLE;
  VkCommandPool pool = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  XrSession session = XR_NULL_HANDLE;
  XrSpace stage = XR_NULL_HANDLE, local = XR_NULL_HANDLE, view = XR_NULL_HANDLE;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;
  std::vector<XrSessionState> states;            // every state change seen, in order
  std::vector<std::string> vulkan_messages;      // validation warnings and errors
  std::vector<XrSwapchain> swapchains;           // destroyed with the client
  std::vector<XrActionSet> action_sets;          // destroyed with the client
  int64_t frames = 0;

  PFN_xrVoidFunction proc(const char* name) const;
};

// A stereo projection layer in the STAGE space: eye i at `views[i]` in layer i of a two-layer
// colour swapchain, each with a depth info for layer i of a two-layer depth swapchain. `layer`
// points into this object, so it must stay where it is until xrEndFrame.
struct StereoLayer {
  XrView views[2]{};
  XrCompositionLayerProjectionView proj[2]{};
  XrCompositionLayerDepthInfoKHR depth_info[2]{};
  XrCompositionLayerProjection layer{};

  // Locates both eyes at the frame's display time (REQUIREs success), then fills the layer with
  // the whole width x height of each swapchain and the depth planes near_z..far_z.
  void build(XrClient& c, const XrFrameState& fs, XrSwapchain color, XrSwapchain depth,
             uint32_t width, uint32_t height, float near_z, float far_z);
};

}  // namespace meeloop::xrtest
