// engine/gpu: device choice, validation messenger, RAII handles.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "core/log.h"
#include "gpu/buffer.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/sync.h"

using namespace meeloop;

namespace {
// Collects log lines so a test can look for what was said.
struct CapturedLog {
  Log log{LogLevel::Warn};
  std::string text;
  CapturedLog() {
    log.add_sink([this](LogLevel, std::string_view m) { text += std::string(m) + "\n"; });
  }
};
}  // namespace

TEST_CASE("MEELOOP_GPU values are parsed and bad ones are bad input", "[gpu]") {
  CHECK(gpu::parse_gpu_preference("auto").value() == gpu::GpuPreference::Auto);
  CHECK(gpu::parse_gpu_preference("hardware").value() == gpu::GpuPreference::Hardware);
  CHECK(gpu::parse_gpu_preference("lavapipe").value() == gpu::GpuPreference::Lavapipe);
  auto bad = gpu::parse_gpu_preference("nvidia");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::BadInput);
  CHECK(bad.error().message.find("auto, hardware or lavapipe") != std::string::npos);
}

TEST_CASE("VkResult failures name the call, file:line and result", "[gpu]") {
  Error e = gpu::vk_error(VK_ERROR_OUT_OF_DEVICE_MEMORY, "vkAllocateMemory(dev, &ai, nullptr, &m)",
                          "/src/engine/gpu/buffer.cpp", 42);
  CHECK(e.kind == ErrorKind::Failure);
  CHECK(e.message == "vkAllocateMemory(dev, &ai, nullptr, &m) failed at engine/gpu/buffer.cpp:42: "
                     "VK_ERROR_OUT_OF_DEVICE_MEMORY");
  CHECK(gpu::result_name(VK_ERROR_DEVICE_LOST) == "VK_ERROR_DEVICE_LOST");
}

TEST_CASE("the device choice is logged and lavapipe can be forced", "[gpu]") {
  CapturedLog cap;
  cap.log.set_min_level(LogLevel::Info);
  gpu::ContextConfig config;
  config.preference = gpu::GpuPreference::Lavapipe;
  auto ctx = gpu::create_context(cap.log, config);
  REQUIRE(ctx.ok());
  CHECK((*ctx)->device().is_software());
  CHECK(cap.text.find("gpu: ") != std::string::npos);
  CHECK(cap.text.find("lavapipe") != std::string::npos);
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("hardware-only either finds a real GPU or fails with a reason", "[gpu]") {
  CapturedLog cap;
  gpu::ContextConfig config;
  config.preference = gpu::GpuPreference::Hardware;
  auto ctx = gpu::create_context(cap.log, config);
  if (ctx.ok()) {
    CHECK_FALSE((*ctx)->device().is_software());
  } else {
    CHECK(ctx.error().kind == ErrorKind::Failure);
    CHECK(ctx.error().message.find("MEELOOP_GPU=hardware") != std::string::npos);
  }
}

TEST_CASE("validation errors are routed into the log and counted", "[gpu]") {
  CapturedLog cap;
  gpu::ContextConfig config;
  config.instance.validation = true;  // this test is about the messenger, so force it on
  auto ctx = gpu::create_context(cap.log, config);
  REQUIRE(ctx.ok());
  REQUIRE((*ctx)->instance().validation_enabled());
  CHECK((*ctx)->validation_errors() == 0);
  // A zero-sized buffer breaks VUID-VkBufferCreateInfo-size-00912 on purpose.
  const VkDevice dev = (*ctx)->device().get();
  auto ci = gpu::vk_struct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  ci.size = 0;
  ci.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  const VkResult r = vkCreateBuffer(dev, &ci, nullptr, &buffer);
  gpu::Handle<VkBuffer> owned(dev, r == VK_SUCCESS ? buffer : VK_NULL_HANDLE);
  CHECK((*ctx)->validation_errors() >= 1);
  CHECK(cap.text.find("VUID-VkBufferCreateInfo-size") != std::string::npos);
}

TEST_CASE("handles move ownership and destroy exactly once", "[gpu]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log);
  REQUIRE(ctx.ok());
  const gpu::Device& dev = (*ctx)->device();
  gpu::Handle<VkFence> a = gpu::create_fence(dev, true, "test fence");
  REQUIRE(a);
  const VkFence raw = a.get();
  gpu::Handle<VkFence> b = std::move(a);
  CHECK_FALSE(a);
  CHECK(b.get() == raw);
  CHECK(vkGetFenceStatus(dev.get(), b) == VK_SUCCESS);  // still alive after the move
  gpu::Buffer buf = gpu::create_buffer(dev, 256, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                       gpu::MemoryUse::Upload, "test buffer");
  CHECK(buf.mapped != nullptr);
  gpu::Buffer moved = std::move(buf);
  CHECK_FALSE(buf.buffer);
  b.reset();
  CHECK_FALSE(b);
  // With MEELOOP_VALIDATION=1 (ctest), a double destroy or leak would be reported here.
  CHECK((*ctx)->validation_errors() == 0);
}
