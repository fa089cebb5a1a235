// Action sets, actions and suggested bindings (spec chapter 11, the instance-level part).
#include "actions.h"

#include <algorithm>

#include "api.h"

namespace meeloop::xrrt {
namespace {

// Action (set) names are single path components (spec 11.2).
bool valid_name(const char* name) {
  if (!name || !*name) return false;
  for (const char* c = name; *c; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')) return false;
  return true;
}

bool any_attached(const Instance& inst) {
  for (const auto& [h, set] : inst.action_sets)
    if (set->attached) return true;
  for (const auto& [h, s] : inst.sessions)
    if (s->actions_attached) return true;
  return false;
}

}  // namespace

XrResult check_subaction(Instance& inst, const Action& action, XrPath subaction, const char* function) {
  if (subaction == XR_NULL_PATH) return XR_SUCCESS;
  if (!inst.paths.lookup(subaction)) return inst.fail(XR_ERROR_PATH_INVALID, function, "subactionPath is not a valid XrPath");
  if (std::find(action.subaction_paths.begin(), action.subaction_paths.end(), subaction) == action.subaction_paths.end())
    return inst.fail(XR_ERROR_PATH_UNSUPPORTED, function,
                     "subactionPath " + *inst.paths.lookup(subaction) + " was not declared for action " + action.name);
  return XR_SUCCESS;
}

std::optional<BoundInput> pose_binding(const Session& s, uint64_t action, XrPath subaction) {
  const Instance& inst = *s.instance;
  const std::string* profile_path = inst.paths.lookup(s.profile);
  auto a = inst.actions.find(action);
  if (!profile_path || a == inst.actions.end() || !s.attached_sets.count(a->second->set)) return std::nullopt;
  const Profile* profile = find_profile(*profile_path);
  auto sug = inst.suggested.find(s.profile);
  if (!profile || sug == inst.suggested.end()) return std::nullopt;
  const int want = subaction == XR_NULL_PATH ? -1 : hand_of(*inst.paths.lookup(subaction));
  if (subaction != XR_NULL_PATH && want < 0) return std::nullopt;
  for (const auto& [act, binding] : sug->second) {
    if (act != action) continue;
    auto b = resolve_binding(*profile, *inst.paths.lookup(binding), XR_ACTION_TYPE_POSE_INPUT);
    if (b && b->component->kind == ComponentKind::Pose && (want < 0 || b->hand == want)) return b;
  }
  return std::nullopt;
}

namespace api {

XrResult XRAPI_CALL CreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info, XrActionSet* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Instance* inst = reg.instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  const char* fn = "xrCreateActionSet";
  if (!info->actionSetName[0]) return inst->fail(XR_ERROR_NAME_INVALID, fn, "actionSetName is empty");
  if (!valid_name(info->actionSetName)) return inst->fail(XR_ERROR_PATH_FORMAT_INVALID, fn, "actionSetName must be [a-z0-9-_.]+");
  if (!info->localizedActionSetName[0]) return inst->fail(XR_ERROR_LOCALIZED_NAME_INVALID, fn, "localizedActionSetName is empty");
  for (const auto& [h, set] : inst->action_sets) {
    if (set->name == info->actionSetName) return inst->fail(XR_ERROR_NAME_DUPLICATED, fn, std::string("duplicate name ") + set->name);
    if (set->localized_name == info->localizedActionSetName)
      return inst->fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, fn, "duplicate localized name " + set->localized_name);
  }
  auto set = std::make_unique<ActionSet>();
  set->name = info->actionSetName;
  set->localized_name = info->localizedActionSetName;
  set->priority = info->priority;
  const uint64_t h = reg.new_handle();
  inst->action_sets.emplace(h, std::move(set));
  *out = to_handle<XrActionSet>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroyActionSet(XrActionSet action_set) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  auto [inst, set] = reg.action_set(action_set);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  const uint64_t h = from_handle(action_set);
  std::erase_if(inst->actions, [&](const auto& kv) { return kv.second->set == h; });  // children go too
  inst->action_sets.erase(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateAction(XrActionSet action_set, const XrActionCreateInfo* info, XrAction* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  auto [inst, set] = reg.action_set(action_set);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_ACTION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  const char* fn = "xrCreateAction";
  if (set->attached) return inst->fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, fn, "the action set is attached to a session");
  if (!info->actionName[0]) return inst->fail(XR_ERROR_NAME_INVALID, fn, "actionName is empty");
  if (!valid_name(info->actionName)) return inst->fail(XR_ERROR_PATH_FORMAT_INVALID, fn, "actionName must be [a-z0-9-_.]+");
  if (!info->localizedActionName[0]) return inst->fail(XR_ERROR_LOCALIZED_NAME_INVALID, fn, "localizedActionName is empty");
  switch (info->actionType) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT: case XR_ACTION_TYPE_FLOAT_INPUT: case XR_ACTION_TYPE_VECTOR2F_INPUT:
    case XR_ACTION_TYPE_POSE_INPUT: case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
    default: return XR_ERROR_VALIDATION_FAILURE;
  }
  const uint64_t set_handle = from_handle(action_set);
  for (const auto& [h, a] : inst->actions) {
    if (a->set != set_handle) continue;
    if (a->name == info->actionName) return inst->fail(XR_ERROR_NAME_DUPLICATED, fn, "duplicate action name " + a->name);
    if (a->localized_name == info->localizedActionName)
      return inst->fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, fn, "duplicate localized name " + a->localized_name);
  }
  auto action = std::make_unique<Action>();
  for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
    const XrPath p = info->subactionPaths[i];
    const std::string* s = inst->paths.lookup(p);
    if (!s) return inst->fail(XR_ERROR_PATH_INVALID, fn, "subactionPaths holds an invalid XrPath");
    if (!is_top_level_user_path(*s)) return inst->fail(XR_ERROR_PATH_UNSUPPORTED, fn, *s + " is not a top-level user path");
    if (std::count(action->subaction_paths.begin(), action->subaction_paths.end(), p))
      return inst->fail(XR_ERROR_PATH_UNSUPPORTED, fn, *s + " is listed twice");
    action->subaction_paths.push_back(p);
  }
  action->set = set_handle;
  action->name = info->actionName;
  action->localized_name = info->localizedActionName;
  action->type = info->actionType;
  const uint64_t h = reg.new_handle();
  inst->actions.emplace(h, std::move(action));
  *out = to_handle<XrAction>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroyAction(XrAction action) {
  std::lock_guard lock(Registry::get().mutex);
  auto [inst, a] = Registry::get().action(action);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  inst->actions.erase(from_handle(action));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL SuggestInteractionProfileBindings(XrInstance instance,
                                                      const XrInteractionProfileSuggestedBinding* info) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Instance* inst = reg.instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING || info->countSuggestedBindings == 0 ||
      !info->suggestedBindings)
    return XR_ERROR_VALIDATION_FAILURE;
  const char* fn = "xrSuggestInteractionProfileBindings";
  if (any_attached(*inst)) return inst->fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, fn, "action sets are already attached");
  const std::string* ppath = inst->paths.lookup(info->interactionProfile);
  if (!ppath) return inst->fail(XR_ERROR_PATH_INVALID, fn, "interactionProfile is not a valid XrPath");
  const Profile* profile = find_profile(*ppath);
  if (!profile) return inst->fail(XR_ERROR_PATH_UNSUPPORTED, fn, "unknown interaction profile " + *ppath);
  std::vector<std::pair<uint64_t, XrPath>> list;
  for (uint32_t i = 0; i < info->countSuggestedBindings; ++i) {
    const XrActionSuggestedBinding& b = info->suggestedBindings[i];
    auto [ainst, action] = reg.action(b.action);
    if (!action || ainst != inst) return XR_ERROR_HANDLE_INVALID;
    const std::string* bpath = inst->paths.lookup(b.binding);
    if (!bpath) return inst->fail(XR_ERROR_PATH_INVALID, fn, "binding " + std::to_string(i) + " is not a valid XrPath");
    if (!profile_has_path(*profile, *bpath))
      return inst->fail(XR_ERROR_PATH_UNSUPPORTED, fn, *bpath + " is not an input or output of " + *ppath);
    list.emplace_back(from_handle(b.action), b.binding);
  }
  inst->suggested[info->interactionProfile] = std::move(list);  // a new suggestion replaces the old
  return XR_SUCCESS;
}

XrResult XRAPI_CALL AttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* info) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || info->countActionSets == 0) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (s->actions_attached)
    return inst.fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, "xrAttachSessionActionSets", "already called for this session");
  for (uint32_t i = 0; i < info->countActionSets; ++i) {
    auto [ainst, set] = reg.action_set(info->actionSets[i]);
    if (!set || ainst != &inst) return XR_ERROR_HANDLE_INVALID;
  }
  for (uint32_t i = 0; i < info->countActionSets; ++i) {
    reg.action_set(info->actionSets[i]).second->attached = true;
    s->attached_sets.insert(from_handle(info->actionSets[i]));
  }
  s->actions_attached = true;
  // The emulated controllers are whatever the script names, else the first profile the
  // application suggested bindings for in this order (as a real runtime would remap to the
  // device it has).
  std::vector<std::string> order = {"/interaction_profiles/oculus/touch_controller",
                                    "/interaction_profiles/valve/index_controller",
                                    "/interaction_profiles/htc/vive_controller",
                                    "/interaction_profiles/microsoft/motion_controller",
                                    "/interaction_profiles/khr/simple_controller"};
  if (!inst.config.script.interaction_profile.empty()) order.insert(order.begin(), inst.config.script.interaction_profile);
  for (const std::string& p : order) {
    auto id = inst.paths.find(p);
    if (id && inst.suggested.count(*id)) {
      s->profile = *id;
      break;
    }
  }
  if (s->profile != XR_NULL_PATH) {
    XrEventDataBuffer buf{};
    buf.type = XR_TYPE_EVENT_DATA_BUFFER;
    auto* e = reinterpret_cast<XrEventDataInteractionProfileChanged*>(&buf);
    e->type = XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
    e->next = nullptr;
    e->session = session;
    inst.push_event(buf);
    inst.trace.write({{"event", "interaction_profile"}, {"profile", *inst.paths.lookup(s->profile)}});
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL GetCurrentInteractionProfile(XrSession session, XrPath top_level, XrInteractionProfileState* state) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!state || state->type != XR_TYPE_INTERACTION_PROFILE_STATE) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  const char* fn = "xrGetCurrentInteractionProfile";
  if (!s->actions_attached) return inst.fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "no action sets attached yet");
  const std::string* p = inst.paths.lookup(top_level);
  if (!p) return inst.fail(XR_ERROR_PATH_INVALID, fn, "topLevelUserPath is not a valid XrPath");
  if (!is_top_level_user_path(*p)) return inst.fail(XR_ERROR_PATH_UNSUPPORTED, fn, *p + " is not a top-level user path");
  state->interactionProfile = hand_of(*p) >= 0 ? s->profile : XR_NULL_PATH;
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace meeloop::xrrt
