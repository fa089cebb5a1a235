// The headless OpenXR runtime (tools/xr-runtime) through the real loader, the OpenXR core
// validation layer and Vulkan validation: loading, frames and PNG dumps, view poses, swapchain
// usage (exactly what was asked for) and the swapchains it refuses.
// Input, lifecycle and error codes are in test_xr_runtime_session.cpp.
#include <algorithm>
#include <array>
#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
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

// Swapchain usage: the runtime grants exactly what XR_KHR_vulkan_enable2's table maps the
// requested XrSwapchainUsageFlags to (a conformant runtime may do no more), so an application
// that uses an image beyond what it asked for meets the Vulkan validation layer in these tests.
namespace {

XrResult create_swapchain(XrClient& c, int64_t format, XrSwapchainUsageFlags usage, XrSwapchain& out,
                          XrSwapchainCreateFlags create_flags = 0) {
  auto ci = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  ci.createFlags = create_flags;
  ci.usageFlags = usage;
  ci.format = format;
  ci.sampleCount = 1;
  ci.width = 64;
  ci.height = 32;
  ci.faceCount = 1;
  ci.arraySize = 2;
  ci.mipCount = 1;
  out = XR_NULL_HANDLE;
  const XrResult r = xrCreateSwapchain(c.session, &ci, &out);
  if (XR_SUCCEEDED(r)) c.swapchains.push_back(out);
  return r;
}

std::vector<nlohmann::json> trace_events(const XrTestEnv& env, const std::string& event) {
  std::vector<nlohmann::json> out;
  for (const std::string& line : env.trace()) {
    auto j = nlohmann::json::parse(line);
    if (j["event"] == event) out.push_back(j);
  }
  return out;
}

// Acquires an image of colour swapchain `sc` and takes it to TRANSFER_SRC_OPTIMAL and back,
// as a mirror copying the eye out does.
void barrier_to_transfer_source(XrClient& c, XrSwapchain sc) {
  uint32_t n = 0;
  XR_CHECK(xrEnumerateSwapchainImages(sc, 0, &n, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(n, xr_struct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  XR_CHECK(xrEnumerateSwapchainImages(sc, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  const uint32_t index = StereoRenderer::acquire(sc);
  c.submit([&](VkCommandBuffer cmd) {
    VkImageMemoryBarrier b{};
    b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = images.at(index).image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
    std::swap(b.oldLayout, b.newLayout);
    std::swap(b.srcAccessMask, b.dstAccessMask);
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
  });
  StereoRenderer::release(sc);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& m : lines) all += m + "\n";
  return all;
}

}  // namespace

TEST_CASE("swapchain images have exactly the usage asked for, so a copy out of one that did not ask is a Vulkan validation error",
          "[xr]") {
  XrTestEnv env("usage-exact", "");
  ::unsetenv("MEELOOP_XR_DUMP_DIR");  // the dump's read-back is the one reason to add usage
  struct Case {
    int64_t format;
    XrSwapchainUsageFlags usage;
    VkImageUsageFlags image_usage;
    VkImageCreateFlags create_flags;
  };
  const Case cases[] = {
      {VK_FORMAT_R8G8B8A8_SRGB, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT,
       VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT, 0},
      {VK_FORMAT_R8G8B8A8_SRGB,
       XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT,
       VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT, 0},
      {VK_FORMAT_R8G8B8A8_UNORM,
       XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT | XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT,
       VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT, VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT},
      {VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, 0},
      {VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT,
       VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT, 0},
  };
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    std::vector<XrSwapchain> made;
    for (const Case& k : cases) {
      XrSwapchain sc = XR_NULL_HANDLE;
      CHECK(create_swapchain(c, k.format, k.usage, sc) == XR_SUCCESS);
      made.push_back(sc);
    }
    // The runtime reports what it created each swapchain's images with.
    const auto created = trace_events(env, "swapchain");
    REQUIRE(created.size() == std::size(cases));
    for (size_t i = 0; i < created.size(); ++i) {
      INFO(created[i].dump());
      CHECK(created[i]["format"] == cases[i].format);
      CHECK(created[i]["usage_flags"] == cases[i].usage);
      CHECK(created[i]["image_usage"] == cases[i].image_usage);
      CHECK(created[i]["image_create_flags"] == cases[i].create_flags);
      CHECK(created[i]["runtime_usage"] == 0);
    }
    CHECK(created[0]["image_usage_names"] == nlohmann::json{"TRANSFER_DST", "COLOR_ATTACHMENT"});
    INFO(joined(c.vulkan_messages));
    REQUIRE(c.vulkan_messages.empty());
    // What the operator mirror did with a swapchain that asked for colour attachment and
    // transfer destination only: the Vulkan validation layer now sees it.
    barrier_to_transfer_source(c, made[0]);
    CHECK(joined(c.vulkan_messages).find("VUID-VkImageMemoryBarrier-oldLayout-01212") != std::string::npos);
    c.vulkan_messages.clear();
    barrier_to_transfer_source(c, made[1]);  // asked for it: fine
    CHECK(c.vulkan_messages.empty());
  }
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("while dumping frames the runtime adds transfer-source usage for its own read-back and says so in the trace",
          "[xr]") {
  XrTestEnv env("usage-dump", "");  // dumps into env.dump_dir
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    XrSwapchain sc = XR_NULL_HANDLE;
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB,
                           XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, sc) == XR_SUCCESS);
    CHECK(create_swapchain(c, VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, sc) == XR_SUCCESS);
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB,
                           XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT, sc) == XR_SUCCESS);
    CHECK(c.vulkan_messages.empty());
  }
  const auto created = trace_events(env, "swapchain");
  REQUIRE(created.size() == 3);
  for (size_t i = 0; i < 2; ++i) {
    INFO(created[i].dump());
    CHECK(created[i]["runtime_usage"] == VK_IMAGE_USAGE_TRANSFER_SRC_BIT);
    CHECK((created[i]["image_usage"].get<uint32_t>() & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0);
    CHECK(created[i]["runtime_usage_why"].get<std::string>().find("MEELOOP_XR_DUMP_DIR") != std::string::npos);
  }
  CHECK(created[2]["runtime_usage"] == 0);  // asked for already: nothing added
  CHECK_FALSE(created[2].contains("runtime_usage_why"));
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("xrCreateSwapchain refuses usage and formats it cannot grant with the spec's error codes and says why", "[xr]") {
  XrTestEnv env("usage-refused", "");
  ::unsetenv("MEELOOP_XR_DUMP_DIR");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    XrSwapchain sc = XR_NULL_HANDLE;
    const XrSwapchainUsageFlags color = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    const XrSwapchainUsageFlags depth = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    // Not offered by xrEnumerateSwapchainFormats.
    CHECK(create_swapchain(c, VK_FORMAT_R5G6B5_UNORM_PACK16, color, sc) == XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    // Images are handed over in the attachment layout, which Vulkan allows only with
    // attachment usage: a swapchain without it could not be used without validation errors.
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB,
                           XR_SWAPCHAIN_USAGE_SAMPLED_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, sc) ==
          XR_ERROR_FEATURE_UNSUPPORTED);
    CHECK(create_swapchain(c, VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, sc) == XR_ERROR_FEATURE_UNSUPPORTED);
    // Attachment kinds that do not fit the format.
    CHECK(create_swapchain(c, VK_FORMAT_D32_SFLOAT, depth | color, sc) == XR_ERROR_FEATURE_UNSUPPORTED);
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB, color | depth, sc) == XR_ERROR_FEATURE_UNSUPPORTED);
    // Storage on a format whose device cannot store to it.
    VkFormatProperties fp{};
    vkGetPhysicalDeviceFormatProperties(c.physical, VK_FORMAT_R8G8B8A8_SRGB, &fp);
    const bool storable = fp.optimalTilingFeatures & VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT;
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB, color | XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT, sc) ==
          (storable ? XR_SUCCESS : XR_ERROR_FEATURE_UNSUPPORTED));
    // The input-attachment bit belongs to an extension this runtime does not offer.
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB, color | XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_KHR, sc) ==
          XR_ERROR_FEATURE_UNSUPPORTED);
    // Protected content is a create flag this runtime does not implement.
    CHECK(create_swapchain(c, VK_FORMAT_R8G8B8A8_SRGB, color, sc, XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT) ==
          XR_ERROR_FEATURE_UNSUPPORTED);
    CHECK(c.vulkan_messages.empty());
  }
  const auto errors = trace_events(env, "error");
  const auto said = [&](const std::string& what) {
    for (const auto& e : errors)
      if (e["function"] == "xrCreateSwapchain" && e["message"].get<std::string>().find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(said("needs XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT"));
  CHECK(said("needs XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT"));
  CHECK(said("cannot be a colour attachment"));
  CHECK(said("cannot be a depth attachment"));
  CHECK(said("protected content"));
  CHECK(said("no XR_KHR_swapchain_usage_input_attachment_bit"));
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}
