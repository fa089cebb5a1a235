// Reference and action spaces (spec chapter 7).
#include "spaces.h"

#include <cmath>

#include "actions.h"
#include "api.h"
#include "pose_math.h"
#include "session.h"

namespace meeloop::xrrt {
namespace {

// LOCAL: the head's starting position with its yaw only, as a seated/standing-still user
// would have after a recenter (spec 7.1: gravity-aligned, origin at the head at startup).
XrPosef local_origin(const Session& s) {
  const XrPosef h = s.instance->config.script.pose_at(Track::Head, 0.0);
  const XrVector3f fwd = quat_rotate(h.orientation, {0, 0, -1});
  const float yaw = std::atan2(-fwd.x, -fwd.z);
  return {{0, std::sin(yaw / 2), 0, std::cos(yaw / 2)}, h.position};
}

const XrReferenceSpaceType kReferenceSpaces[] = {XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                 XR_REFERENCE_SPACE_TYPE_STAGE};

bool supported(XrReferenceSpaceType t) {
  for (auto r : kReferenceSpaces)
    if (r == t) return true;
  return false;
}

}  // namespace

XrPosef head_pose(const Session& s, XrTime t) {
  return s.instance->config.script.pose_at(Track::Head, s.frame_at(t));
}

std::optional<XrPosef> space_pose(const Session& s, const Space& space, XrTime t) {
  XrPosef base = pose_identity();
  if (space.is_action) {
    auto bound = pose_binding(s, space.action, space.subaction);
    if (!bound || s.state != XR_SESSION_STATE_FOCUSED) return std::nullopt;
    const bool aim = bound->component->source == Source::AimPose;
    const Track track = bound->hand == 0 ? (aim ? Track::LeftAim : Track::LeftGrip)
                                         : (aim ? Track::RightAim : Track::RightGrip);
    base = s.instance->config.script.pose_at(track, s.frame_at(t));
  } else if (space.reference == XR_REFERENCE_SPACE_TYPE_VIEW) {
    base = head_pose(s, t);
  } else if (space.reference == XR_REFERENCE_SPACE_TYPE_LOCAL) {
    base = local_origin(s);
  }
  return pose_mul(base, space.offset);
}

namespace api {

XrResult XRAPI_CALL EnumerateReferenceSpaces(XrSession session, uint32_t capacity, uint32_t* count,
                                             XrReferenceSpaceType* spaces) {
  std::lock_guard lock(Registry::get().mutex);
  if (!Registry::get().session(session)) return XR_ERROR_HANDLE_INVALID;
  const std::vector<XrReferenceSpaceType> list(std::begin(kReferenceSpaces), std::end(kReferenceSpaces));
  return two_call(capacity, count, spaces, list, [](XrReferenceSpaceType& o, XrReferenceSpaceType t) { o = t; });
}

XrResult XRAPI_CALL CreateReferenceSpace(XrSession session, const XrReferenceSpaceCreateInfo* info, XrSpace* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = loss_result(*s->instance, *s); r != XR_SUCCESS) return r;
  if (!supported(info->referenceSpaceType))
    return s->instance->fail(XR_ERROR_REFERENCE_SPACE_UNSUPPORTED, "xrCreateReferenceSpace", "only VIEW, LOCAL and STAGE");
  if (!pose_valid(info->poseInReferenceSpace))
    return s->instance->fail(XR_ERROR_POSE_INVALID, "xrCreateReferenceSpace", "poseInReferenceSpace has a non-unit quaternion");
  auto sp = std::make_unique<Space>();
  sp->reference = info->referenceSpaceType;
  sp->offset = info->poseInReferenceSpace;
  const uint64_t h = reg.new_handle();
  s->spaces.emplace(h, std::move(sp));
  *out = to_handle<XrSpace>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetReferenceSpaceBoundsRect(XrSession session, XrReferenceSpaceType type, XrExtent2Df* bounds) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!bounds) return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = loss_result(*s->instance, *s); r != XR_SUCCESS) return r;
  if (!supported(type)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0, 0};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = {s->instance->config.script.stage_width_m, s->instance->config.script.stage_depth_m};
  return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info, XrSpace* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  auto [ainst, action] = reg.action(info->action);
  if (!action || ainst != s->instance) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  const char* fn = "xrCreateActionSpace";
  if (action->type != XR_ACTION_TYPE_POSE_INPUT) return inst.fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "the action is not a pose action");
  if (XrResult r = check_subaction(inst, *action, info->subactionPath, fn); r != XR_SUCCESS) return r;
  if (!pose_valid(info->poseInActionSpace)) return inst.fail(XR_ERROR_POSE_INVALID, fn, "poseInActionSpace has a non-unit quaternion");
  auto sp = std::make_unique<Space>();
  sp->is_action = true;
  sp->action = from_handle(info->action);
  sp->subaction = info->subactionPath;
  sp->offset = info->poseInActionSpace;
  const uint64_t h = reg.new_handle();
  s->spaces.emplace(h, std::move(sp));
  *out = to_handle<XrSpace>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL LocateSpace(XrSpace space, XrSpace base_space, XrTime time, XrSpaceLocation* location) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  auto [s, sp] = reg.space(space);
  auto [bs, base] = reg.space(base_space);
  if (!sp || !base) return XR_ERROR_HANDLE_INVALID;
  if (!location || location->type != XR_TYPE_SPACE_LOCATION) return XR_ERROR_VALIDATION_FAILURE;
  if (s != bs) return s->instance->fail(XR_ERROR_VALIDATION_FAILURE, "xrLocateSpace", "the spaces belong to different sessions");
  if (XrResult r = loss_result(*s->instance, *s); r != XR_SUCCESS) return r;
  if (time <= 0) return s->instance->fail(XR_ERROR_TIME_INVALID, "xrLocateSpace", "time must be positive");
  auto* velocity = const_cast<XrSpaceVelocity*>(find_in_chain<XrSpaceVelocity>(location->next, XR_TYPE_SPACE_VELOCITY));
  if (velocity) velocity->velocityFlags = 0;  // scripted poses have no velocity worth reporting
  const auto a = space_pose(*s, *sp, time);
  const auto b = space_pose(*s, *base, time);
  if (!a || !b) {
    location->locationFlags = 0;
    location->pose = pose_identity();
    return XR_SUCCESS;
  }
  location->pose = pose_mul(pose_inverse(*b), *a);
  location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                            XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroySpace(XrSpace space) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sp] = Registry::get().space(space);
  if (!sp) return XR_ERROR_HANDLE_INVALID;
  s->spaces.erase(from_handle(space));
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace meeloop::xrrt
