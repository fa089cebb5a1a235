#pragma once
// Rigid-transform helpers on OpenXR's own XrPosef (metres, right-handed, +Y up).
// Kept header-only and tiny: the runtime needs compose, inverse, lerp/slerp and a validity check.
#include <cmath>

#include "xr_api.h"

namespace meeloop::xrrt {

inline XrQuaternionf quat_mul(const XrQuaternionf& a, const XrQuaternionf& b) {
  return {a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
          a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
          a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
          a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

inline XrQuaternionf quat_conj(const XrQuaternionf& q) { return {-q.x, -q.y, -q.z, q.w}; }

inline XrVector3f quat_rotate(const XrQuaternionf& q, const XrVector3f& v) {
  const XrQuaternionf p{v.x, v.y, v.z, 0.0f};
  const XrQuaternionf r = quat_mul(quat_mul(q, p), quat_conj(q));
  return {r.x, r.y, r.z};
}

inline XrVector3f vec_add(const XrVector3f& a, const XrVector3f& b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}

inline XrPosef pose_identity() { return {{0, 0, 0, 1}, {0, 0, 0}}; }

// a * b: b expressed in a's frame, mapped to a's parent frame.
inline XrPosef pose_mul(const XrPosef& a, const XrPosef& b) {
  return {quat_mul(a.orientation, b.orientation),
          vec_add(a.position, quat_rotate(a.orientation, b.position))};
}

inline XrPosef pose_inverse(const XrPosef& p) {
  const XrQuaternionf inv = quat_conj(p.orientation);
  const XrVector3f t = quat_rotate(inv, p.position);
  return {inv, {-t.x, -t.y, -t.z}};
}

// OpenXR requires unit quaternions in poses the application passes in (XR_ERROR_POSE_INVALID);
// the spec leaves the tolerance to the runtime, 1% in length is what common runtimes accept.
inline bool pose_valid(const XrPosef& p) {
  const XrQuaternionf& q = p.orientation;
  const float n = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return std::isfinite(n) && std::fabs(n - 1.0f) < 0.02f && std::isfinite(p.position.x) &&
         std::isfinite(p.position.y) && std::isfinite(p.position.z);
}

inline XrQuaternionf quat_normalize(XrQuaternionf q) {
  const float n = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
  if (n <= 0.0f) return {0, 0, 0, 1};
  return {q.x / n, q.y / n, q.z / n, q.w / n};
}

// Interpolates between two keyframed poses: linear position, normalised-lerp orientation along
// the shorter arc (indistinguishable from slerp for the small steps a script uses).
inline XrPosef pose_lerp(const XrPosef& a, const XrPosef& b, float t) {
  XrQuaternionf qb = b.orientation;
  const XrQuaternionf& qa = a.orientation;
  if (qa.x * qb.x + qa.y * qb.y + qa.z * qb.z + qa.w * qb.w < 0.0f) qb = {-qb.x, -qb.y, -qb.z, -qb.w};
  const XrQuaternionf q{qa.x + (qb.x - qa.x) * t, qa.y + (qb.y - qa.y) * t,
                        qa.z + (qb.z - qa.z) * t, qa.w + (qb.w - qa.w) * t};
  return {quat_normalize(q),
          {a.position.x + (b.position.x - a.position.x) * t,
           a.position.y + (b.position.y - a.position.y) * t,
           a.position.z + (b.position.z - a.position.z) * t}};
}

}  // namespace meeloop::xrrt
