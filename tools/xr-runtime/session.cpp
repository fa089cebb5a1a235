// xrCreateSession .. xrDestroySession and the session state machine (spec 9.3).
#include "session.h"

#include <algorithm>
#include <stdexcept>

#include "api.h"

namespace meeloop::xrrt {

void walk_to_stopping(Instance& inst, Session& s) {
  if (s.state == XR_SESSION_STATE_FOCUSED) inst.push_state(s, XR_SESSION_STATE_VISIBLE);
  if (s.state == XR_SESSION_STATE_VISIBLE) inst.push_state(s, XR_SESSION_STATE_SYNCHRONIZED);
  if (s.state == XR_SESSION_STATE_READY) inst.push_state(s, XR_SESSION_STATE_SYNCHRONIZED);
  if (s.state == XR_SESSION_STATE_SYNCHRONIZED) inst.push_state(s, XR_SESSION_STATE_STOPPING);
}

void update_focus(Instance& inst, Session& s) {
  if (!s.running || s.exit_requested || s.lost || s.frames_ended == 0) return;
  if (s.state == XR_SESSION_STATE_SYNCHRONIZED) inst.push_state(s, XR_SESSION_STATE_VISIBLE);
  if (s.state == XR_SESSION_STATE_VISIBLE && s.focus_wanted) inst.push_state(s, XR_SESSION_STATE_FOCUSED);
  if (s.state == XR_SESSION_STATE_FOCUSED && !s.focus_wanted) inst.push_state(s, XR_SESSION_STATE_VISIBLE);
}

void fire_script_events(Instance& inst, Session& s, int64_t frame) {
  const auto& events = inst.config.script.events;
  while (s.script_cursor < events.size() && events[s.script_cursor].frame <= frame) {
    const ScriptEvent& e = events[s.script_cursor++];
    inst.trace.write({{"event", "script"}, {"kind", to_string(e.kind)}, {"frame", frame}});
    switch (e.kind) {
      case ScriptEventKind::FocusLoss: s.focus_wanted = false; update_focus(inst, s); break;
      case ScriptEventKind::FocusRegain: s.focus_wanted = true; update_focus(inst, s); break;
      case ScriptEventKind::RequestExit:
        if (s.running && !s.exit_requested) {
          s.exit_requested = true;
          walk_to_stopping(inst, s);
        }
        break;
      case ScriptEventKind::SessionLoss:
        inst.push_state(s, XR_SESSION_STATE_LOSS_PENDING);
        s.lost = true;
        break;
      case ScriptEventKind::InstanceLoss: {
        XrEventDataBuffer buf{};
        buf.type = XR_TYPE_EVENT_DATA_BUFFER;
        auto* ev = reinterpret_cast<XrEventDataInstanceLossPending*>(&buf);
        ev->type = XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING;
        ev->next = nullptr;
        ev->lossTime = s.now();
        inst.push_event(buf);
        inst.lost = true;
        break;
      }
    }
  }
}

XrResult loss_result(const Instance& inst, const Session& s) {
  if (inst.lost) return XR_ERROR_INSTANCE_LOST;
  if (s.lost) return XR_ERROR_SESSION_LOST;
  return XR_SUCCESS;
}

namespace api {

XrResult XRAPI_CALL CreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Instance* inst = reg.instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_SESSION_CREATE_INFO || info->createFlags != 0) return XR_ERROR_VALIDATION_FAILURE;
  if (inst->lost) return XR_ERROR_INSTANCE_LOST;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  const char* fn = "xrCreateSession";
  if (!inst->requirements_queried)
    return inst->fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, fn, "call xrGetVulkanGraphicsRequirements2KHR first");
  const auto* b = find_in_chain<XrGraphicsBindingVulkan2KHR>(info->next, XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  if (!b) return inst->fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "no XrGraphicsBindingVulkan2KHR in the next chain");
  if (!b->instance || !b->physicalDevice || !b->device)
    return inst->fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "the Vulkan binding has a null instance, physical device or device");
  if (b->physicalDevice != inst->physical_device)
    return inst->fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "physicalDevice is not the one xrGetVulkanGraphicsDevice2KHR returned");
  uint32_t nq = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(b->physicalDevice, &nq, nullptr);
  std::vector<VkQueueFamilyProperties> families(nq);
  vkGetPhysicalDeviceQueueFamilyProperties(b->physicalDevice, &nq, families.data());
  if (b->queueFamilyIndex >= nq || !(families[b->queueFamilyIndex].queueFlags & VK_QUEUE_GRAPHICS_BIT) ||
      b->queueIndex >= families[b->queueFamilyIndex].queueCount)
    return inst->fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, fn, "queueFamilyIndex/queueIndex do not name a graphics queue");
  // One session per instance, as on a headset (spec: XR_ERROR_LIMIT_REACHED).
  if (!inst->sessions.empty()) return inst->fail(XR_ERROR_LIMIT_REACHED, fn, "this runtime allows one session at a time");

  auto s = std::make_unique<Session>();
  s->instance = inst;
  s->handle = reg.new_handle();
  s->binding = {b->instance, b->physicalDevice, b->device, b->queueFamilyIndex, b->queueIndex};
  try {
    s->gpu = std::make_unique<GpuQueue>(s->binding);
  } catch (const std::exception& e) {
    return inst->fail(XR_ERROR_RUNTIME_FAILURE, fn, e.what());
  }
  Session& ref = *s;
  inst->sessions.emplace(s->handle, std::move(s));
  inst->push_state(ref, XR_SESSION_STATE_IDLE);
  inst->push_state(ref, XR_SESSION_STATE_READY);
  *out = to_handle<XrSession>(ref.handle);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroySession(XrSession session) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  // Queued events must not name a handle the application has destroyed.
  std::erase_if(inst.events, [&](const XrEventDataBuffer& e) {
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
      return reinterpret_cast<const XrEventDataSessionStateChanged&>(e).session == session;
    if (e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED)
      return reinterpret_cast<const XrEventDataInteractionProfileChanged&>(e).session == session;
    return false;
  });
  inst.trace.write({{"event", "session_destroyed"}, {"frames", s->frames_ended}});
  inst.sessions.erase(s->handle);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL BeginSession(XrSession session, const XrSessionBeginInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (!info || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (s->running) return inst.fail(XR_ERROR_SESSION_RUNNING, "xrBeginSession", "the session is already running");
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return inst.fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, "xrBeginSession", "only PRIMARY_STEREO is supported");
  if (s->state != XR_SESSION_STATE_READY)
    return inst.fail(XR_ERROR_SESSION_NOT_READY, "xrBeginSession", "the session is not READY");
  s->running = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EndSession(XrSession session) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!s->running) return inst.fail(XR_ERROR_SESSION_NOT_RUNNING, "xrEndSession", "the session is not running");
  if (s->state != XR_SESSION_STATE_STOPPING)
    return inst.fail(XR_ERROR_SESSION_NOT_STOPPING, "xrEndSession", "the session is not STOPPING");
  s->running = false;
  s->waited_frame.reset();
  s->begun_frame.reset();
  inst.push_state(*s, XR_SESSION_STATE_IDLE);
  // STOPPING only ever comes from an exit request here, so the session always ends in EXITING.
  if (s->exit_requested) inst.push_state(*s, XR_SESSION_STATE_EXITING);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL RequestExitSession(XrSession session) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!s->running) return inst.fail(XR_ERROR_SESSION_NOT_RUNNING, "xrRequestExitSession", "the session is not running");
  s->exit_requested = true;
  walk_to_stopping(inst, *s);
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace meeloop::xrrt
