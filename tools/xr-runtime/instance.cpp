// Instance, system and view-configuration queries, events, paths and enum names.
#include <cstdlib>
#include <cstring>

#include "api.h"
#include "paths.h"
#include "runtime.h"

#include <openxr/openxr_reflection.h>

namespace meeloop::xrrt::api {
namespace {

const char* const kExtensions[] = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                                   XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME};
const uint32_t kExtensionVersions[] = {XR_KHR_vulkan_enable2_SPEC_VERSION,
                                       XR_KHR_composition_layer_depth_SPEC_VERSION};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Reads the environment and the script. A script error fails xrCreateInstance with the
// file:line:col message on stderr and in the trace, since there is no other channel yet.
Result<Config> load_config() {
  Config c;
  c.trace_path = env("MEELOOP_XR_TRACE");
  c.dump_dir = env("MEELOOP_XR_DUMP_DIR");
  const std::string script = env("MEELOOP_XR_SCRIPT");
  if (!script.empty()) {
    auto s = load_script(script);
    if (!s) return s.error();
    c.script = std::move(s.value());
  }
  c.paced = c.script.paced.value_or(true);
  const std::string unpaced = env("MEELOOP_XR_UNPACED");
  if (!unpaced.empty()) c.paced = unpaced == "0";
  return c;
}

}  // namespace

XrResult XRAPI_CALL EnumerateApiLayerProperties(uint32_t capacity, uint32_t* count, XrApiLayerProperties*) {
  // The loader answers this itself; a runtime has no layers.
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  (void)capacity;
  *count = 0;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateInstanceExtensionProperties(const char* layer, uint32_t capacity, uint32_t* count,
                                                         XrExtensionProperties* props) {
  if (layer && *layer) return XR_ERROR_API_LAYER_NOT_PRESENT;
  std::vector<size_t> idx = {0, 1};
  return two_call(capacity, count, props, idx, [](XrExtensionProperties& p, size_t i) {
    std::strncpy(p.extensionName, kExtensions[i], XR_MAX_EXTENSION_NAME_SIZE - 1);
    p.extensionName[XR_MAX_EXTENSION_NAME_SIZE - 1] = 0;
    p.extensionVersion = kExtensionVersions[i];
  });
}

XrResult XRAPI_CALL CreateInstance(const XrInstanceCreateInfo* info, XrInstance* out) {
  if (!info || !out || info->type != XR_TYPE_INSTANCE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  const XrVersion v = info->applicationInfo.apiVersion;
  if (XR_VERSION_MAJOR(v) != 1 || XR_VERSION_MINOR(v) != 0) return XR_ERROR_API_VERSION_UNSUPPORTED;
  std::vector<std::string> enabled;
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    const char* name = info->enabledExtensionNames[i];
    bool known = false;
    for (const char* e : kExtensions) known = known || std::strcmp(e, name) == 0;
    if (!known) return XR_ERROR_EXTENSION_NOT_PRESENT;
    enabled.emplace_back(name);
  }
  auto config = load_config();
  if (!config) {
    const std::string msg = "meeloop-xr: MEELOOP_XR_SCRIPT: " + config.error().to_string();
    Log(LogLevel::Error).error(msg);
    Trace(env("MEELOOP_XR_TRACE")).write({{"event", "error"}, {"function", "xrCreateInstance"}, {"message", config.error().to_string()}});
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  const uint64_t h = reg.new_handle();
  auto inst = std::make_unique<Instance>(h, std::move(config.value()), std::move(enabled));
  inst->application_name = info->applicationInfo.applicationName;
  inst->trace.write({{"event", "instance"}, {"application", inst->application_name},
                     {"paced", inst->config.paced}, {"script", inst->config.script.file}});
  reg.instances.emplace(h, std::move(inst));
  *out = to_handle<XrInstance>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroyInstance(XrInstance instance) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  auto it = reg.instances.find(from_handle(instance));
  if (it == reg.instances.end()) return XR_ERROR_HANDLE_INVALID;
  // Children go with their parent (spec 2.3): sessions first, since they hold Vulkan objects.
  it->second->sessions.clear();
  reg.instances.erase(it);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetInstanceProperties(XrInstance instance, XrInstanceProperties* props) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (!props || props->type != XR_TYPE_INSTANCE_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  std::strncpy(props->runtimeName, "Meeloop headless runtime", XR_MAX_RUNTIME_NAME_SIZE - 1);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL PollEvent(XrInstance instance, XrEventDataBuffer* event) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!event) return XR_ERROR_VALIDATION_FAILURE;
  if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
  *event = inst->events.front();
  inst->events.pop_front();
  return XR_SUCCESS;
}

#define MEELOOP_XR_ENUM_CASE(name, value) case name: text = #name; break;

XrResult XRAPI_CALL ResultToString(XrInstance instance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  {
    std::lock_guard lock(Registry::get().mutex);
    if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  }
  std::string text;
  switch (value) {
    XR_LIST_ENUM_XrResult(MEELOOP_XR_ENUM_CASE)
    default: text = (value < 0 ? "XR_UNKNOWN_FAILURE_" : "XR_UNKNOWN_SUCCESS_") + std::to_string(int(value));
  }
  std::strncpy(buffer, text.c_str(), XR_MAX_RESULT_STRING_SIZE - 1);
  buffer[XR_MAX_RESULT_STRING_SIZE - 1] = 0;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL StructureTypeToString(XrInstance instance, XrStructureType value,
                                          char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  {
    std::lock_guard lock(Registry::get().mutex);
    if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  }
  std::string text;
  switch (value) {
    XR_LIST_ENUM_XrStructureType(MEELOOP_XR_ENUM_CASE)
    default: text = "XR_UNKNOWN_STRUCTURE_TYPE_" + std::to_string(int(value));
  }
  std::strncpy(buffer, text.c_str(), XR_MAX_STRUCTURE_NAME_SIZE - 1);
  buffer[XR_MAX_STRUCTURE_NAME_SIZE - 1] = 0;
  return XR_SUCCESS;
}
#undef MEELOOP_XR_ENUM_CASE

XrResult XRAPI_CALL StringToPath(XrInstance instance, const char* string, XrPath* path) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!string || !path) return XR_ERROR_VALIDATION_FAILURE;
  if (!well_formed_path(string)) return inst->fail(XR_ERROR_PATH_FORMAT_INVALID, "xrStringToPath", std::string("not a well-formed path: \"") + string + "\"");
  *path = inst->paths.intern(string);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL PathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* count, char* buffer) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  const std::string* s = inst->paths.lookup(path);
  if (!s) return XR_ERROR_PATH_INVALID;
  return two_call_string(capacity, count, buffer, *s);
}

XrResult XRAPI_CALL GetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* system) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !system || info->type != XR_TYPE_SYSTEM_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (inst->lost) return XR_ERROR_INSTANCE_LOST;
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) {
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  *system = kSystemId;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetSystemProperties(XrInstance instance, XrSystemId system, XrSystemProperties* props) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!props || props->type != XR_TYPE_SYSTEM_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  props->systemId = kSystemId;
  props->vendorId = 0x4d4c;  // "ML"; not a registered PCI vendor, which the spec allows
  std::memset(props->systemName, 0, sizeof props->systemName);
  std::strncpy(props->systemName, "Meeloop headless HMD", XR_MAX_SYSTEM_NAME_SIZE - 1);
  props->graphicsProperties = {kMaxImageSize, kMaxImageSize, kMaxLayers};
  props->trackingProperties = {XR_TRUE, XR_TRUE};
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId system, XrViewConfigurationType type,
                                                   uint32_t capacity, uint32_t* count, XrEnvironmentBlendMode* modes) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  const std::vector<XrEnvironmentBlendMode> list = {XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
  return two_call(capacity, count, modes, list, [](XrEnvironmentBlendMode& o, XrEnvironmentBlendMode m) { o = m; });
}

XrResult XRAPI_CALL EnumerateViewConfigurations(XrInstance instance, XrSystemId system, uint32_t capacity,
                                                uint32_t* count, XrViewConfigurationType* types) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  const std::vector<XrViewConfigurationType> list = {XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
  return two_call(capacity, count, types, list, [](XrViewConfigurationType& o, XrViewConfigurationType t) { o = t; });
}

XrResult XRAPI_CALL GetViewConfigurationProperties(XrInstance instance, XrSystemId system, XrViewConfigurationType type,
                                                   XrViewConfigurationProperties* props) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().instance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  if (!props || props->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  props->viewConfigurationType = type;
  props->fovMutable = XR_TRUE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateViewConfigurationViews(XrInstance instance, XrSystemId system, XrViewConfigurationType type,
                                                    uint32_t capacity, uint32_t* count, XrViewConfigurationView* views) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  const Script& s = inst->config.script;
  const std::vector<int> eyes = {0, 1};
  return two_call(capacity, count, views, eyes, [&](XrViewConfigurationView& v, int) {
    if (v.type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return;
    v.recommendedImageRectWidth = s.width;
    v.recommendedImageRectHeight = s.height;
    v.maxImageRectWidth = kMaxImageSize;
    v.maxImageRectHeight = kMaxImageSize;
    v.recommendedSwapchainSampleCount = 1;
    v.maxSwapchainSampleCount = 1;
  });
}

}  // namespace meeloop::xrrt::api
