// The frame loop (spec 10.4-10.5) and view poses. Time is simulated: frame n is displayed at
// kTimeBase + (n + 1) * period whatever the wall clock says, so runs are reproducible; paced
// mode only sleeps to keep that schedule in real time.
#include <thread>

#include "api.h"
#include "depth_capture.h"
#include "dump.h"
#include "layers.h"
#include "pose_math.h"
#include "session.h"
#include "spaces.h"

namespace meeloop::xrrt {
namespace {

// A typical headset's slightly asymmetric, canted-out field of view (radians), left eye;
// the right eye mirrors it.
constexpr XrFovf kLeftFov{-0.8203f, 0.7330f, 0.8203f, -0.8727f};

}  // namespace

namespace api {

XrResult XRAPI_CALL WaitFrame(XrSession session, const XrFrameWaitInfo* info, XrFrameState* state) {
  std::unique_lock lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if ((info && info->type != XR_TYPE_FRAME_WAIT_INFO) || !state || state->type != XR_TYPE_FRAME_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!s->running) return inst.fail(XR_ERROR_SESSION_NOT_RUNNING, "xrWaitFrame", "the session is not running");
  if (s->state == XR_SESSION_STATE_READY) inst.push_state(*s, XR_SESSION_STATE_SYNCHRONIZED);
  const int64_t frame = s->next_frame++;
  fire_script_events(inst, *s, frame);
  if (inst.lost) return XR_ERROR_INSTANCE_LOST;  // a scripted instance loss takes effect at once
  const double period_s = 1.0 / inst.config.script.refresh_hz;
  state->predictedDisplayTime = s->frame_time(frame);
  state->predictedDisplayPeriod = XrDuration(period_s * 1e9);
  state->shouldRender = s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED;
  s->waited_frame = frame;
  const XrResult result = s->lost ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
  if (inst.config.paced) {
    const auto now = std::chrono::steady_clock::now();
    if (!s->pace_start) s->pace_start = now;
    const auto due = *s->pace_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                          std::chrono::duration<double>(double(frame) * period_s));
    lock.unlock();  // other threads may call in while this one sleeps
    std::this_thread::sleep_until(due);
  }
  return result;
}

XrResult XRAPI_CALL BeginFrame(XrSession session, const XrFrameBeginInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!s->running) return inst.fail(XR_ERROR_SESSION_NOT_RUNNING, "xrBeginFrame", "the session is not running");
  if (!s->waited_frame) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, "xrBeginFrame", "no xrWaitFrame before this xrBeginFrame");
  const bool discarded = s->begun_frame.has_value();  // a begun frame never ended is dropped
  s->begun_frame = s->waited_frame;
  s->waited_frame.reset();
  return discarded ? XR_FRAME_DISCARDED : XR_SUCCESS;
}

XrResult XRAPI_CALL EndFrame(XrSession session, const XrFrameEndInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  const char* fn = "xrEndFrame";
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!s->running) return inst.fail(XR_ERROR_SESSION_NOT_RUNNING, fn, "the session is not running");
  if (!s->begun_frame) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no xrBeginFrame before this xrEndFrame");
  if (info->displayTime != s->frame_time(*s->begun_frame))
    return inst.fail(XR_ERROR_TIME_INVALID, fn, "displayTime is not the predictedDisplayTime xrWaitFrame gave for this frame");
  if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
    return inst.fail(XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED, fn, "only OPAQUE is supported");
  std::vector<SubmittedView> views;
  if (XrResult r = validate_layers(*s, *info, views); r != XR_SUCCESS) return r;
  const int64_t frame = *s->begun_frame;
  s->begun_frame.reset();
  ++s->frames_ended;
  inst.trace.write({{"event", "frame"}, {"frame", frame}, {"layers", info->layerCount}, {"views", views.size()}});
  dump_views(*s, frame, views);
  capture_depth(*s, frame, views);
  update_focus(inst, *s);  // the first submitted frame makes the session VISIBLE and FOCUSED
  return XR_SUCCESS;
}

XrResult XRAPI_CALL LocateViews(XrSession session, const XrViewLocateInfo* info, XrViewState* view_state,
                                uint32_t capacity, uint32_t* count, XrView* views) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_VIEW_LOCATE_INFO || !view_state || view_state->type != XR_TYPE_VIEW_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  const char* fn = "xrLocateViews";
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return inst.fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, fn, "only PRIMARY_STEREO");
  auto [owner, space] = reg.space(info->space);
  if (!space || owner != s) return XR_ERROR_HANDLE_INVALID;
  if (info->displayTime <= 0) return inst.fail(XR_ERROR_TIME_INVALID, fn, "displayTime must be positive");
  const XrPosef head = head_pose(*s, info->displayTime);
  const auto base = space_pose(*s, *space, info->displayTime);
  const float half_ipd = inst.config.script.ipd_m / 2;
  view_state->viewStateFlags = base ? XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                                          XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT
                                    : 0;
  const std::vector<int> eyes = {0, 1};
  return two_call(capacity, count, views, eyes, [&](XrView& v, int eye) {
    const XrPosef eye_offset{{0, 0, 0, 1}, {eye == 0 ? -half_ipd : half_ipd, 0, 0}};
    v.pose = base ? pose_mul(pose_inverse(*base), pose_mul(head, eye_offset)) : pose_identity();
    v.fov = eye == 0 ? kLeftFov : XrFovf{-kLeftFov.angleRight, -kLeftFov.angleLeft, kLeftFov.angleUp, kLeftFov.angleDown};
  });
}

}  // namespace api
}  // namespace meeloop::xrrt
