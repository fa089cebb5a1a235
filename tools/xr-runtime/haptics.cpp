// Haptic output (recorded, so tests can assert a pulse happened) and the binding queries
// xrEnumerateBoundSourcesForAction / xrGetInputSourceLocalizedName.
#include <algorithm>

#include "actions.h"
#include "api.h"
#include "session.h"

namespace meeloop::xrrt::api {
namespace {

XrResult haptic_common(XrSession session, const XrHapticActionInfo* info, const char* fn, Session*& s, Action*& action) {
  Registry& reg = Registry::get();
  s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO) return XR_ERROR_VALIDATION_FAILURE;
  auto [ainst, a] = reg.action(info->action);
  if (!a || ainst != s->instance) return XR_ERROR_HANDLE_INVALID;
  action = a;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (a->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) return inst.fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, a->name + " is not a vibration output");
  if (!s->attached_sets.count(a->set)) return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "the action's set is not attached");
  return check_subaction(inst, *a, info->subactionPath, fn);
}

void record(Session& s, const Action& a, XrPath sub, XrDuration d, float freq, float amp, bool stop) {
  Instance& inst = *s.instance;
  const std::string* subs = inst.paths.lookup(sub);
  HapticPulse p{s.next_frame - 1, a.name, subs ? *subs : "", d, freq, amp, stop};
  inst.trace.write({{"event", stop ? "haptic_stop" : "haptic"}, {"frame", p.frame}, {"action", p.action},
                    {"subaction", p.subaction}, {"duration_ns", d}, {"frequency", freq}, {"amplitude", amp}});
  s.haptics.push_back(std::move(p));
}

}  // namespace

XrResult XRAPI_CALL ApplyHapticFeedback(XrSession session, const XrHapticActionInfo* info, const XrHapticBaseHeader* feedback) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  Action* a = nullptr;
  if (XrResult r = haptic_common(session, info, "xrApplyHapticFeedback", s, a); r != XR_SUCCESS) return r;
  if (!feedback || feedback->type != XR_TYPE_HAPTIC_VIBRATION) return XR_ERROR_VALIDATION_FAILURE;
  const auto* v = reinterpret_cast<const XrHapticVibration*>(feedback);
  // Only the focused application may drive the controllers (spec 11.6).
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  record(*s, *a, info->subactionPath, v->duration, v->frequency, v->amplitude, false);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL StopHapticFeedback(XrSession session, const XrHapticActionInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = nullptr;
  Action* a = nullptr;
  if (XrResult r = haptic_common(session, info, "xrStopHapticFeedback", s, a); r != XR_SUCCESS) return r;
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  record(*s, *a, info->subactionPath, 0, 0, 0, true);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateBoundSourcesForAction(XrSession session, const XrBoundSourcesForActionEnumerateInfo* info,
                                                   uint32_t capacity, uint32_t* count, XrPath* sources) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  auto [ainst, action] = reg.action(info->action);
  if (!action || ainst != s->instance) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (!s->attached_sets.count(action->set))
    return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, "xrEnumerateBoundSourcesForAction", "the action's set is not attached");
  std::vector<XrPath> list;
  const std::string* ppath = inst.paths.lookup(s->profile);
  const Profile* profile = ppath ? find_profile(*ppath) : nullptr;
  auto sug = inst.suggested.find(s->profile);
  if (profile && sug != inst.suggested.end())
    for (const auto& [act, binding] : sug->second) {
      if (act != from_handle(info->action)) continue;
      auto b = resolve_binding(*profile, *inst.paths.lookup(binding), action->type);
      if (!b) continue;
      const XrPath p = inst.paths.intern(std::string(b->hand == 0 ? "/user/hand/left" : "/user/hand/right") + b->component->path);
      if (!std::count(list.begin(), list.end(), p)) list.push_back(p);
    }
  return two_call(capacity, count, sources, list, [](XrPath& o, XrPath p) { o = p; });
}

XrResult XRAPI_CALL GetInputSourceLocalizedName(XrSession session, const XrInputSourceLocalizedNameGetInfo* info,
                                                uint32_t capacity, uint32_t* count, char* buffer) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO || info->whichComponents == 0)
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  const char* fn = "xrGetInputSourceLocalizedName";
  if (!s->actions_attached) return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "no action sets attached yet");
  const std::string* path = inst.paths.lookup(info->sourcePath);
  if (!path) return inst.fail(XR_ERROR_PATH_INVALID, fn, "sourcePath is not a valid XrPath");
  // Plain English names built from the path: "Right Hand Touch controller trigger value".
  std::string name;
  const auto add = [&](const std::string& part) { name += (name.empty() ? "" : " ") + part; };
  const bool left = path->rfind("/user/hand/left", 0) == 0;
  const bool right = path->rfind("/user/hand/right", 0) == 0;
  if ((info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT) && (left || right)) add(left ? "Left Hand" : "Right Hand");
  if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT) {
    const std::string* pp = inst.paths.lookup(s->profile);
    if (const Profile* p = pp ? find_profile(*pp) : nullptr) add(p->name);
  }
  if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) {
    for (const std::string marker : {"/input/", "/output/"}) {
      const size_t at = path->find(marker);
      if (at == std::string::npos) continue;
      std::string comp = path->substr(at + marker.size());
      std::replace(comp.begin(), comp.end(), '/', ' ');
      add(comp);
      break;
    }
  }
  return two_call_string(capacity, count, buffer, name);
}

}  // namespace meeloop::xrrt::api
