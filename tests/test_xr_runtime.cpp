// The headless OpenXR runtime (tools/xr-runtime) through the real loader, the OpenXR core
// validation layer and Vulkan validation: loading, frames and PNG dumps, view poses.
// Input, lifecycle and error codes are in test_xr_runtime_session.cpp.
#include <algorithm>
#include <array>
#include <cmath>

#include <catch2/catch.hpp>
#include <stb_image.h>  // implementation lives in Debian's libstb

#include "test_xr_runtime_client.h"

using namespace meeloop::xrtest;

#define XR_CHECK(call) REQUIRE(XR_SUCCEEDED(call))

namespace {

// A two-layer (multiview) sRGB colour swapchain and a matching depth swapchain; each frame
// clears the left eye red and the right eye blue and submits a projection layer with depth.
struct StereoRenderer : StereoLayer {
  XrClient& c;
  uint32_t width = 0, height = 0;
  XrSwapchain color = XR_NULL_HANDLE, depth = XR_NULL_HANDLE;
  std::vector<VkImage> color_images, depth_images;

  XrSwapchain make(int64_t format, XrSwapchainUsageFlags usage, std::vector<VkImage>& images) {
    auto ci = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    ci.usageFlags = usage;
    ci.format = format;
    ci.sampleCount = 1;
    ci.width = width;
    ci.height = height;
    ci.faceCount = 1;
    ci.arraySize = 2;
    ci.mipCount = 1;
    XrSwapchain sc = XR_NULL_HANDLE;
    XR_CHECK(xrCreateSwapchain(c.session, &ci, &sc));
    c.swapchains.push_back(sc);
    uint32_t n = 0;
    XR_CHECK(xrEnumerateSwapchainImages(sc, 0, &n, nullptr));
    std::vector<XrSwapchainImageVulkan2KHR> imgs(n, xr_struct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
    XR_CHECK(xrEnumerateSwapchainImages(sc, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(imgs.data())));
    for (auto& i : imgs) images.push_back(i.image);
    return sc;
  }

  explicit StereoRenderer(XrClient& client) : c(client) {
    uint32_t n = 0;
    XR_CHECK(xrEnumerateViewConfigurationViews(c.instance, c.system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &n, nullptr));
    REQUIRE(n == 2);
    std::vector<XrViewConfigurationView> cfg(n, xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    XR_CHECK(xrEnumerateViewConfigurationViews(c.instance, c.system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, n, &n, cfg.data()));
    width = cfg[0].recommendedImageRectWidth;
    height = cfg[0].recommendedImageRectHeight;
    XR_CHECK(xrEnumerateSwapchainFormats(c.session, 0, &n, nullptr));
    std::vector<int64_t> formats(n);
    XR_CHECK(xrEnumerateSwapchainFormats(c.session, n, &n, formats.data()));
    REQUIRE(std::count(formats.begin(), formats.end(), VK_FORMAT_R8G8B8A8_SRGB) == 1);
    REQUIRE(std::count(formats.begin(), formats.end(), VK_FORMAT_D32_SFLOAT) == 1);
    color = make(VK_FORMAT_R8G8B8A8_SRGB, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, color_images);
    depth = make(VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, depth_images);
  }

  static uint32_t acquire(XrSwapchain sc) {
    uint32_t index = 0;
    auto ai = xr_struct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
    XR_CHECK(xrAcquireSwapchainImage(sc, &ai, &index));
    auto wi = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
    wi.timeout = XR_INFINITE_DURATION;
    XR_CHECK(xrWaitSwapchainImage(sc, &wi));
    return index;
  }

  static void release(XrSwapchain sc) {
    auto ri = xr_struct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
    XR_CHECK(xrReleaseSwapchainImage(sc, &ri));
  }

  void clear(VkImage image) {
    c.submit([&](VkCommandBuffer cmd) {
      VkImageMemoryBarrier b{};
      b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // what the runtime hands out
      b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = image;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 2};
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                           nullptr, 0, nullptr, 1, &b);
      const VkClearColorValue red{{1, 0, 0, 1}}, blue{{0, 0, 1, 1}};
      const VkImageSubresourceRange left{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1}, right{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 1, 1};
      vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &red, 1, &left);
      vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &blue, 1, &right);
      b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // what the spec wants back on release
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                           nullptr, 0, nullptr, 1, &b);
    });
  }

  std::vector<const XrCompositionLayerBaseHeader*> render(const XrFrameState& fs) {
    clear(color_images[acquire(color)]);
    release(color);
    acquire(depth);  // contents unused; submitted to exercise XR_KHR_composition_layer_depth
    release(depth);
    build(c, fs, color, depth, width, height, 0.05f, 100.0f);
    return {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
  }
};

// Centre pixel of a PNG as RGBA.
std::array<int, 4> centre_pixel(const std::filesystem::path& file, int& w, int& h) {
  int comp = 0;
  unsigned char* px = stbi_load(file.c_str(), &w, &h, &comp, 4);
  REQUIRE(px != nullptr);
  const unsigned char* p = px + (size_t(h / 2) * size_t(w) + size_t(w / 2)) * 4;
  std::array<int, 4> rgba{p[0], p[1], p[2], p[3]};
  stbi_image_free(px);
  return rgba;
}

}  // namespace

// A deliberate misuse the layer must catch: proves the layer sits in the chain and writes to
// this test's report file (so the "report is empty" checks elsewhere mean something).
namespace {
void provoke_core_validation(XrInstance instance) {
  XrSystemGetInfo bad{};
  bad.type = XR_TYPE_SESSION_BEGIN_INFO;
  bad.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  CHECK(XR_FAILED(xrGetSystem(instance, &bad, &system)));
}
}  // namespace

TEST_CASE("the loader loads the headless runtime, with the core validation layer in the chain", "[xr]") {
  XrTestEnv env("load", "");
  {
    XrClient c;
    auto props = xr_struct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    XR_CHECK(xrGetInstanceProperties(c.instance, &props));
    CHECK(std::string(props.runtimeName) == "Meeloop headless runtime");
    auto sp = xr_struct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
    XR_CHECK(xrGetSystemProperties(c.instance, c.system, &sp));
    CHECK(sp.trackingProperties.positionTracking == XR_TRUE);
    char name[XR_MAX_RESULT_STRING_SIZE];
    XR_CHECK(xrResultToString(c.instance, XR_ERROR_CALL_ORDER_INVALID, name));
    CHECK(std::string(name) == "XR_ERROR_CALL_ORDER_INVALID");
    XrPath path = XR_NULL_PATH;
    XR_CHECK(xrStringToPath(c.instance, "/user/hand/left", &path));
    char buf[64];
    uint32_t n = 0;
    XR_CHECK(xrPathToString(c.instance, path, sizeof buf, &n, buf));
    CHECK(std::string(buf) == "/user/hand/left");
    CHECK(xrStringToPath(c.instance, "/user//hand", &path) == XR_ERROR_PATH_FORMAT_INVALID);
    provoke_core_validation(c.instance);
  }
  CHECK(env.validation_report().find("VUID-XrSystemGetInfo-type-type") != std::string::npos);
  // A second instance in the same process reports into its own, new file.
  XrTestEnv env2("load-again", "");
  CHECK(env2.validation_report().empty());
  {
    XrClient c;
    provoke_core_validation(c.instance);
  }
  CHECK(env2.validation_report().find("VUID-XrSystemGetInfo-type-type") != std::string::npos);
}

TEST_CASE("submitted frames are dumped per eye: left red, right blue", "[xr]") {
  XrTestEnv env("frames", "small_stereo.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));
    StereoRenderer r(c);
    CHECK(r.width == 96);
    CHECK(r.height == 80);
    int rendered = 0;
    for (int i = 0; i < 3; ++i) {
      const XrFrameState fs = c.frame([&](const XrFrameState& f) { ++rendered; return r.render(f); });
      CHECK(fs.shouldRender == XR_TRUE);
      CHECK(fs.predictedDisplayPeriod == Approx(1e9 / 90).epsilon(0.001));
    }
    CHECK(rendered == 3);
    INFO([&] { std::string all; for (auto& m : c.vulkan_messages) all += m + "\n"; return all; }());
    CHECK(c.vulkan_messages.empty());
  }
  std::vector<std::filesystem::path> left, right;
  if (std::filesystem::exists(env.dump_dir))
    for (const auto& e : std::filesystem::directory_iterator(env.dump_dir)) {
      const std::string name = e.path().filename().string();
      // Depth images (frame_N_<eye>_depth.png) are checked in test_xr_depth.
      if (name.ends_with("_left.png")) left.push_back(e.path());
      else if (name.ends_with("_right.png")) right.push_back(e.path());
    }
  REQUIRE(left.size() == 3);
  REQUIRE(right.size() == 3);
  for (const auto& f : left) {
    int w = 0, h = 0;
    CHECK(centre_pixel(f, w, h) == std::array<int, 4>{255, 0, 0, 255});
    CHECK((w == 96 && h == 80));
  }
  for (const auto& f : right) {
    int w = 0, h = 0;
    CHECK(centre_pixel(f, w, h) == std::array<int, 4>{0, 0, 255, 255});
  }
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("xrLocateViews follows the scripted head, eyes an IPD apart", "[xr]") {
  XrTestEnv env("views", "head_walk.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));
    // Frame times are simulated: frame n is displayed at t0 + n periods.
    const XrFrameState fs = c.frame();
    const double period = double(fs.predictedDisplayPeriod);
    const XrTime t5 = fs.predictedDisplayTime + XrTime(std::llround((5 - double(c.frames - 1)) * period));
    auto vs = xr_struct<XrViewState>(XR_TYPE_VIEW_STATE);
    auto li = xr_struct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    li.displayTime = t5;
    li.space = c.stage;
    XrView views[2] = {xr_struct<XrView>(XR_TYPE_VIEW), xr_struct<XrView>(XR_TYPE_VIEW)};
    uint32_t n = 0;
    XR_CHECK(xrLocateViews(c.session, &li, &vs, 2, &n, views));
    REQUIRE(n == 2);
    CHECK((vs.viewStateFlags & XR_VIEW_STATE_POSITION_TRACKED_BIT) != 0);
    // Halfway along the walk. Yawed 90 degrees the head's +X axis points along -Z, so the left
    // eye (-IPD/2 on that axis) sits at +Z and the right eye at -Z.
    for (const XrView& v : views) {
      CHECK(v.pose.position.x == Approx(0.5).margin(1e-4));
      CHECK(v.pose.position.y == Approx(1.6).margin(1e-4));
      CHECK(v.fov.angleLeft < 0);
      CHECK(v.fov.angleRight > 0);
    }
    CHECK(views[0].pose.position.z == Approx(0.0315).margin(1e-4));
    CHECK(views[1].pose.position.z == Approx(-0.0315).margin(1e-4));
    // In VIEW space the eyes sit on the X axis, IPD apart.
    li.space = c.view;
    XR_CHECK(xrLocateViews(c.session, &li, &vs, 2, &n, views));
    CHECK(views[0].pose.position.x == Approx(-0.0315).margin(1e-4));
    CHECK(views[1].pose.position.x == Approx(0.0315).margin(1e-4));
    // The VIEW space itself, seen from STAGE: the head.
    auto loc = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    XR_CHECK(xrLocateSpace(c.view, c.stage, t5, &loc));
    CHECK(loc.pose.position.x == Approx(0.5).margin(1e-4));
    CHECK(std::fabs(loc.pose.orientation.y) == Approx(std::sqrt(0.5)).margin(1e-4));
    XrExtent2Df bounds{};
    XR_CHECK(xrGetReferenceSpaceBoundsRect(c.session, XR_REFERENCE_SPACE_TYPE_STAGE, &bounds));
    CHECK(bounds.width > 0);
    CHECK(c.vulkan_messages.empty());
  }
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}
