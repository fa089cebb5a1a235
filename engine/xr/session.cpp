#include "xr/session.h"

#include <algorithm>

#include "xr/xr_check.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {
namespace {

XrHandle<XrSpace> reference_space(XrSession s, XrReferenceSpaceType type) {
  auto ci = xr_struct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  ci.referenceSpaceType = type;
  ci.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace raw = XR_NULL_HANDLE;
  MEELOOP_XR_CHECK(xrCreateReferenceSpace(s, &ci, &raw));
  return XrHandle<XrSpace>(raw);
}

}  // namespace

const char* to_string(ExitReason r) {
  switch (r) {
    case ExitReason::None: return "none";
    case ExitReason::RuntimeExit: return "the runtime ended the session";
    case ExitReason::SessionLost: return "the session was lost";
    case ExitReason::InstanceLost: return "the OpenXR runtime went away";
    case ExitReason::Requested: return "the application asked to exit";
  }
  return "?";
}

const char* state_name(XrSessionState s) {
  switch (s) {
    case XR_SESSION_STATE_IDLE: return "idle";
    case XR_SESSION_STATE_READY: return "ready";
    case XR_SESSION_STATE_SYNCHRONIZED: return "synchronized";
    case XR_SESSION_STATE_VISIBLE: return "visible";
    case XR_SESSION_STATE_FOCUSED: return "focused";
    case XR_SESSION_STATE_STOPPING: return "stopping";
    case XR_SESSION_STATE_LOSS_PENDING: return "loss pending";
    case XR_SESSION_STATE_EXITING: return "exiting";
    default: return "unknown";
  }
}

Result<std::unique_ptr<Session>> Session::create(System& system, const gpu::Context& gpu, Log& log) {
  return catch_xr<std::unique_ptr<Session>>([&]() -> Result<std::unique_ptr<Session>> {
    auto s = std::unique_ptr<Session>(new Session(system, log));
    auto binding = xr_struct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
    binding.instance = gpu.instance().get();
    binding.physicalDevice = gpu.device().physical();
    binding.device = gpu.device().get();
    binding.queueFamilyIndex = gpu.device().queue_family();
    binding.queueIndex = 0;
    auto ci = xr_struct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    ci.next = &binding;
    ci.systemId = system.id();
    XrSession raw = XR_NULL_HANDLE;
    MEELOOP_XR_CHECK(xrCreateSession(system.instance(), &ci, &raw));
    s->session_ = XrHandle<XrSession>(raw);

    uint32_t n = 0;
    MEELOOP_XR_CHECK(xrEnumerateReferenceSpaces(raw, 0, &n, nullptr));
    std::vector<XrReferenceSpaceType> types(n);
    MEELOOP_XR_CHECK(xrEnumerateReferenceSpaces(raw, n, &n, types.data()));
    // STAGE puts the floor at y = 0; LOCAL (always there) is the seated fallback, its origin
    // at the head when the session started.
    s->stage_ = std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != types.end();
    s->world_ = reference_space(raw, s->stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL);
    s->view_ = reference_space(raw, XR_REFERENCE_SPACE_TYPE_VIEW);
    if (!s->stage_) log.info("xr: no stage space, using local space (floor height estimated)");
    return s;
  });
}

void Session::on_state(XrSessionState s) {
  state_ = s;
  history_.push_back(s);
  log_.debug(std::string("xr: session ") + state_name(s));
  switch (s) {
    case XR_SESSION_STATE_READY: {
      auto bi = xr_struct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
      bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
      MEELOOP_XR_CHECK(xrBeginSession(session_, &bi));
      running_ = true;
      break;
    }
    case XR_SESSION_STATE_STOPPING:
      MEELOOP_XR_CHECK(xrEndSession(session_));
      running_ = false;
      break;
    case XR_SESSION_STATE_EXITING:
      if (exit_ == ExitReason::None) exit_ = ExitReason::RuntimeExit;
      break;
    case XR_SESSION_STATE_LOSS_PENDING:
      exit_ = ExitReason::SessionLost;
      break;
    default: break;
  }
}

bool Session::poll_events() {
  for (;;) {
    auto e = xr_struct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    const XrResult r = xrPollEvent(system_.instance(), &e);
    if (r == XR_EVENT_UNAVAILABLE) break;
    if (r == XR_ERROR_INSTANCE_LOST) {
      exit_ = ExitReason::InstanceLost;
      break;
    }
    MEELOOP_XR_CHECK(r);
    switch (e.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED:
        on_state(reinterpret_cast<const XrEventDataSessionStateChanged&>(e).state);
        break;
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        exit_ = ExitReason::InstanceLost;
        break;
      case XR_TYPE_EVENT_DATA_EVENTS_LOST:
        log_.warn("xr: the runtime dropped events (queue full)");
        break;
      default: break;  // interaction profile and reference space changes need no action here
    }
  }
  return exit_ == ExitReason::None ||
         (exit_ == ExitReason::Requested && state_ != XR_SESSION_STATE_EXITING);
}

void Session::request_exit() {
  if (exit_ == ExitReason::None) exit_ = ExitReason::Requested;
  if (running_) MEELOOP_XR_CHECK(xrRequestExitSession(session_));
}

Frame Session::begin_frame() {
  Frame f;
  f.state = xr_struct<XrFrameState>(XR_TYPE_FRAME_STATE);
  auto wi = xr_struct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
  MEELOOP_XR_CHECK(xrWaitFrame(session_, &wi, &f.state));
  auto bi = xr_struct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
  MEELOOP_XR_CHECK(xrBeginFrame(session_, &bi));
  if (!f.state.shouldRender) return f;
  auto li = xr_struct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  li.displayTime = f.state.predictedDisplayTime;
  li.space = world_;
  auto vs = xr_struct<XrViewState>(XR_TYPE_VIEW_STATE);
  std::array<XrView, 2> views{xr_struct<XrView>(XR_TYPE_VIEW), xr_struct<XrView>(XR_TYPE_VIEW)};
  uint32_t n = 0;
  MEELOOP_XR_CHECK(xrLocateViews(session_, &li, &vs, 2, &n, views.data()));
  const XrViewStateFlags need = XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
  f.should_render = n == 2 && (vs.viewStateFlags & need) == need;
  for (uint32_t i = 0; i < 2; ++i) f.eyes[i] = {views[i].pose, views[i].fov};
  return f;
}

void Session::end_frame(const Frame& frame, const XrCompositionLayerProjection* layer) {
  auto ei = xr_struct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  ei.displayTime = frame.state.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  const XrCompositionLayerBaseHeader* layers[1] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(layer)};
  ei.layerCount = layer ? 1 : 0;
  ei.layers = layer ? layers : nullptr;
  MEELOOP_XR_CHECK(xrEndFrame(session_, &ei));
}

}  // namespace meeloop::xr
