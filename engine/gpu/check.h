#pragma once
// Checking Vulkan calls. A failed call becomes an Error naming the call text, file:line and
// the VkResult, e.g. "vkCreateImage(...) failed at render/target.cpp:41: ErrorOutOfDeviceMemory".
// Inside gpu/ and render/ failures are thrown as GpuException; every public entry point that
// can fail catches it once and returns a Result (see catch_gpu below).
#include <optional>
#include <string>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "gpu/vk_struct.h"

namespace meeloop::gpu {

// Name of a VkResult ("Success", "ErrorDeviceLost", ...).
std::string result_name(VkResult r);
// Failure-kind Error for a failed call, carrying `r` (see vk_result).
Error vk_error(VkResult r, const char* call, const char* file, int line);
// The VkResult of an Error made by vk_error (e.g. VK_ERROR_DEVICE_LOST); empty for any other.
std::optional<VkResult> vk_result(const Error& e);

class GpuException : public ErrorException {
 public:
  using ErrorException::ErrorException;
};

[[noreturn]] void throw_vk_error(VkResult r, const char* call, const char* file, int line);
[[noreturn]] void throw_gpu_failure(std::string message);

// Runs `fn` and turns a GpuException into the Error of a Result. Used at API boundaries.
template <class T, class Fn>
Result<T> catch_gpu(Fn&& fn) {
  try {
    return fn();
  } catch (const GpuException& e) {
    return e.error();
  }
}

}  // namespace meeloop::gpu

// Throws a GpuException when `call` does not return VK_SUCCESS.
#define MEELOOP_VK_CHECK(call)                                                     \
  do {                                                                             \
    VkResult meeloop_vk_result_ = (call);                                          \
    if (meeloop_vk_result_ != VK_SUCCESS)                                          \
      ::meeloop::gpu::throw_vk_error(meeloop_vk_result_, #call, __FILE__, __LINE__); \
  } while (0)
