// The headless OpenXR runtime: scripted input and haptics, the session state machine, and the
// error codes the spec prescribes for calls out of order.
#include <algorithm>

#include <catch2/catch.hpp>

#include "test_xr_runtime_client.h"

using namespace meeloop::xrtest;

#define XR_CHECK(call) REQUIRE(XR_SUCCEEDED(call))

namespace {

XrPath path(const XrClient& c, const char* s) {
  XrPath p = XR_NULL_PATH;
  XR_CHECK(xrStringToPath(c.instance, s, &p));
  return p;
}

XrAction make_action(XrActionSet set, const char* name, XrActionType type, const std::vector<XrPath>& subactions) {
  auto ci = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::snprintf(ci.actionName, sizeof ci.actionName, "%s", name);
  std::snprintf(ci.localizedActionName, sizeof ci.localizedActionName, "%s", name);
  ci.actionType = type;
  ci.countSubactionPaths = uint32_t(subactions.size());
  ci.subactionPaths = subactions.data();
  XrAction a = XR_NULL_HANDLE;
  XR_CHECK(xrCreateAction(set, &ci, &a));
  return a;
}

XrResult suggest(const XrClient& c, const char* profile, const std::vector<std::pair<XrAction, const char*>>& list) {
  std::vector<XrActionSuggestedBinding> b;
  for (auto& [a, p] : list) b.push_back({a, path(c, p)});
  auto s = xr_struct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
  s.interactionProfile = path(c, profile);
  s.countSuggestedBindings = uint32_t(b.size());
  s.suggestedBindings = b.data();
  return xrSuggestInteractionProfileBindings(c.instance, &s);
}

bool trace_has(const XrTestEnv& env, const std::string& a, const std::string& b = "") {
  for (const std::string& line : env.trace())
    if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a scripted select press reaches the action, and haptic pulses are recorded", "[xr]") {
  XrTestEnv env("actions", "select_press.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    auto si = xr_struct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
    std::snprintf(si.actionSetName, sizeof si.actionSetName, "gameplay");
    std::snprintf(si.localizedActionSetName, sizeof si.localizedActionSetName, "Gameplay");
    XrActionSet set = XR_NULL_HANDLE;
    XR_CHECK(xrCreateActionSet(c.instance, &si, &set));
    c.action_sets.push_back(set);
    const XrPath left = path(c, "/user/hand/left"), right = path(c, "/user/hand/right");
    XrAction select = make_action(set, "select", XR_ACTION_TYPE_BOOLEAN_INPUT, {left, right});
    XrAction move = make_action(set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT, {left, right});
    XrAction grip = make_action(set, "grip", XR_ACTION_TYPE_POSE_INPUT, {left, right});
    XrAction buzz = make_action(set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT, {left, right});
    // A binding the profile does not have is refused.
    CHECK(suggest(c, "/interaction_profiles/khr/simple_controller", {{select, "/user/hand/left/input/a/click"}}) ==
          XR_ERROR_PATH_UNSUPPORTED);
    XR_CHECK(suggest(c, "/interaction_profiles/khr/simple_controller",
                     {{select, "/user/hand/left/input/select/click"}, {select, "/user/hand/right/input/select/click"},
                      {grip, "/user/hand/right/input/grip/pose"}, {buzz, "/user/hand/right/output/haptic"}}));
    // Touch wins as the emulated controller; select binds to the trigger's value there.
    XR_CHECK(suggest(c, "/interaction_profiles/oculus/touch_controller",
                     {{select, "/user/hand/left/input/trigger/value"}, {select, "/user/hand/right/input/trigger"},
                      {move, "/user/hand/right/input/thumbstick"}, {grip, "/user/hand/right/input/grip/pose"},
                      {buzz, "/user/hand/right/output/haptic"}, {buzz, "/user/hand/left/output/haptic"}}));
    auto ai = xr_struct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
    ai.countActionSets = 1;
    ai.actionSets = &set;
    XR_CHECK(xrAttachSessionActionSets(c.session, &ai));
    CHECK(xrAttachSessionActionSets(c.session, &ai) == XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
    auto ps = xr_struct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
    XR_CHECK(xrGetCurrentInteractionProfile(c.session, right, &ps));
    CHECK(ps.interactionProfile == path(c, "/interaction_profiles/oculus/touch_controller"));
    auto be = xr_struct<XrBoundSourcesForActionEnumerateInfo>(XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO);
    be.action = select;
    uint32_t n = 0;
    XR_CHECK(xrEnumerateBoundSourcesForAction(c.session, &be, 0, &n, nullptr));
    REQUIRE(n == 2);
    std::vector<XrPath> sources(n);
    XR_CHECK(xrEnumerateBoundSourcesForAction(c.session, &be, n, &n, sources.data()));
    CHECK(std::count(sources.begin(), sources.end(), path(c, "/user/hand/right/input/trigger/value")) == 1);
    auto ln = xr_struct<XrInputSourceLocalizedNameGetInfo>(XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO);
    ln.sourcePath = path(c, "/user/hand/right/input/trigger/value");
    ln.whichComponents = XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT | XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT;
    char name[128];
    XR_CHECK(xrGetInputSourceLocalizedName(c.session, &ln, sizeof name, &n, name));
    CHECK(std::string(name) == "Right Hand trigger value");
    auto asi = xr_struct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    asi.action = grip;
    asi.subactionPath = right;
    asi.poseInActionSpace.orientation.w = 1;
    XrSpace grip_space = XR_NULL_HANDLE;
    XR_CHECK(xrCreateActionSpace(c.session, &asi, &grip_space));
    REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));

    int64_t pressed_at = -1, released_at = -1;
    bool left_ever = false;
    XrVector2f stick{0, 0};
    for (int i = 0; i < 30; ++i) {
      const XrFrameState fs = c.frame();
      const int64_t frame = c.frames - 1;
      XrActiveActionSet active{set, XR_NULL_PATH};
      auto sync = xr_struct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
      sync.countActiveActionSets = 1;
      sync.activeActionSets = &active;
      REQUIRE(xrSyncActions(c.session, &sync) == XR_SUCCESS);
      auto gi = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
      gi.action = select;
      gi.subactionPath = right;
      auto st = xr_struct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
      XR_CHECK(xrGetActionStateBoolean(c.session, &gi, &st));
      CHECK(st.isActive == XR_TRUE);
      if (st.currentState && st.changedSinceLastSync) {
        pressed_at = frame;
        auto hi = xr_struct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
        hi.action = buzz;
        hi.subactionPath = right;
        auto v = xr_struct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
        v.duration = 20'000'000;
        v.frequency = XR_FREQUENCY_UNSPECIFIED;
        v.amplitude = 0.8f;
        XR_CHECK(xrApplyHapticFeedback(c.session, &hi, reinterpret_cast<const XrHapticBaseHeader*>(&v)));
      }
      if (!st.currentState && st.changedSinceLastSync) released_at = frame;
      gi.subactionPath = left;
      XR_CHECK(xrGetActionStateBoolean(c.session, &gi, &st));
      left_ever = left_ever || st.currentState;
      gi.action = move;
      gi.subactionPath = right;
      auto mv = xr_struct<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
      XR_CHECK(xrGetActionStateVector2f(c.session, &gi, &mv));
      stick = mv.currentState;
      if (frame == 15) {
        auto loc = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
        XR_CHECK(xrLocateSpace(grip_space, c.stage, fs.predictedDisplayTime, &loc));
        CHECK((loc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0);
        CHECK(loc.pose.position.x == Approx(0.3).margin(1e-4));
        CHECK(loc.pose.position.z == Approx(-0.4).margin(1e-4));
      }
      // The wrong getter for the action's type is an error.
      gi.action = select;
      auto fl = xr_struct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
      CHECK(xrGetActionStateFloat(c.session, &gi, &fl) == XR_ERROR_ACTION_TYPE_MISMATCH);
    }
    CHECK(pressed_at == 10);
    CHECK(released_at == 20);
    CHECK_FALSE(left_ever);
    CHECK(stick.y == Approx(0.75));
    xrDestroySpace(grip_space);
    CHECK(c.vulkan_messages.empty());
  }
  CHECK(trace_has(env, "\"haptic\"", "\"subaction\":\"/user/hand/right\""));
  CHECK(trace_has(env, "\"haptic\"", "\"frame\":10"));
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("scripted focus loss and exit request walk the session state machine", "[xr]") {
  XrTestEnv env("lifecycle", "lifecycle.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    for (int i = 0; i < 40 && c.state != XR_SESSION_STATE_EXITING; ++i) {
      c.poll();
      if (c.state == XR_SESSION_STATE_READY && !c.running) {
        auto bi = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
        bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        XR_CHECK(xrBeginSession(c.session, &bi));
        c.running = true;
      }
      if (c.state == XR_SESSION_STATE_STOPPING && c.running) {
        XR_CHECK(xrEndSession(c.session));
        c.running = false;
      }
      if (c.running) c.frame();
    }
    std::string seen;
    for (XrSessionState s : c.states) seen += state_name(s) + " ";
    CHECK(seen == "IDLE READY SYNCHRONIZED VISIBLE FOCUSED VISIBLE FOCUSED VISIBLE SYNCHRONIZED STOPPING IDLE EXITING ");
    CHECK(c.vulkan_messages.empty());
  }
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("a scripted session loss gives LOSS_PENDING, then XR_ERROR_SESSION_LOST", "[xr]") {
  XrTestEnv env("exit", "session_loss.json");
  XrClient c;
  c.create_vulkan();
  c.create_session();
  REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));
  // session_loss.json loses the session 0.05 s (4.5 frames at 90 Hz) in.
  XrResult r = XR_SUCCESS;
  for (int i = 0; i < 10 && r == XR_SUCCESS; ++i) {
    auto wi = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    auto fs = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
    r = xrWaitFrame(c.session, &wi, &fs);
    if (r != XR_SUCCESS) break;
    auto bi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    XR_CHECK(xrBeginFrame(c.session, &bi));
    auto ei = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    XR_CHECK(xrEndFrame(c.session, &ei));
  }
  CHECK(r == XR_SESSION_LOSS_PENDING);
  CHECK(c.poll() == XR_SESSION_STATE_LOSS_PENDING);
  auto bi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
  CHECK(xrBeginFrame(c.session, &bi) == XR_ERROR_SESSION_LOST);
  CHECK(env.validation_report().empty());
}

TEST_CASE("a scripted instance loss queues XrEventDataInstanceLossPending", "[xr]") {
  XrTestEnv env("instance-loss", "instance_loss.json");
  XrClient c;
  c.create_vulkan();
  c.create_session();
  REQUIRE(c.run_until(XR_SESSION_STATE_FOCUSED));
  XrResult r = XR_SUCCESS;
  for (int i = 0; i < 10 && r == XR_SUCCESS; ++i) {
    auto wi = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    auto fs = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
    r = xrWaitFrame(c.session, &wi, &fs);
    if (r != XR_SUCCESS) break;
    auto bi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    XR_CHECK(xrBeginFrame(c.session, &bi));
    auto ei = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    r = xrEndFrame(c.session, &ei);
  }
  CHECK(r == XR_ERROR_INSTANCE_LOST);
  bool loss_event = false;
  for (int i = 0; i < 20; ++i) {
    auto e = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    if (xrPollEvent(c.instance, &e) != XR_SUCCESS) break;
    loss_event = loss_event || e.type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING;
  }
  CHECK(loss_event);
  CHECK(env.validation_report().empty());
}

TEST_CASE("calls out of order get the spec's error codes", "[xr]") {
  XrTestEnv env("call-order", "small_stereo.json");
  {
    XrClient c;
    c.create_vulkan();
    c.create_session();
    auto bi = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
    bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    auto ei = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    ei.displayTime = 1;
    auto fbi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    auto wi = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    auto fs = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
    CHECK(xrWaitFrame(c.session, &wi, &fs) == XR_ERROR_SESSION_NOT_RUNNING);
    CHECK(xrEndSession(c.session) == XR_ERROR_SESSION_NOT_RUNNING);
    c.poll();
    XR_CHECK(xrBeginSession(c.session, &bi));
    c.running = true;
    CHECK(xrBeginSession(c.session, &bi) == XR_ERROR_SESSION_RUNNING);
    CHECK(xrEndSession(c.session) == XR_ERROR_SESSION_NOT_STOPPING);
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_CALL_ORDER_INVALID);
    CHECK(xrBeginFrame(c.session, &fbi) == XR_ERROR_CALL_ORDER_INVALID);
    XR_CHECK(xrWaitFrame(c.session, &wi, &fs));
    XR_CHECK(xrBeginFrame(c.session, &fbi));
    ei.displayTime = fs.predictedDisplayTime + 1;
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_TIME_INVALID);
    ei.displayTime = fs.predictedDisplayTime;

    // Swapchain image order: acquire -> wait -> release.
    auto ci = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    ci.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    ci.format = VK_FORMAT_R8G8B8A8_SRGB;
    ci.sampleCount = ci.faceCount = ci.arraySize = ci.mipCount = 1;
    ci.width = 64;
    ci.height = 32;
    XrSwapchain sc = XR_NULL_HANDLE;
    auto bad = ci;
    bad.format = VK_FORMAT_R5G6B5_UNORM_PACK16;
    CHECK(xrCreateSwapchain(c.session, &bad, &sc) == XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    XR_CHECK(xrCreateSwapchain(c.session, &ci, &sc));
    c.swapchains.push_back(sc);
    auto swi = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
    swi.timeout = XR_INFINITE_DURATION;
    auto sri = xr_struct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
    auto sai = xr_struct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
    CHECK(xrWaitSwapchainImage(sc, &swi) == XR_ERROR_CALL_ORDER_INVALID);
    CHECK(xrReleaseSwapchainImage(sc, &sri) == XR_ERROR_CALL_ORDER_INVALID);
    uint32_t index = 99;

    // A layer whose swapchain never released an image is invalid.
    auto view = xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    view.pose.orientation.w = 1;
    view.fov = {-0.8f, 0.8f, 0.8f, -0.8f};
    view.subImage = {sc, {{0, 0}, {64, 32}}, 0};
    XrCompositionLayerProjectionView views[2] = {view, view};
    auto layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    layer.space = c.stage;
    layer.viewCount = 2;
    layer.views = views;
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
    ei.layerCount = 1;
    ei.layers = layers;
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_LAYER_INVALID);

    for (uint32_t expected = 0; expected < 3; ++expected) {
      XR_CHECK(xrAcquireSwapchainImage(sc, &sai, &index));
      CHECK(index == expected);
    }
    CHECK(xrAcquireSwapchainImage(sc, &sai, &index) == XR_ERROR_CALL_ORDER_INVALID);  // all 3 are out
    XR_CHECK(xrWaitSwapchainImage(sc, &swi));
    CHECK(xrWaitSwapchainImage(sc, &swi) == XR_ERROR_CALL_ORDER_INVALID);  // release the waited one first
    XR_CHECK(xrReleaseSwapchainImage(sc, &sri));
    CHECK(xrReleaseSwapchainImage(sc, &sri) == XR_ERROR_CALL_ORDER_INVALID);

    views[1].subImage.imageRect.extent.width = 65;
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_SWAPCHAIN_RECT_INVALID);
    views[1].subImage.imageRect.extent.width = 64;
    views[1].subImage.imageArrayIndex = 1;
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_VALIDATION_FAILURE);  // arraySize is 1
    views[1].subImage.imageArrayIndex = 0;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    XR_CHECK(xrEndFrame(c.session, &ei));
    CHECK(xrEndFrame(c.session, &ei) == XR_ERROR_CALL_ORDER_INVALID);

    // An application's exit request walks down to STOPPING; ending then leads to EXITING.
    XR_CHECK(xrRequestExitSession(c.session));
    c.poll();
    CHECK(c.state == XR_SESSION_STATE_STOPPING);
    XR_CHECK(xrEndSession(c.session));
    CHECK(c.poll() == XR_SESSION_STATE_EXITING);
    CHECK(xrRequestExitSession(c.session) == XR_ERROR_SESSION_NOT_RUNNING);
    CHECK(c.vulkan_messages.empty());
  }
  INFO(env.validation_report());
  CHECK(env.validation_report().empty());
}

TEST_CASE("a bad script fails xrCreateInstance with file, line:col and JSON pointer", "[xr]") {
  XrTestEnv env("bad-script", "bad_typo.json");
  auto ci = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::snprintf(ci.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "bad-script");
  ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  const char* ext = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
  ci.enabledExtensionCount = 1;
  ci.enabledExtensionNames = &ext;
  XrInstance instance = XR_NULL_HANDLE;
  CHECK(XR_FAILED(xrCreateInstance(&ci, &instance)));
  CHECK(trace_has(env, "bad_typo.json:3:", "/timeline/0/head"));
  CHECK(trace_has(env, "postion"));
}
