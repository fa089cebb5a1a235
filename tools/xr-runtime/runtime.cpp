#include "runtime.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/settings.h"

namespace meeloop::xrrt {
namespace {
// The loader loads this library into someone else's process: only the environment reaches it.
// An unknown value keeps the default rather than failing the application's xrCreateInstance.
LogLevel log_level_from_environment() {
  const char* v = std::getenv("MEELOOP_LOG");
  if (!v || !*v) return LogLevel::Warn;
  auto level = parse_log_level(v);
  return level ? *level : LogLevel::Warn;
}
}  // namespace

XrPath PathTable::intern(const std::string& s) {
  auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  strings_.push_back(s);
  const XrPath id = strings_.size();  // 0 is XR_NULL_PATH
  ids_.emplace(s, id);
  return id;
}

const std::string* PathTable::lookup(XrPath p) const {
  if (p == XR_NULL_PATH || p > strings_.size()) return nullptr;
  return &strings_[p - 1];
}

std::optional<XrPath> PathTable::find(const std::string& s) const {
  auto it = ids_.find(s);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

XrTime Session::frame_time(int64_t frame) const {
  const double period = 1e9 / instance->config.script.refresh_hz;
  return kTimeBase + XrTime(std::llround(double(frame + 1) * period));
}

double Session::frame_at(XrTime t) const {
  const double period = 1e9 / instance->config.script.refresh_hz;
  return double(t - kTimeBase) / period - 1.0;
}

Instance::Instance(uint64_t h, Config c, std::vector<std::string> exts)
    : handle(h), config(std::move(c)), log(log_level_from_environment()), trace(config.trace_path),
      extensions(std::move(exts)) {}

bool Instance::has_extension(const char* name) const {
  for (const auto& e : extensions)
    if (e == name) return true;
  return false;
}

XrResult Instance::fail(XrResult r, const char* function, const std::string& why) {
  log.warn(std::string("meeloop-xr: ") + function + ": " + why);
  trace.write({{"event", "error"}, {"function", function}, {"result", int(r)}, {"message", why}});
  return r;
}

namespace {
const char* state_name(XrSessionState s) {
  switch (s) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
  }
}
}  // namespace

void Instance::push_state(Session& s, XrSessionState state) {
  if (s.state == state) return;
  s.state = state;
  XrEventDataBuffer buf{};
  buf.type = XR_TYPE_EVENT_DATA_BUFFER;
  auto* e = reinterpret_cast<XrEventDataSessionStateChanged*>(&buf);
  e->type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  e->next = nullptr;
  e->session = to_handle<XrSession>(s.handle);
  e->state = state;
  e->time = s.now();
  push_event(buf);
  trace.write({{"event", "state"}, {"state", state_name(state)}, {"frame", s.next_frame - 1}});
  log.debug(std::string("meeloop-xr: session state ") + state_name(state));
}

Registry& Registry::get() {
  static Registry registry;
  return registry;
}

Instance* Registry::instance(XrInstance h) {
  auto it = instances.find(from_handle(h));
  return it == instances.end() ? nullptr : it->second.get();
}

Session* Registry::session(XrSession h) {
  for (auto& [id, inst] : instances) {
    auto it = inst->sessions.find(from_handle(h));
    if (it != inst->sessions.end()) return it->second.get();
  }
  return nullptr;
}

std::pair<Session*, Space*> Registry::space(XrSpace h) {
  for (auto& [id, inst] : instances)
    for (auto& [sid, s] : inst->sessions) {
      auto it = s->spaces.find(from_handle(h));
      if (it != s->spaces.end()) return {s.get(), it->second.get()};
    }
  return {nullptr, nullptr};
}

std::pair<Session*, Swapchain*> Registry::swapchain(XrSwapchain h) {
  for (auto& [id, inst] : instances)
    for (auto& [sid, s] : inst->sessions) {
      auto it = s->swapchains.find(from_handle(h));
      if (it != s->swapchains.end()) return {s.get(), it->second.get()};
    }
  return {nullptr, nullptr};
}

std::pair<Instance*, ActionSet*> Registry::action_set(XrActionSet h) {
  for (auto& [id, inst] : instances) {
    auto it = inst->action_sets.find(from_handle(h));
    if (it != inst->action_sets.end()) return {inst.get(), it->second.get()};
  }
  return {nullptr, nullptr};
}

std::pair<Instance*, Action*> Registry::action(XrAction h) {
  for (auto& [id, inst] : instances) {
    auto it = inst->actions.find(from_handle(h));
    if (it != inst->actions.end()) return {inst.get(), it->second.get()};
  }
  return {nullptr, nullptr};
}

XrResult two_call_string(uint32_t capacity, uint32_t* count, char* out, const std::string& s) {
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  *count = uint32_t(s.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < s.size() + 1) return XR_ERROR_SIZE_INSUFFICIENT;
  if (!out) return XR_ERROR_VALIDATION_FAILURE;
  std::memcpy(out, s.c_str(), s.size() + 1);
  return XR_SUCCESS;
}

}  // namespace meeloop::xrrt
