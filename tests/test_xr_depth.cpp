// The depth layer (XR_KHR_composition_layer_depth) through the headless OpenXR runtime, with the
// OpenXR core validation layer and Vulkan validation on: headset play of huiskamer submits each
// eye's scene depth with the renderer's near/far planes, the values are plausible for the room,
// and the runtime rejects malformed depth infos with the spec's error codes.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stb_image.h>  // implementation lives in Debian's libstb

#include "core/log.h"
#include "fixtures/render_world.h"
#include "gpu/commands.h"
#include "gpu/context.h"
#include "render/camera.h"
#include "render/renderer.h"
#include "scene/scene_loader.h"
#include "test_xr_play_util.h"
#include "test_xr_runtime_client.h"
#include "xr/player.h"
#include "xr/system.h"
#include "test_render_options.h"

namespace meeloop::xrtest {
namespace {

std::vector<nlohmann::json> trace_events(const std::filesystem::path& file, const std::string& event) {
  std::vector<nlohmann::json> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (auto j = nlohmann::json::parse(line, nullptr, false); !j.is_discarded() && j.value("event", "") == event)
      out.push_back(j);
  return out;
}

// Mean and spread of a greyscale PNG's values.
struct GreyStats {
  double mean = 0, min = 255, max = 0;
  int width = 0, height = 0;
};
GreyStats grey_stats(const std::filesystem::path& file) {
  GreyStats g;
  int comp = 0;
  unsigned char* px = stbi_load(file.c_str(), &g.width, &g.height, &comp, 1);
  REQUIRE(px != nullptr);
  const size_t n = size_t(g.width) * size_t(g.height);
  for (size_t i = 0; i < n; ++i) {
    g.mean += px[i];
    g.min = std::min<double>(g.min, px[i]);
    g.max = std::max<double>(g.max, px[i]);
  }
  g.mean /= double(n);
  stbi_image_free(px);
  return g;
}

// One layer of a target's kept depth, as window depth per pixel.
std::vector<float> read_kept_depth(const gpu::Context& ctx, const render::RenderTarget& t, uint32_t layer) {
  REQUIRE(t.kept_depth());
  REQUIRE(t.kept_depth_layout() == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
  const VkDeviceSize bytes = VkDeviceSize(t.width()) * t.height() * 4;
  gpu::Buffer buf = gpu::create_buffer(ctx.device(), bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::Readback,
                                       "test depth read-back");
  gpu::run_once(ctx.device(), [&](VkCommandBuffer cmd) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, layer, 1};
    region.imageExtent = {t.width(), t.height(), 1};
    vkCmdCopyImageToBuffer(cmd, t.kept_depth()->image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buf.buffer, 1, &region);
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_HOST_READ_BIT};
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
  });
  std::vector<float> out(size_t(t.width()) * t.height());
  std::memcpy(out.data(), buf.mapped, size_t(bytes));
  return out;
}

// Eye-space distance of window depth `d` under render/camera.h's projection.
double metres(double d) {
  const double n = render::kNearPlane, f = render::kFarPlane;
  return 1.0 / (1.0 / n - d * (1.0 / n - 1.0 / f));
}

}  // namespace

TEST_CASE("xr depth: a render target keeps each view's depth at 1x and at 4x MSAA (sample 0), per view and multiview", "[xr]") {
  Log log(LogLevel::Warn);
  gpu::ContextConfig cc = gpu::context_config(test::settings());
  cc.instance.validation = true;  // on even when started by hand, as the runtime tests are
  auto ctx = gpu::create_context(log, cc);
  REQUIRE(ctx);
  const scene::World world = test::make_render_world();
  const uint32_t w = 160, h = 120;
  // Two different views (front, side), so a layer mix-up shows.
  std::array<render::View, 2> views{render::view_from_viewpoint(world.viewpoints[0], float(w) / float(h)),
                                    render::view_from_viewpoint(world.viewpoints[1], float(w) / float(h))};
  // The centre of the red box's face towards each view (+Z for the front, +X for the side; the
  // box is a unit cube turned 20 degrees).
  const scene::Instance& red = world.instances[1];
  REQUIRE(red.id == "red");
  const glm::vec3 faces[2] = {glm::vec3(red.transform * glm::vec4(0, 0, 0.5f, 1)),
                              glm::vec3(red.transform * glm::vec4(0.5f, 0, 0, 1))};
  struct Config {
    uint32_t samples;
    render::MultiviewMode multiview;
  };
  for (const Config cfg : {Config{1, render::MultiviewMode::Off}, Config{4, render::MultiviewMode::Off},
                           Config{1, render::MultiviewMode::On}, Config{4, render::MultiviewMode::On}}) {
    render::RendererOptions ro = test::renderer_options();
    ro.samples = cfg.samples;
    ro.multiview = cfg.multiview;
    ro.detail = render::Detail::Full;
    auto r = render::Renderer::create(**ctx, ro);
    REQUIRE(r);
    INFO((*r)->samples() << "x, " << ((*r)->uses_multiview() ? "multiview" : "one pass per view"));
    auto scene = (*r)->upload(world);
    REQUIRE(scene);
    auto plain = (*r)->create_target(w, h, 2);
    REQUIRE(plain);
    CHECK_FALSE(plain->kept_depth());  // no depth kept (nor its cost) unless asked for
    auto t = (*r)->create_target(w, h, 2, true);
    REQUIRE(t);
    REQUIRE((*r)->render(**scene, views, *t));
    // Lavapipe's multiview loses clipped triangles and resolves wrongly into layers > 0
    // (render/renderer.cpp), so there only the first view is checked; hardware checks both.
    const uint32_t layers = (*r)->uses_multiview() && (*ctx)->device().is_software() ? 1 : 2;
    for (uint32_t layer = 0; layer < layers; ++layer) {
      INFO("layer " << layer);
      const std::vector<float> depth = read_kept_depth(**ctx, *t, layer);
      const glm::ivec2 px = test::pixel_of(views[layer], faces[layer], w, h);
      const double want = -(views[layer].view * glm::vec4(faces[layer], 1.0f)).z;
      const double got = metres(depth[size_t(px.y) * w + size_t(px.x)]);
      // Within 3 cm (the face is slanted across the pixel); the blue box behind is 2 m further.
      CHECK(got == Approx(want).margin(0.03));
      // The front view's top rows see only the clear colour: depth stays cleared at the far plane.
      if (layer == 0) CHECK(depth[size_t(w) / 2] == 1.0f);
    }
    if (layers == 2) CHECK(read_kept_depth(**ctx, *t, 0) != read_kept_depth(**ctx, *t, 1));
  }
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("xr depth: headset play of huiskamer submits both eyes' scene depth with the renderer's planes", "[xr]") {
  const auto dir = case_dir("depth-huiskamer");
  use_runtime(dir, "small_stereo.json", true);
  ::setenv("MEELOOP_XR_TRACE", (dir / "trace.jsonl").c_str(), 1);
  Log log(LogLevel::Warn);
  auto world = scene::load_scene_package(source_dir() / "scenes/huiskamer", test::settings().paths, log);
  REQUIRE(world);
  const scenario::Scenario sc = huiskamer();
  int validation_errors = -1;
  {
    OpenXr x = open_xr(log);
    CHECK(x.system->has_depth_layer());
    scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
    xr::PlayerOptions po;
    po.paths = test::settings().paths;
    po.eye_width = 256;
    po.eye_height = 272;
    po.max_frames = 3;
    auto report = xr::play(*x.system, *x.session, *x.gpu, *world, rt, po, log);
    REQUIRE(report);
    CHECK(report->frames_rendered >= 2);
    x.session.reset();
    validation_errors = x.gpu->validation_errors();
  }
  ::unsetenv("MEELOOP_XR_TRACE");
  ::unsetenv("MEELOOP_XR_DUMP_DIR");
  CHECK(validation_errors == 0);
  CHECK(xr_validation_report(dir).empty());

  // Every rendered frame brought depth for both eyes, with render/camera.h's planes.
  const auto depth = trace_events(dir / "trace.jsonl", "depth");
  std::map<int64_t, std::map<std::string, nlohmann::json>> by_frame;
  for (const auto& d : depth) by_frame[d["frame"].get<int64_t>()][d["eye"].get<std::string>()] = d;
  REQUIRE(by_frame.size() >= 2);
  for (const auto& [frame, eyes] : by_frame) {
    INFO("frame " << frame);
    REQUIRE(eyes.size() == 2);
    for (const auto& [eye, d] : eyes) {
      CHECK(d["format"] == int64_t(VK_FORMAT_D32_SFLOAT));
      CHECK(d["array_index"] == (eye == "left" ? 0 : 1));
      CHECK(d["min_depth"] == 0.0);
      CHECK(d["max_depth"] == 1.0);
      CHECK(d["near_z"].get<double>() == Approx(render::kNearPlane));
      CHECK(d["far_z"].get<double>() == Approx(render::kFarPlane));
      CHECK(d["ok"] == true);
    }
  }
  // The visitor stands at the entrance viewpoint (1.0, 1.6, 6.1) looking level towards the
  // table. The centre pixel of each eye (its field of view is asymmetric, so about 5 degrees
  // outwards) sees furniture or a wall: further than the near plane, nearer than the room's
  // farthest corner (8.4, 0, 0) at 9.8 m.
  const auto& last = by_frame.rbegin()->second;
  const double left = last.at("left")["centre_m"], right = last.at("right")["centre_m"];
  INFO("centre depth left " << left << " m, right " << right << " m");
  for (double m : {left, right}) {
    CHECK(m > render::kNearPlane + 0.5);
    CHECK(m < 9.8);
  }
  // A closed room: nearly every texel is nearer than the far plane (only the windows are not).
  for (const auto& [eye, d] : last) CHECK(d["covered"].get<double>() > 0.8);

  // The greyscale dump (white near, black from 10 m) shows a room, not a cleared buffer, and
  // the two eyes, 6.3 cm apart, see on average the same distances.
  std::map<std::string, GreyStats> grey;
  for (const auto& [eye, d] : last) {
    const GreyStats g = grey[eye] = grey_stats(d["file"].get<std::string>());
    CHECK(g.width == 256);
    CHECK(g.height == 272);
    CHECK(g.max - g.min > 100);
    CHECK(g.mean > 40);
  }
  INFO("mean grey left " << grey["left"].mean << ", right " << grey["right"].mean);
  CHECK(std::abs(grey["left"].mean - grey["right"].mean) < 8.0);
}

namespace {

// A colour and a depth swapchain, both two-layer, and a projection layer whose depth infos a
// case may spoil before it is submitted.
struct DepthRig : StereoLayer {
  XrClient& c;
  uint32_t width = 64, height = 48;
  XrSwapchain color = XR_NULL_HANDLE, depth = XR_NULL_HANDLE;

  XrSwapchain make(int64_t format, XrSwapchainUsageFlags usage) {
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
    REQUIRE(xrCreateSwapchain(c.session, &ci, &sc) == XR_SUCCESS);
    c.swapchains.push_back(sc);
    return sc;
  }

  explicit DepthRig(XrClient& client) : c(client) {
    color = make(VK_FORMAT_R8G8B8A8_SRGB, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT);
    depth = make(VK_FORMAT_D32_SFLOAT, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT);
  }

  static void cycle(XrSwapchain sc) {  // acquire, wait, release: the image a layer shows
    uint32_t index = 0;
    auto ai = xr_struct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
    REQUIRE(xrAcquireSwapchainImage(sc, &ai, &index) == XR_SUCCESS);
    auto wi = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
    wi.timeout = XR_INFINITE_DURATION;
    REQUIRE(xrWaitSwapchainImage(sc, &wi) == XR_SUCCESS);
    auto ri = xr_struct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
    REQUIRE(xrReleaseSwapchainImage(sc, &ri) == XR_SUCCESS);
  }

  // A well-formed layer: the renderer's planes, eye i in layer i of both swapchains.
  void build(const XrFrameState& fs) { StereoLayer::build(c, fs, color, depth, width, height, 0.05f, 200.0f); }

  // One frame whose layer `spoil` changes; returns what xrEndFrame said. A failed frame is then
  // ended well-formed, so the session stays in step.
  XrResult submit(const std::function<void(DepthRig&)>& spoil) {
    auto wi = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    auto fs = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
    REQUIRE(xrWaitFrame(c.session, &wi, &fs) == XR_SUCCESS);
    auto bi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    REQUIRE(xrBeginFrame(c.session, &bi) == XR_SUCCESS);
    REQUIRE(fs.shouldRender);
    cycle(color);
    cycle(depth);
    build(fs);
    spoil(*this);
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
    auto ei = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    ei.layerCount = 1;
    ei.layers = layers;
    const XrResult r = xrEndFrame(c.session, &ei);
    if (XR_FAILED(r)) {
      build(fs);
      REQUIRE(xrEndFrame(c.session, &ei) == XR_SUCCESS);
    }
    return r;
  }
};

}  // namespace

TEST_CASE("xr depth: the runtime rejects malformed depth infos with the spec's error codes", "[xr]") {
  XrTestEnv env("depth-malformed", "small_stereo.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));
    DepthRig rig(c);
    CHECK(rig.submit([](DepthRig&) {}) == XR_SUCCESS);
    const float nan = std::nanf("");
    const float inf = INFINITY;
    struct Case {
      const char* what;
      std::function<void(DepthRig&)> spoil;
      XrResult expected;
    };
    const Case cases[] = {
        {"minDepth above maxDepth", [](DepthRig& r) { r.depth_info[0].minDepth = 0.8f; r.depth_info[0].maxDepth = 0.2f; }, XR_ERROR_VALIDATION_FAILURE},
        {"minDepth equal to maxDepth", [](DepthRig& r) { r.depth_info[1].minDepth = r.depth_info[1].maxDepth = 0.5f; }, XR_ERROR_VALIDATION_FAILURE},
        {"maxDepth above 1", [](DepthRig& r) { r.depth_info[0].maxDepth = 1.5f; }, XR_ERROR_VALIDATION_FAILURE},
        {"minDepth below 0", [](DepthRig& r) { r.depth_info[1].minDepth = -0.1f; }, XR_ERROR_VALIDATION_FAILURE},
        {"nearZ equal to farZ", [](DepthRig& r) { r.depth_info[0].nearZ = r.depth_info[0].farZ = 1.0f; }, XR_ERROR_VALIDATION_FAILURE},
        {"nearZ zero", [](DepthRig& r) { r.depth_info[0].nearZ = 0.0f; }, XR_ERROR_VALIDATION_FAILURE},
        {"farZ negative", [](DepthRig& r) { r.depth_info[1].farZ = -5.0f; }, XR_ERROR_VALIDATION_FAILURE},
        {"nearZ NaN", [nan](DepthRig& r) { r.depth_info[0].nearZ = nan; }, XR_ERROR_VALIDATION_FAILURE},
        {"imageArrayIndex past the array", [](DepthRig& r) { r.depth_info[1].subImage.imageArrayIndex = 2; }, XR_ERROR_VALIDATION_FAILURE},
        {"imageRect outside the image", [](DepthRig& r) { r.depth_info[0].subImage.imageRect.extent.width = 65; }, XR_ERROR_SWAPCHAIN_RECT_INVALID},
        {"a colour swapchain as depth", [](DepthRig& r) { r.depth_info[0].subImage.swapchain = r.color; }, XR_ERROR_VALIDATION_FAILURE},
        {"depth on one eye only", [](DepthRig& r) { r.proj[1].next = nullptr; }, XR_ERROR_VALIDATION_FAILURE},
    };
    for (const Case& k : cases) {
      INFO(k.what);
      CHECK(rig.submit(k.spoil) == k.expected);
    }
    // Reversed depth with an infinite far plane is well-formed: nearZ (at minDepth) infinite.
    CHECK(rig.submit([inf](DepthRig& r) {
      for (auto& i : r.depth_info) {
        i.nearZ = inf;
        i.farZ = 0.05f;
      }
    }) == XR_SUCCESS);
  }
  CHECK(env.validation_report().empty());
  // Each refusal is in the trace with its reason.
  std::string errors;
  for (const auto& line : env.trace())
    if (line.find("\"error\"") != std::string::npos) errors += line + "\n";
  CHECK(errors.find("minDepth < maxDepth") != std::string::npos);
  CHECK(errors.find("nearZ and farZ") != std::string::npos);
  CHECK(errors.find("one view of the layer but not on the other") != std::string::npos);
}

}  // namespace meeloop::xrtest
