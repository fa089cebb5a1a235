#include "xr/input.h"

#include <cstdio>
#include <string>
#include <vector>

#include "xr/pose_math.h"
#include "xr/xr_check.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {
namespace {

XrPath path(XrInstance inst, const std::string& s) {
  XrPath p = XR_NULL_PATH;
  MEELOOP_XR_CHECK(xrStringToPath(inst, s.c_str(), &p));
  return p;
}

XrAction make_action(XrActionSet set, const char* name, const char* localized, XrActionType type,
                     const std::array<XrPath, 2>& hands) {
  auto ci = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::snprintf(ci.actionName, XR_MAX_ACTION_NAME_SIZE, "%s", name);
  std::snprintf(ci.localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE, "%s", localized);
  ci.actionType = type;
  ci.countSubactionPaths = 2;
  ci.subactionPaths = hands.data();
  XrAction a = XR_NULL_HANDLE;
  MEELOOP_XR_CHECK(xrCreateAction(set, &ci, &a));
  return a;
}

struct Binding {
  XrAction action;
  const char* component;  // under /user/hand/{left,right}
  int hands = 3;          // bit 1 left, bit 2 right
};

}  // namespace

Result<std::unique_ptr<Controls>> Controls::create(const Session& session) {
  return catch_xr<std::unique_ptr<Controls>>([&]() -> Result<std::unique_ptr<Controls>> {
    auto c = std::unique_ptr<Controls>(new Controls(session));
    const XrInstance inst = session.system().instance();
    c->hand_paths_ = {path(inst, "/user/hand/left"), path(inst, "/user/hand/right")};
    auto si = xr_struct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
    std::snprintf(si.actionSetName, XR_MAX_ACTION_SET_NAME_SIZE, "%s", "meeloop");
    std::snprintf(si.localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE, "%s", "Meeloop");
    XrActionSet set = XR_NULL_HANDLE;
    MEELOOP_XR_CHECK(xrCreateActionSet(inst, &si, &set));
    c->set_ = XrHandle<XrActionSet>(set);
    const auto& h = c->hand_paths_;
    c->aim_ = make_action(set, "aim", "Point", XR_ACTION_TYPE_POSE_INPUT, h);
    c->grip_ = make_action(set, "grip", "Hold", XR_ACTION_TYPE_POSE_INPUT, h);
    c->select_ = make_action(set, "select", "Choose", XR_ACTION_TYPE_BOOLEAN_INPUT, h);
    c->squeeze_ = make_action(set, "squeeze", "Grab", XR_ACTION_TYPE_BOOLEAN_INPUT, h);
    c->menu_ = make_action(set, "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT, h);
    c->stick_ = make_action(set, "turn", "Turn", XR_ACTION_TYPE_VECTOR2F_INPUT, h);
    c->haptic_ = make_action(set, "pulse", "Pulse", XR_ACTION_TYPE_VIBRATION_OUTPUT, h);

    auto suggest = [&](const char* profile, const std::vector<Binding>& list) {
      std::vector<XrActionSuggestedBinding> b;
      for (const auto& x : list)
        for (int hand = 0; hand < 2; ++hand)
          if (x.hands & (1 << hand))
            b.push_back({x.action, path(inst, std::string(hand ? "/user/hand/right" : "/user/hand/left") + x.component)});
      auto sb = xr_struct<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
      sb.interactionProfile = path(inst, profile);
      sb.countSuggestedBindings = uint32_t(b.size());
      sb.suggestedBindings = b.data();
      MEELOOP_XR_CHECK(xrSuggestInteractionProfileBindings(inst, &sb));
    };
    const Binding aim{c->aim_, "/input/aim/pose"}, grip{c->grip_, "/input/grip/pose"},
        haptic{c->haptic_, "/output/haptic"};
    suggest("/interaction_profiles/khr/simple_controller",
            {aim, grip, haptic, {c->select_, "/input/select/click"}, {c->menu_, "/input/menu/click"}});
    suggest("/interaction_profiles/oculus/touch_controller",
            {aim, grip, haptic, {c->select_, "/input/trigger/value"}, {c->squeeze_, "/input/squeeze/value"},
             {c->menu_, "/input/menu/click", 1}, {c->menu_, "/input/b/click", 2}, {c->stick_, "/input/thumbstick"}});
    suggest("/interaction_profiles/valve/index_controller",
            {aim, grip, haptic, {c->select_, "/input/trigger/click"}, {c->squeeze_, "/input/squeeze/value"},
             {c->menu_, "/input/b/click"}, {c->stick_, "/input/thumbstick"}});
    suggest("/interaction_profiles/htc/vive_controller",
            {aim, grip, haptic, {c->select_, "/input/trigger/click"}, {c->squeeze_, "/input/squeeze/click"},
             {c->menu_, "/input/menu/click"}, {c->stick_, "/input/trackpad"}});
    suggest("/interaction_profiles/microsoft/motion_controller",
            {aim, grip, haptic, {c->select_, "/input/trigger/value"}, {c->squeeze_, "/input/squeeze/click"},
             {c->menu_, "/input/menu/click"}, {c->stick_, "/input/thumbstick"}});

    auto ai = xr_struct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
    ai.countActionSets = 1;
    ai.actionSets = &set;
    MEELOOP_XR_CHECK(xrAttachSessionActionSets(session.get(), &ai));
    for (int i = 0; i < 2; ++i) {
      auto ci = xr_struct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
      ci.action = c->aim_;
      ci.subactionPath = h[size_t(i)];
      ci.poseInActionSpace.orientation.w = 1.0f;
      XrSpace sp = XR_NULL_HANDLE;
      MEELOOP_XR_CHECK(xrCreateActionSpace(session.get(), &ci, &sp));
      c->aim_spaces_[size_t(i)] = XrHandle<XrSpace>(sp);
    }
    return c;
  });
}

bool Controls::read_bool(XrAction a, int hand, bool* pressed) {
  auto gi = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  gi.action = a;
  gi.subactionPath = hand_paths_[size_t(hand)];
  auto st = xr_struct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
  MEELOOP_XR_CHECK(xrGetActionStateBoolean(session_.get(), &gi, &st));
  if (pressed) *pressed = st.isActive && st.changedSinceLastSync && st.currentState;
  return st.isActive && st.currentState;
}

void Controls::sync(XrTime time, bool focused) {
  for (auto& h : hands_) h = HandState{};
  if (!focused) return;  // the runtime only gives input to the focused session
  XrActiveActionSet active{set_, XR_NULL_PATH};
  auto si = xr_struct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  si.countActiveActionSets = 1;
  si.activeActionSets = &active;
  const XrResult r = xrSyncActions(session_.get(), &si);
  if (r == XR_SESSION_NOT_FOCUSED) return;
  MEELOOP_XR_CHECK(r);
  for (int i = 0; i < 2; ++i) {
    HandState& h = hands_[size_t(i)];
    auto loc = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    MEELOOP_XR_CHECK(xrLocateSpace(aim_spaces_[size_t(i)], session_.world_space(), time, &loc));
    const XrSpaceLocationFlags need = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    h.active = (loc.locationFlags & need) == need;
    if (h.active) {
      h.aim_origin = to_vec3(loc.pose.position);
      h.aim_direction = to_quat(loc.pose.orientation) * glm::vec3(0.0f, 0.0f, -1.0f);
    }
    read_bool(select_, i, &h.select_pressed);
    read_bool(menu_, i, &h.menu_pressed);
    h.squeeze = read_bool(squeeze_, i, nullptr);
    auto gi = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    gi.action = stick_;
    gi.subactionPath = hand_paths_[size_t(i)];
    auto v = xr_struct<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
    MEELOOP_XR_CHECK(xrGetActionStateVector2f(session_.get(), &gi, &v));
    if (v.isActive) h.thumbstick = {v.currentState.x, v.currentState.y};
  }
}

void Controls::pulse(int hand, float seconds, float amplitude) {
  auto hi = xr_struct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  hi.action = haptic_;
  hi.subactionPath = hand_paths_[size_t(hand)];
  auto v = xr_struct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  v.duration = XrDuration(seconds * 1e9f);
  v.frequency = XR_FREQUENCY_UNSPECIFIED;
  v.amplitude = amplitude;
  MEELOOP_XR_CHECK(xrApplyHapticFeedback(session_.get(), &hi, reinterpret_cast<const XrHapticBaseHeader*>(&v)));
}

}  // namespace meeloop::xr
