#include "gpu/instance.h"

#include <cstring>

#include "gpu/check.h"

namespace meeloop::gpu {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool has_layer(const char* name) {
  uint32_t n = 0;
  vkEnumerateInstanceLayerProperties(&n, nullptr);
  std::vector<VkLayerProperties> layers(n);
  vkEnumerateInstanceLayerProperties(&n, layers.data());
  for (auto& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

bool has_extension(const char* name) {
  uint32_t n = 0;
  vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr);
  std::vector<VkExtensionProperties> exts(n);
  vkEnumerateInstanceExtensionProperties(nullptr, &n, exts.data());
  for (auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

}  // namespace

Result<std::unique_ptr<Instance>> create_instance(const InstanceConfig& config, Log& log) {
  return catch_gpu<std::unique_ptr<Instance>>([&]() -> Result<std::unique_ptr<Instance>> {
    uint32_t api = 0;
    if (vkEnumerateInstanceVersion(&api) != VK_SUCCESS || api < VK_API_VERSION_1_3)
      return failure("the Vulkan loader does not offer Vulkan 1.3 (install libvulkan1 and "
                     "mesa-vulkan-drivers)");

    if (!config.validation)
      return failure("the Vulkan instance was asked for without saying whether validation is on "
                     "(InstanceConfig::validation: pass Settings::validation)");
    auto inst = std::unique_ptr<Instance>(new Instance());
    inst->sink_ = std::make_unique<DebugSink>();
    inst->sink_->log = &log;
    inst->validation_ = *config.validation;
    if (inst->validation_ && !has_layer(kValidationLayer))
      return failure(std::string("validation was requested (MEELOOP_VALIDATION=1) but ") +
                     kValidationLayer + " is not installed (Debian: vulkan-validationlayers)");

    std::vector<const char*> layers;
    if (inst->validation_) layers.push_back(kValidationLayer);
    std::vector<const char*> exts;
    for (auto& e : config.extensions) exts.push_back(e.c_str());
    // Debug utils are cheap; object names and labels help even without validation.
    const bool debug_utils = has_extension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (debug_utils) exts.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    else if (inst->validation_)
      return failure("validation needs " VK_EXT_DEBUG_UTILS_EXTENSION_NAME
                     " to report messages, and the loader lacks it");

    auto app = vk_struct<VkApplicationInfo>(VK_STRUCTURE_TYPE_APPLICATION_INFO);
    app.pApplicationName = config.app_name.c_str();
    app.pEngineName = "meeloop";
    app.apiVersion = VK_API_VERSION_1_3;

    VkDebugUtilsMessengerCreateInfoEXT messenger_ci = messenger_create_info(inst->sink_.get());
    auto ci = vk_struct<VkInstanceCreateInfo>(VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO);
    ci.pNext = debug_utils ? &messenger_ci : nullptr;
    ci.pApplicationInfo = &app;
    ci.enabledLayerCount = uint32_t(layers.size());
    ci.ppEnabledLayerNames = layers.data();
    ci.enabledExtensionCount = uint32_t(exts.size());
    ci.ppEnabledExtensionNames = exts.data();
    VkInstance raw = VK_NULL_HANDLE;
    if (config.external) MEELOOP_VK_CHECK(config.external->create_instance(ci, &raw));
    else MEELOOP_VK_CHECK(vkCreateInstance(&ci, nullptr, &raw));
    inst->instance_ = Handle<VkInstance>(raw);

    if (debug_utils) {
      auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
          vkGetInstanceProcAddr(raw, "vkCreateDebugUtilsMessengerEXT"));
      MessengerOwner owner{raw, reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
                                    vkGetInstanceProcAddr(raw, "vkDestroyDebugUtilsMessengerEXT"))};
      VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
      if (create && owner.destroy) {
        MEELOOP_VK_CHECK(create(raw, &messenger_ci, nullptr, &messenger));
        inst->messenger_ = Handle<VkDebugUtilsMessengerEXT>(owner, messenger);
      }
      inst->debug_fns_ = load_debug_fns(raw);
    }
    log.debug(std::string("vulkan instance created, validation ") +
              (inst->validation_ ? "on" : "off"));
    return inst;
  });
}

}  // namespace meeloop::gpu
