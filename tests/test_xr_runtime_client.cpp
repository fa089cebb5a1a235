#include "test_xr_runtime_client.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#define XR_CHECK(call) REQUIRE(XR_SUCCEEDED(call))
#define VK_CHECK(call) REQUIRE((call) == VK_SUCCESS)

namespace meeloop::xrtest {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL on_vulkan_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                 VkDebugUtilsMessageTypeFlagsEXT,
                                                 const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  static_cast<XrClient*>(user)->vulkan_messages.push_back(data->pMessage ? data->pMessage : "?");
  return VK_FALSE;
}

}  // namespace

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string state_name(XrSessionState s) {
  switch (s) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
  }
}

XrTestEnv::XrTestEnv(const std::string& name, const std::string& script) {
  // Under the build tree's test cache when ctest runs us (MEELOOP_CACHE_DIR), so repeated runs
  // reuse one folder per case instead of filling /tmp.
  const char* cache = std::getenv("MEELOOP_CACHE_DIR");
  const std::filesystem::path root = cache && *cache ? std::filesystem::path(cache)
                                                     : std::filesystem::temp_directory_path() / "meeloop-test-cache";
  dir = root / "xr-runtime" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  validation_file = dir / "core_validation.txt";
  trace_file = dir / "trace.jsonl";
  dump_dir = dir / "frames";
  ::setenv("XR_RUNTIME_JSON", MEELOOP_XR_RUNTIME_JSON, 1);
  ::setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
  ::setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  ::setenv("XR_CORE_VALIDATION_FILE_NAME", validation_file.c_str(), 1);
  ::setenv("MEELOOP_XR_TRACE", trace_file.c_str(), 1);
  ::setenv("MEELOOP_XR_DUMP_DIR", dump_dir.c_str(), 1);
  ::setenv("MEELOOP_XR_UNPACED", "1", 1);
  if (script.empty()) {
    ::unsetenv("MEELOOP_XR_SCRIPT");
  } else {
    const std::filesystem::path p = script.front() == '/' ? std::filesystem::path(script)
                                                          : std::filesystem::path(MEELOOP_XR_TEST_DATA) / script;
    ::setenv("MEELOOP_XR_SCRIPT", p.c_str(), 1);
  }
}

std::string XrTestEnv::validation_report() const {
  return std::filesystem::exists(validation_file) ? read_file(validation_file) : std::string();
}

std::vector<std::string> XrTestEnv::trace() const {
  std::vector<std::string> lines;
  std::istringstream in(read_file(trace_file));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

XrClient::XrClient(std::vector<const char*> extensions) {
  XrInstanceCreateInfo ci{};
  ci.type = XR_TYPE_INSTANCE_CREATE_INFO;
  std::snprintf(ci.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "%s", "meeloop-xr-test");
  std::snprintf(ci.applicationInfo.engineName, XR_MAX_ENGINE_NAME_SIZE, "%s", "meeloop");
  ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  ci.enabledExtensionCount = uint32_t(extensions.size());
  ci.enabledExtensionNames = extensions.data();
  XR_CHECK(xrCreateInstance(&ci, &instance));
  XrSystemGetInfo si{};
  si.type = XR_TYPE_SYSTEM_GET_INFO;
  si.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XR_CHECK(xrGetSystem(instance, &si, &system));
}

XrClient::~XrClient() {
  for (XrSwapchain sc : swapchains) xrDestroySwapchain(sc);
  for (XrSpace sp : {stage, local, view})
    if (sp) xrDestroySpace(sp);
  if (session) xrDestroySession(session);
  for (XrActionSet set : action_sets) xrDestroyActionSet(set);
  if (pool) vkDestroyCommandPool(device, pool, nullptr);
  if (device) vkDestroyDevice(device, nullptr);
  if (messenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vk_instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(vk_instance, messenger, nullptr);
  }
  if (vk_instance) vkDestroyInstance(vk_instance, nullptr);
  if (instance) xrDestroyInstance(instance);
}

PFN_xrVoidFunction XrClient::proc(const char* name) const {
  PFN_xrVoidFunction fn = nullptr;
  XR_CHECK(xrGetInstanceProcAddr(instance, name, &fn));
  REQUIRE(fn != nullptr);
  return fn;
}

void XrClient::create_vulkan() {
  auto get_requirements = reinterpret_cast<PFN_xrGetVulkanGraphicsRequirements2KHR>(proc("xrGetVulkanGraphicsRequirements2KHR"));
  auto create_instance = reinterpret_cast<PFN_xrCreateVulkanInstanceKHR>(proc("xrCreateVulkanInstanceKHR"));
  auto get_device = reinterpret_cast<PFN_xrGetVulkanGraphicsDevice2KHR>(proc("xrGetVulkanGraphicsDevice2KHR"));
  auto create_device = reinterpret_cast<PFN_xrCreateVulkanDeviceKHR>(proc("xrCreateVulkanDeviceKHR"));
  XrGraphicsRequirementsVulkan2KHR req{};
  req.type = XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR;
  XR_CHECK(get_requirements(instance, system, &req));

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "meeloop-xr-test";
  app.apiVersion = VK_API_VERSION_1_1;
  const char* layers[] = {"VK_LAYER_KHRONOS_validation"};
  const char* exts[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
  VkDebugUtilsMessengerCreateInfoEXT mi{};
  mi.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
  mi.pfnUserCallback = &on_vulkan_message;
  mi.pUserData = this;
  VkInstanceCreateInfo vci{};
  vci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  vci.pNext = &mi;  // also covers vkCreateInstance/vkDestroyInstance themselves
  vci.pApplicationInfo = &app;
  vci.enabledLayerCount = 1;
  vci.ppEnabledLayerNames = layers;
  vci.enabledExtensionCount = 1;
  vci.ppEnabledExtensionNames = exts;
  XrVulkanInstanceCreateInfoKHR xci{};
  xci.type = XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR;
  xci.systemId = system;
  xci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xci.vulkanCreateInfo = &vci;
  VkResult vr = VK_ERROR_UNKNOWN;
  XR_CHECK(create_instance(instance, &xci, &vk_instance, &vr));
  VK_CHECK(vr);
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(vk_instance, "vkCreateDebugUtilsMessengerEXT"));
  VK_CHECK(create_messenger(vk_instance, &mi, nullptr, &messenger));

  XrVulkanGraphicsDeviceGetInfoKHR gi{};
  gi.type = XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR;
  gi.systemId = system;
  gi.vulkanInstance = vk_instance;
  XR_CHECK(get_device(instance, &gi, &physical));
  REQUIRE(physical != VK_NULL_HANDLE);
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &n, nullptr);
  std::vector<VkQueueFamilyProperties> families(n);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &n, families.data());
  queue_family = UINT32_MAX;
  for (uint32_t i = 0; i < n && queue_family == UINT32_MAX; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) queue_family = i;
  REQUIRE(queue_family != UINT32_MAX);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo qi{};
  qi.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  qi.queueFamilyIndex = queue_family;
  qi.queueCount = 1;
  qi.pQueuePriorities = &priority;
  VkDeviceCreateInfo dci{};
  dci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qi;
  XrVulkanDeviceCreateInfoKHR xdi{};
  xdi.type = XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR;
  xdi.systemId = system;
  xdi.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xdi.vulkanPhysicalDevice = physical;
  xdi.vulkanCreateInfo = &dci;
  XR_CHECK(create_device(instance, &xdi, &device, &vr));
  VK_CHECK(vr);
  vkGetDeviceQueue(device, queue_family, 0, &queue);
  VkCommandPoolCreateInfo pci{};
  pci.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pci.queueFamilyIndex = queue_family;
  VK_CHECK(vkCreateCommandPool(device, &pci, nullptr, &pool));
}

void XrClient::create_session() {
  XrGraphicsBindingVulkan2KHR binding{};
  binding.type = XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR;
  binding.instance = vk_instance;
  binding.physicalDevice = physical;
  binding.device = device;
  binding.queueFamilyIndex = queue_family;
  binding.queueIndex = 0;
  XrSessionCreateInfo ci{};
  ci.type = XR_TYPE_SESSION_CREATE_INFO;
  ci.next = &binding;
  ci.systemId = system;
  XR_CHECK(xrCreateSession(instance, &ci, &session));
  const std::pair<XrReferenceSpaceType, XrSpace*> spaces[] = {
      {XR_REFERENCE_SPACE_TYPE_STAGE, &stage}, {XR_REFERENCE_SPACE_TYPE_LOCAL, &local}, {XR_REFERENCE_SPACE_TYPE_VIEW, &view}};
  for (auto [type, out] : spaces) {
    XrReferenceSpaceCreateInfo si{};
    si.type = XR_TYPE_REFERENCE_SPACE_CREATE_INFO;
    si.referenceSpaceType = type;
    si.poseInReferenceSpace.orientation.w = 1;
    XR_CHECK(xrCreateReferenceSpace(session, &si, out));
  }
}

XrSessionState XrClient::poll() {
  for (;;) {
    XrEventDataBuffer e{};
    e.type = XR_TYPE_EVENT_DATA_BUFFER;
    const XrResult r = xrPollEvent(instance, &e);
    REQUIRE(XR_SUCCEEDED(r));
    if (r == XR_EVENT_UNAVAILABLE) return state;
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      state = reinterpret_cast<XrEventDataSessionStateChanged&>(e).state;
      states.push_back(state);
    }
  }
}

XrFrameState XrClient::frame(const Render& render) {
  XrFrameWaitInfo wi{};
  wi.type = XR_TYPE_FRAME_WAIT_INFO;
  XrFrameState fs{};
  fs.type = XR_TYPE_FRAME_STATE;
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  XrFrameBeginInfo bi{};
  bi.type = XR_TYPE_FRAME_BEGIN_INFO;
  XR_CHECK(xrBeginFrame(session, &bi));
  std::vector<const XrCompositionLayerBaseHeader*> layers;
  if (fs.shouldRender && render) layers = render(fs);
  XrFrameEndInfo ei{};
  ei.type = XR_TYPE_FRAME_END_INFO;
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.layerCount = uint32_t(layers.size());
  ei.layers = layers.data();
  XR_CHECK(xrEndFrame(session, &ei));
  ++frames;
  return fs;
}

bool XrClient::run_until(XrSessionState target, int max_frames) {
  for (int i = 0; i < max_frames; ++i) {
    poll();
    if (state == target) return true;
    if (state == XR_SESSION_STATE_READY && !running) {
      XrSessionBeginInfo bi{};
      bi.type = XR_TYPE_SESSION_BEGIN_INFO;
      bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
      XR_CHECK(xrBeginSession(session, &bi));
      running = true;
    }
    if (running) frame();
  }
  return poll() == target;
}

void XrClient::submit(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  ai.commandPool = pool;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateCommandBuffers(device, &ai, &cmd));
  VkCommandBufferBeginInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &bi));
  record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));
  VkSubmitInfo si{};
  si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  si.commandBufferCount = 1;
  si.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(queue, 1, &si, VK_NULL_HANDLE));
  VK_CHECK(vkQueueWaitIdle(queue));
  vkFreeCommandBuffers(device, pool, 1, &cmd);
}

void StereoLayer::build(XrClient& c, const XrFrameState& fs, XrSwapchain color, XrSwapchain depth,
                        uint32_t width, uint32_t height, float near_z, float far_z) {
  auto vs = xr_struct<XrViewState>(XR_TYPE_VIEW_STATE);
  auto li = xr_struct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  li.displayTime = fs.predictedDisplayTime;
  li.space = c.stage;
  uint32_t n = 0;
  views[0] = views[1] = xr_struct<XrView>(XR_TYPE_VIEW);
  XR_CHECK(xrLocateViews(c.session, &li, &vs, 2, &n, views));
  const XrRect2Di whole{{0, 0}, {int32_t(width), int32_t(height)}};
  for (uint32_t eye = 0; eye < 2; ++eye) {
    depth_info[eye] = xr_struct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
    depth_info[eye].subImage = {depth, whole, eye};
    depth_info[eye].minDepth = 0.0f;
    depth_info[eye].maxDepth = 1.0f;
    depth_info[eye].nearZ = near_z;
    depth_info[eye].farZ = far_z;
    proj[eye] = xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    proj[eye].next = &depth_info[eye];
    proj[eye].pose = views[eye].pose;
    proj[eye].fov = views[eye].fov;
    proj[eye].subImage = {color, whole, eye};
  }
  layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  layer.space = c.stage;
  layer.viewCount = 2;
  layer.views = proj;
}

}  // namespace meeloop::xrtest
