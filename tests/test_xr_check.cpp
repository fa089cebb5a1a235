// Checking OpenXR calls (xr/xr_check.h): a failed call's XrResult travels in its Error, so a
// caller tells XR_ERROR_SESSION_LOST apart on a Result without catching an XrException first.
#include <catch2/catch.hpp>

#include "xr/xr_check.h"

using namespace meeloop;

TEST_CASE("a failed OpenXR call's Error carries its XrResult, read back with xr_result", "[xr]") {
  // A real call that fails with no runtime and no headset: the loader knows no such layer.
  auto enumerate = xr::catch_xr<uint32_t>([] {
    uint32_t n = 0;
    MEELOOP_XR_CHECK(xrEnumerateInstanceExtensionProperties("XR_APILAYER_MEELOOP_not_there", 0, &n, nullptr));
    return n;
  });
  REQUIRE_FALSE(enumerate);
  CHECK(xr::xr_result(enumerate.error()) == XR_ERROR_API_LAYER_NOT_PRESENT);
  CHECK(enumerate.error().message.find("XR_ERROR_API_LAYER_NOT_PRESENT") != std::string::npos);
  // A lost session is told apart on the Result, with no exception to catch.
  auto lost = xr::catch_xr<int>([]() -> int {
    MEELOOP_XR_CHECK(XR_ERROR_SESSION_LOST);
    return 0;
  });
  REQUIRE_FALSE(lost);
  CHECK(xr::xr_result(lost.error()) == XR_ERROR_SESSION_LOST);
  // A thrown XrException carries the same Error.
  try {
    MEELOOP_XR_CHECK(XR_ERROR_INSTANCE_LOST);
    FAIL("expected an XrException");
  } catch (const xr::XrException& e) {
    CHECK(xr::xr_result(e.error()) == XR_ERROR_INSTANCE_LOST);
  }
  // A qualified success is no failure.
  auto unfocused = xr::catch_xr<int>([]() -> int {
    MEELOOP_XR_CHECK(XR_SESSION_NOT_FOCUSED);
    return 1;
  });
  CHECK(unfocused);
  // Errors that no OpenXR call made carry no XrResult, a Vulkan one's code included.
  CHECK_FALSE(xr::xr_result(failure("the disk is full")));
  Error vk = failure("vkQueueSubmit(...) failed");
  vk.api_result = {Api::Vulkan, -4};
  CHECK_FALSE(xr::xr_result(vk));
}
