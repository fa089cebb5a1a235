#pragma once
// One OpenXR session on the runtime's Vulkan device: the session state machine, the world
// (STAGE, else LOCAL) and VIEW spaces, and the frame calls.
//
// States (OpenXR 1.0, 9.3): IDLE -> READY (we call xrBeginSession) -> SYNCHRONIZED -> VISIBLE
// -> FOCUSED and back; STOPPING (we call xrEndSession) -> IDLE -> EXITING (we leave);
// LOSS_PENDING (the runtime lost the device: we leave); an instance-loss event: we leave.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "xr/system.h"

namespace meeloop::xr {

// Why the loop should stop, if it should.
enum class ExitReason { None, RuntimeExit, SessionLost, InstanceLost, Requested };
const char* to_string(ExitReason r);
const char* state_name(XrSessionState s);

// One eye at the predicted display time, in world-space (stage or local) coordinates.
struct EyeView {
  XrPosef pose{};
  XrFovf fov{};
};

struct Frame {
  XrFrameState state{};
  bool should_render = false;            // runtime says so and the views are valid
  std::array<EyeView, 2> eyes{};
};

class Session {
 public:
  // Creates the session on `gpu` (which must come from `system.create_gpu_context`) and its
  // spaces. Both must outlive the Session.
  static Result<std::unique_ptr<Session>> create(System& system, const gpu::Context& gpu, Log& log);

  // Drains the event queue and acts on every state change. Returns false once the loop
  // should end (see exit_reason()).
  bool poll_events();
  XrSessionState state() const { return state_; }
  bool running() const { return running_; }  // between xrBeginSession and xrEndSession
  bool focused() const { return state_ == XR_SESSION_STATE_FOCUSED; }
  ExitReason exit_reason() const { return exit_; }
  // Every state seen, in order (for tests and the log).
  const std::vector<XrSessionState>& history() const { return history_; }
  // Asks the runtime to end the session (xrRequestExitSession); it walks to STOPPING.
  void request_exit();

  // xrWaitFrame + xrBeginFrame + xrLocateViews. Throws XrException.
  Frame begin_frame();
  // xrEndFrame with one projection layer (or none when `layer` is null).
  void end_frame(const Frame& frame, const XrCompositionLayerProjection* layer);

  XrSession get() const { return session_; }
  XrSpace world_space() const { return world_; }
  XrSpace view_space() const { return view_; }
  bool stage_space() const { return stage_; }  // false: LOCAL fallback (seated, floor unknown)
  System& system() const { return system_; }

 private:
  Session(System& system, Log& log) : system_(system), log_(log) {}
  void on_state(XrSessionState s);

  System& system_;
  Log& log_;
  XrHandle<XrSession> session_;  // declared before its spaces: destroyed after them
  XrHandle<XrSpace> world_, view_;
  bool stage_ = false;
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  ExitReason exit_ = ExitReason::None;
  std::vector<XrSessionState> history_;
};

}  // namespace meeloop::xr
