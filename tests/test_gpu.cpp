// engine/gpu: device choice, validation messenger, RAII handles.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/log.h"
#include "gpu/buffer.h"
#include "gpu/check.h"
#include "gpu/context.h"
#include "gpu/sync.h"
#include "run_meeloop.h"
#include "temp_dir.h"
#include "test_settings.h"

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

TEST_CASE("a failed Vulkan call's Error carries its VkResult, read back with vk_result", "[gpu]") {
  // A real call that fails without a device: the loader knows no such layer.
  auto enumerate = gpu::catch_gpu<uint32_t>([] {
    uint32_t n = 0;
    MEELOOP_VK_CHECK(vkEnumerateInstanceExtensionProperties("VK_LAYER_MEELOOP_not_there", &n, nullptr));
    return n;
  });
  REQUIRE_FALSE(enumerate);
  CHECK(gpu::vk_result(enumerate.error()) == VK_ERROR_LAYER_NOT_PRESENT);
  CHECK(enumerate.error().message.find("VK_ERROR_LAYER_NOT_PRESENT") != std::string::npos);
  // A lost device is told apart on the Result, with no exception to catch.
  auto lost = gpu::catch_gpu<int>([]() -> int {
    MEELOOP_VK_CHECK(VK_ERROR_DEVICE_LOST);
    return 0;
  });
  REQUIRE_FALSE(lost);
  CHECK(gpu::vk_result(lost.error()) == VK_ERROR_DEVICE_LOST);
  CHECK(gpu::vk_result(gpu::vk_error(VK_ERROR_OUT_OF_DATE_KHR, "vkQueuePresentKHR(...)", "x.cpp", 1)) ==
        VK_ERROR_OUT_OF_DATE_KHR);
  // Errors that no Vulkan call made carry no VkResult, an OpenXR one's code included.
  CHECK_FALSE(gpu::vk_result(failure("the disk is full")));
  auto gpu_failure = gpu::catch_gpu<int>([]() -> int { gpu::throw_gpu_failure("no memory type fits"); });
  REQUIRE_FALSE(gpu_failure);
  CHECK_FALSE(gpu::vk_result(gpu_failure.error()));
  Error xr = failure("xrEndFrame(...) failed");
  xr.api_result = {Api::OpenXR, -4};
  CHECK_FALSE(gpu::vk_result(xr));
}

TEST_CASE("the device choice is logged and lavapipe can be forced", "[gpu]") {
  CapturedLog cap;
  cap.log.set_min_level(LogLevel::Info);
  gpu::ContextConfig config = gpu::context_config(test::settings());
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
  gpu::ContextConfig config = gpu::context_config(test::settings());
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
  gpu::ContextConfig config = gpu::context_config(test::settings());
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
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
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

// ctest sets MEELOOP_VALIDATION=1 with MEELOOP_BIN (tests/CMakeLists.txt). Should the settings
// stop reaching the contexts tests make, the suite would pass with the layer silently off.
TEST_CASE("tests make their GPU context with the validation layer on when ctest asks for it", "[gpu]") {
  const char* bin = std::getenv("MEELOOP_BIN");
  const char* asked = std::getenv("MEELOOP_VALIDATION");
  if (!bin) {
    WARN("not started by ctest (MEELOOP_BIN unset): nothing to hold the environment to");
    return;
  }
  REQUIRE(asked != nullptr);
  REQUIRE(std::string(asked) == "1");
  REQUIRE(test::settings().validation);
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  REQUIRE(ctx.ok());
  CHECK((*ctx)->instance().validation_enabled());
}

TEST_CASE("a GPU context asked for without saying whether validation is on is refused", "[gpu]") {
  Log log(LogLevel::Off);
  gpu::ContextConfig config;  // as a caller that forgot the settings would make it
  auto ctx = gpu::create_context(log, config);
  REQUIRE_FALSE(ctx.ok());
  CHECK(ctx.error().kind == ErrorKind::Failure);
  CHECK(ctx.error().message.find("validation") != std::string::npos);
  // Said either way, it is made: the choice, not its value, is what is required.
  config.instance.validation = false;
  auto off = gpu::create_context(log, config);
  REQUIRE(off.ok());
  CHECK_FALSE((*off)->instance().validation_enabled());
}

TEST_CASE("meeloop reads MEELOOP_VALIDATION at start and creates its context with the layer it names", "[gpu]") {
  const char* bin = std::getenv("MEELOOP_BIN");
  const char* data = std::getenv("MEELOOP_TEST_DATA");
  if (!bin || !data) {
    WARN("not started by ctest (MEELOOP_BIN or MEELOOP_TEST_DATA unset)");
    return;
  }
  test::TempDir dir("meeloop-gpu-settings");
  const std::filesystem::path scene = std::filesystem::path(data).parent_path().parent_path() / "scenes" / "huiskamer";
  auto render = [&](const std::string& validation, std::string& out) {
    return test::run_captured("MEELOOP_GPU=lavapipe MEELOOP_LOG=info MEELOOP_VALIDATION=" + validation + " '" +
                                  std::string(bin) + "' render '" + scene.string() + "' --width 64 --height 48 --out '" +
                                  (dir.path / ("v" + validation + ".png")).string() + "' 2>&1",
                              out);
  };
  std::string on, off, bad;
  CHECK(render("1", on) == 0);
  INFO(on);
  CHECK(on.find("validation on") != std::string::npos);
  CHECK(render("0", off) == 0);
  INFO(off);
  CHECK(off.find("validation on") == std::string::npos);
  CHECK(render("maybe", bad) == 2);
  INFO(bad);
  CHECK(bad.find("MEELOOP_VALIDATION must be") != std::string::npos);
}
