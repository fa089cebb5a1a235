// Action state: xrSyncActions samples the script, xrGetActionState* read the snapshot, haptic
// pulses are recorded (spec chapter 11, the session-level part).
#include <algorithm>
#include <cmath>

#include "actions.h"
#include "api.h"
#include "session.h"

namespace meeloop::xrrt {
namespace {

// The bound inputs of `action` for `subaction` (XR_NULL_PATH: all) in the session's profile.
std::vector<BoundInput> bound_inputs(const Session& s, uint64_t action_id, const Action& action, XrPath subaction) {
  std::vector<BoundInput> out;
  const Instance& inst = *s.instance;
  const std::string* ppath = inst.paths.lookup(s.profile);
  auto sug = inst.suggested.find(s.profile);
  const Profile* profile = ppath ? find_profile(*ppath) : nullptr;
  if (!profile || sug == inst.suggested.end()) return out;
  const int want = subaction == XR_NULL_PATH ? -1 : hand_of(*inst.paths.lookup(subaction));
  if (subaction != XR_NULL_PATH && want < 0) return out;  // head, gamepad: nothing emulated
  for (const auto& [act, binding] : sug->second) {
    if (act != action_id) continue;
    auto b = resolve_binding(*profile, *inst.paths.lookup(binding), action.type);
    if (b && (want < 0 || b->hand == want)) out.push_back(*b);
  }
  return out;
}

ActionValue sample(const Session& s, const Action& action, const std::vector<BoundInput>& inputs, double frame) {
  ActionValue v;
  const Script& script = s.instance->config.script;
  for (const BoundInput& b : inputs) {
    const ComponentKind k = b.component->kind;
    if (k == ComponentKind::Haptic) continue;
    const HandInput in = script.input_at(b.hand, frame);
    switch (action.type) {
      case XR_ACTION_TYPE_BOOLEAN_INPUT:
        if (k == ComponentKind::Bool || k == ComponentKind::Float) { v.active = true; v.b = v.b || bool_value(b.component->source, in); }
        break;
      case XR_ACTION_TYPE_FLOAT_INPUT:
        if (k == ComponentKind::Bool || k == ComponentKind::Float) {
          v.active = true;
          const float f = float_value(b.component->source, in);
          if (std::fabs(f) > std::fabs(v.f)) v.f = f;  // spec 11.5: the largest magnitude wins
        }
        break;
      case XR_ACTION_TYPE_VECTOR2F_INPUT:
        if (k == ComponentKind::Vec2) {
          v.active = true;
          const XrVector2f x = vec2_value(b.component->source, in);
          if (x.x * x.x + x.y * x.y > v.v.x * v.v.x + v.v.y * v.v.y) v.v = x;
        }
        break;
      case XR_ACTION_TYPE_POSE_INPUT: v.active = v.active || k == ComponentKind::Pose; break;
      default: break;
    }
  }
  return v;
}

bool differs(const ActionValue& a, const ActionValue& b) { return a.b != b.b || a.f != b.f || a.v.x != b.v.x || a.v.y != b.v.y; }

// Shared checks of xrGetActionState*: the action, its type, attachment and subaction path.
XrResult lookup(XrSession session, const XrActionStateGetInfo* info, XrActionType type, const char* fn,
                Session*& s, const ActionValue*& value) {
  Registry& reg = Registry::get();
  s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_ACTION_STATE_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
  auto [ainst, action] = reg.action(info->action);
  if (!action || ainst != s->instance) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (action->type != type) return inst.fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "action " + action->name + " has another type");
  if (!s->attached_sets.count(action->set)) return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "the action's set is not attached");
  if (XrResult r = check_subaction(inst, *action, info->subactionPath, fn); r != XR_SUCCESS) return r;
  static const ActionValue kInactive{};  // immutable default for never-synced actions
  auto it = s->values.find({from_handle(info->action), info->subactionPath});
  value = it == s->values.end() ? &kInactive : &it->second;
  return XR_SUCCESS;
}

}  // namespace

namespace api {

XrResult XRAPI_CALL SyncActions(XrSession session, const XrActionsSyncInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_ACTIONS_SYNC_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  const char* fn = "xrSyncActions";
  for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
    const XrActiveActionSet& a = info->activeActionSets[i];
    const uint64_t set = from_handle(a.actionSet);
    if (!inst.action_sets.count(set)) return XR_ERROR_HANDLE_INVALID;
    if (!s->attached_sets.count(set)) return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "an active action set is not attached");
    if (a.subactionPath != XR_NULL_PATH) {
      if (!inst.paths.lookup(a.subactionPath)) return inst.fail(XR_ERROR_PATH_INVALID, fn, "invalid subactionPath");
      bool declared = false;
      for (const auto& [h, act] : inst.actions)
        declared = declared || (act->set == set && std::count(act->subaction_paths.begin(), act->subaction_paths.end(), a.subactionPath));
      if (!declared) return inst.fail(XR_ERROR_PATH_UNSUPPORTED, fn, "no action in the set declares that subactionPath");
    }
  }
  const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
  const double frame = double(s->next_frame - 1);
  const XrTime now = s->now();
  for (const auto& [h, action] : inst.actions) {
    if (!s->attached_sets.count(action->set)) continue;
    std::vector<XrPath> subs = {XR_NULL_PATH};
    subs.insert(subs.end(), action->subaction_paths.begin(), action->subaction_paths.end());
    for (XrPath sub : subs) {
      bool selected = false;
      for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
        const XrActiveActionSet& a = info->activeActionSets[i];
        selected = selected || (from_handle(a.actionSet) == action->set &&
                                (a.subactionPath == XR_NULL_PATH || sub == XR_NULL_PATH || a.subactionPath == sub));
      }
      ActionValue next;
      if (focused && selected) next = sample(*s, *action, bound_inputs(*s, h, *action, sub), frame);
      if (!next.active) next = ActionValue{};  // inactive actions read as zero (spec 11.5)
      ActionValue& cur = s->values[{h, sub}];
      next.changed = next.active && cur.active && differs(next, cur);
      next.last_change = next.changed || (next.active && !cur.active) ? now : cur.last_change;
      cur = next;
    }
  }
  return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XrResult XRAPI_CALL GetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  const ActionValue* v = nullptr;
  if (XrResult r = lookup(session, info, XR_ACTION_TYPE_BOOLEAN_INPUT, "xrGetActionStateBoolean", s, v); r != XR_SUCCESS) return r;
  if (!state || state->type != XR_TYPE_ACTION_STATE_BOOLEAN) return XR_ERROR_VALIDATION_FAILURE;
  state->currentState = v->b;
  state->changedSinceLastSync = v->changed;
  state->lastChangeTime = v->last_change;
  state->isActive = v->active;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetActionStateFloat(XrSession session, const XrActionStateGetInfo* info, XrActionStateFloat* state) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  const ActionValue* v = nullptr;
  if (XrResult r = lookup(session, info, XR_ACTION_TYPE_FLOAT_INPUT, "xrGetActionStateFloat", s, v); r != XR_SUCCESS) return r;
  if (!state || state->type != XR_TYPE_ACTION_STATE_FLOAT) return XR_ERROR_VALIDATION_FAILURE;
  state->currentState = v->f;
  state->changedSinceLastSync = v->changed;
  state->lastChangeTime = v->last_change;
  state->isActive = v->active;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info, XrActionStateVector2f* state) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  const ActionValue* v = nullptr;
  if (XrResult r = lookup(session, info, XR_ACTION_TYPE_VECTOR2F_INPUT, "xrGetActionStateVector2f", s, v); r != XR_SUCCESS) return r;
  if (!state || state->type != XR_TYPE_ACTION_STATE_VECTOR2F) return XR_ERROR_VALIDATION_FAILURE;
  state->currentState = v->v;
  state->changedSinceLastSync = v->changed;
  state->lastChangeTime = v->last_change;
  state->isActive = v->active;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetActionStatePose(XrSession session, const XrActionStateGetInfo* info, XrActionStatePose* state) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  const ActionValue* v = nullptr;
  if (XrResult r = lookup(session, info, XR_ACTION_TYPE_POSE_INPUT, "xrGetActionStatePose", s, v); r != XR_SUCCESS) return r;
  if (!state || state->type != XR_TYPE_ACTION_STATE_POSE) return XR_ERROR_VALIDATION_FAILURE;
  state->isActive = v->active;
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace meeloop::xrrt
