#include "script.h"

#include <algorithm>
#include <cmath>

#include "core/json_file.h"
#include "pose_math.h"

namespace meeloop::xrrt {
namespace {

constexpr size_t idx(Track t) { return static_cast<size_t>(t); }

XrPosef default_pose(Track t) {
  switch (t) {
    case Track::Head: return {{0, 0, 0, 1}, {0.0f, 1.6f, 0.0f}};
    case Track::LeftGrip:
    case Track::LeftAim: return {{0, 0, 0, 1}, {-0.2f, 1.1f, -0.3f}};
    case Track::RightGrip:
    case Track::RightAim: return {{0, 0, 0, 1}, {0.2f, 1.1f, -0.3f}};
    case Track::Count: break;
  }
  return pose_identity();
}

// {"position": [x,y,z], "orientation": [x,y,z,w]} or {"yaw_pitch_roll_deg": [y,p,r]}.
XrPosef parse_pose(const JsonView& v, const XrPosef& fallback) {
  v.expect_object();
  v.expect_only({"position", "orientation", "yaw_pitch_roll_deg"});
  XrPosef p = fallback;
  if (auto pos = v.find("position")) {
    auto n = pos->as_numbers(3);
    p.position = {float(n[0]), float(n[1]), float(n[2])};
  }
  auto q = v.find("orientation");
  auto ypr = v.find("yaw_pitch_roll_deg");
  if (q && ypr) v.fail("give either \"orientation\" or \"yaw_pitch_roll_deg\", not both");
  if (q) {
    auto n = q->as_numbers(4);
    const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2] + n[3] * n[3]);
    if (len < 1e-6) q->fail("expected a non-zero quaternion [x, y, z, w]");
    p.orientation = quat_normalize({float(n[0]), float(n[1]), float(n[2]), float(n[3])});
  } else if (ypr) {
    auto n = ypr->as_numbers(3);
    const auto axis = [](float x, float y, float z, double deg) {
      const float h = float(deg * M_PI / 360.0);
      return XrQuaternionf{x * std::sin(h), y * std::sin(h), z * std::sin(h), std::cos(h)};
    };
    // Yaw about +Y, then pitch about the turned +X, then roll about the resulting -Z (forward).
    p.orientation = quat_mul(quat_mul(axis(0, 1, 0, n[0]), axis(1, 0, 0, n[1])), axis(0, 0, -1, n[2]));
  }
  return p;
}

void parse_hand(const JsonView& v, double frame, int hand, Script& s) {
  v.expect_object();
  v.expect_only({"grip", "aim", "select", "menu", "a", "b", "thumbstick_click", "trigger",
                 "squeeze", "thumbstick"});
  const Track grip = hand == 0 ? Track::LeftGrip : Track::RightGrip;
  const Track aim = hand == 0 ? Track::LeftAim : Track::RightAim;
  if (auto g = v.find("grip")) s.tracks[idx(grip)].push_back({frame, parse_pose(*g, s.pose_at(grip, frame))});
  if (auto a = v.find("aim")) s.tracks[idx(aim)].push_back({frame, parse_pose(*a, s.pose_at(aim, frame))});

  auto& list = s.inputs[size_t(hand)];
  HandInput in = list.empty() ? HandInput{} : list.back().second;
  bool any = false;
  const auto flag = [&](const char* key, bool& out) {
    if (auto b = v.find(key)) { out = b->as_bool(); any = true; }
  };
  flag("select", in.select);
  flag("menu", in.menu);
  flag("a", in.a);
  flag("b", in.b);
  flag("thumbstick_click", in.thumbstick_click);
  if (auto t = v.find("trigger")) { in.trigger = float(t->as_number(0, 1)); any = true; }
  if (auto t = v.find("squeeze")) { in.squeeze = float(t->as_number(0, 1)); any = true; }
  if (auto t = v.find("thumbstick")) {
    auto n = t->as_numbers(2);
    if (std::fabs(n[0]) > 1 || std::fabs(n[1]) > 1) t->fail("expected [x, y] within -1..1");
    in.thumbstick = {float(n[0]), float(n[1])};
    any = true;
  }
  if (!any) return;
  const auto f = int64_t(std::llround(frame));
  if (!list.empty() && list.back().first == f) list.back().second = in;
  else list.emplace_back(f, in);
}

ScriptEventKind parse_event(const JsonView& v) {
  const std::string e = v.as_string();
  if (e == "focus_loss") return ScriptEventKind::FocusLoss;
  if (e == "focus_regain") return ScriptEventKind::FocusRegain;
  if (e == "request_exit") return ScriptEventKind::RequestExit;
  if (e == "session_loss") return ScriptEventKind::SessionLoss;
  if (e == "instance_loss") return ScriptEventKind::InstanceLoss;
  v.fail("expected one of focus_loss, focus_regain, request_exit, session_loss, instance_loss");
}

Script parse(const JsonView& root) {
  Script s;
  s.file = root.document().file;
  root.expect_object();
  root.expect_only({"display", "stage", "paced", "interaction_profile", "timeline", "comment"});
  if (auto d = root.find("display")) {
    d->expect_object();
    d->expect_only({"width", "height", "refresh_hz", "ipd_m"});
    if (auto w = d->find("width")) s.width = uint32_t(w->as_int(16, 4096));
    if (auto h = d->find("height")) s.height = uint32_t(h->as_int(16, 4096));
    if (auto r = d->find("refresh_hz")) s.refresh_hz = r->as_number(1, 500);
    if (auto i = d->find("ipd_m")) s.ipd_m = float(i->as_number(0, 0.2));
  }
  if (auto st = root.find("stage")) {
    st->expect_object();
    st->expect_only({"width_m", "depth_m"});
    s.stage_width_m = float(st->number_or("width_m", s.stage_width_m));
    s.stage_depth_m = float(st->number_or("depth_m", s.stage_depth_m));
    if (s.stage_width_m <= 0 || s.stage_depth_m <= 0) st->fail("stage sizes must be positive");
  }
  if (auto p = root.find("paced")) s.paced = p->as_bool();
  if (auto p = root.find("interaction_profile")) s.interaction_profile = p->as_string();

  double last = -1;
  if (auto tl = root.find("timeline")) {
    for (const JsonView& e : tl->elements()) {
      e.expect_object();
      e.expect_only({"frame", "time_s", "head", "left", "right", "event", "comment"});
      const auto f = e.find("frame");
      const auto t = e.find("time_s");
      if (f.has_value() == t.has_value()) e.fail("expected exactly one of \"frame\" or \"time_s\"");
      const double frame = f ? double(f->as_int(0, 100000000)) : t->as_number(0, 1e7) * s.refresh_hz;
      if (frame < last) e.fail("timeline entries must be in time order");
      last = frame;
      if (auto h = e.find("head")) s.tracks[idx(Track::Head)].push_back({frame, parse_pose(*h, s.pose_at(Track::Head, frame))});
      if (auto l = e.find("left")) parse_hand(*l, frame, 0, s);
      if (auto r = e.find("right")) parse_hand(*r, frame, 1, s);
      if (auto ev = e.find("event")) s.events.push_back({int64_t(std::llround(frame)), parse_event(*ev)});
    }
  }
  return s;
}

}  // namespace

const char* to_string(ScriptEventKind kind) {
  switch (kind) {
    case ScriptEventKind::FocusLoss: return "focus_loss";
    case ScriptEventKind::FocusRegain: return "focus_regain";
    case ScriptEventKind::RequestExit: return "request_exit";
    case ScriptEventKind::SessionLoss: return "session_loss";
    case ScriptEventKind::InstanceLoss: return "instance_loss";
  }
  return "?";
}

XrPosef Script::pose_at(Track track, double frame) const {
  const auto& keys = tracks[idx(track)];
  if (keys.empty()) {
    if (track == Track::LeftAim) return pose_at(Track::LeftGrip, frame);
    if (track == Track::RightAim) return pose_at(Track::RightGrip, frame);
    return default_pose(track);
  }
  if (frame <= keys.front().frame) return keys.front().pose;
  if (frame >= keys.back().frame) return keys.back().pose;
  auto hi = std::upper_bound(keys.begin(), keys.end(), frame,
                             [](double f, const PoseKey& k) { return f < k.frame; });
  auto lo = hi - 1;
  const double span = hi->frame - lo->frame;
  return span <= 0 ? hi->pose : pose_lerp(lo->pose, hi->pose, float((frame - lo->frame) / span));
}

HandInput Script::input_at(int hand, double frame) const {
  HandInput in;
  for (const auto& [f, state] : inputs[size_t(hand)]) {
    if (double(f) > frame + 1e-9) break;
    in = state;
  }
  return in;
}

Script default_script() { return Script{}; }

Result<Script> load_script(const std::filesystem::path& path) {
  auto doc = read_json_file(path);
  if (!doc) return doc.error();
  try {
    return parse(JsonView::root(doc.value()));
  } catch (const ErrorException& e) {
    return e.error();
  }
}

}  // namespace meeloop::xrrt
