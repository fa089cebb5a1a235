#pragma once
// Object model of the headless runtime. Every OpenXR handle is an opaque 64-bit id (never a
// pointer), looked up in its owner's map, so a stale or forged handle gives
// XR_ERROR_HANDLE_INVALID instead of a crash. All state is reached from the instance; the only
// process-wide state is the Registry (see below).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/log.h"
#include "script.h"
#include "trace.h"
#include "vk_util.h"
#include "xr_api.h"

namespace meeloop::xrrt {

constexpr XrSystemId kSystemId = 1;
constexpr uint32_t kMaxLayers = 16;
constexpr uint32_t kMaxImageSize = 4096;
constexpr XrTime kTimeBase = 1'000'000'000;  // XrTime of frame -1; keeps every time positive

struct Config {
  Script script;
  bool paced = true;       // sleep in xrWaitFrame to keep real time with the refresh rate
  std::string dump_dir;    // MEELOOP_XR_DUMP_DIR: PNG per eye per submitted frame
  std::string trace_path;  // MEELOOP_XR_TRACE: JSON lines of what happened
};

// XrPath atoms of one instance.
class PathTable {
 public:
  XrPath intern(const std::string& s);
  const std::string* lookup(XrPath p) const;  // nullptr for an unknown path
  std::optional<XrPath> find(const std::string& s) const;

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, XrPath> ids_;
};

struct ActionSet {
  std::string name, localized_name;
  uint32_t priority = 0;
  bool attached = false;
};

struct Action {
  uint64_t set = 0;
  std::string name, localized_name;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subaction_paths;
};

struct Space {
  bool is_action = false;
  XrReferenceSpaceType reference = XR_REFERENCE_SPACE_TYPE_STAGE;
  uint64_t action = 0;           // action spaces
  XrPath subaction = XR_NULL_PATH;
  XrPosef offset{};              // pose of the space in its reference / action pose
};

struct SwapchainImage {
  VkImageOwner image;
  VkMemoryOwner memory;
};

struct Swapchain {
  XrSwapchainCreateInfo info{};
  bool depth = false;
  VkImageUsageFlags image_usage = 0;    // what the images were created with
  VkImageUsageFlags runtime_usage = 0;  // of that, what the app did not ask for (the dump's read-back)
  std::vector<SwapchainImage> images;
  std::deque<uint32_t> acquired;         // acquired, oldest first
  std::optional<uint32_t> waited;        // acquired and waited (at most one)
  std::optional<uint32_t> last_released;  // what a layer shows
  uint32_t next = 0;                     // round-robin acquire order
  bool static_acquired = false;
};

struct ActionValue {
  bool active = false;
  bool b = false;
  float f = 0.0f;
  XrVector2f v{0, 0};
  bool changed = false;
  XrTime last_change = 0;
};

struct HapticPulse {
  int64_t frame;
  std::string action, subaction;  // names, for the trace
  XrDuration duration;
  float frequency, amplitude;
  bool stop;
};

class Instance;

struct Session {
  Instance* instance = nullptr;
  uint64_t handle = 0;
  VulkanBinding binding;
  std::unique_ptr<GpuQueue> gpu;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;  // latest state queued for the app
  bool running = false;
  bool exit_requested = false;
  bool lost = false;
  bool focus_wanted = true;  // the script can take focus away (focus_loss / focus_regain)
  int64_t next_frame = 0;    // index the next xrWaitFrame returns
  std::optional<int64_t> waited_frame, begun_frame;
  int64_t frames_ended = 0;
  std::optional<std::chrono::steady_clock::time_point> pace_start;  // real time of frame 0
  size_t script_cursor = 0;  // next script event to fire
  std::map<uint64_t, std::unique_ptr<Space>> spaces;
  std::map<uint64_t, std::unique_ptr<Swapchain>> swapchains;
  bool actions_attached = false;
  std::set<uint64_t> attached_sets;
  XrPath profile = XR_NULL_PATH;  // current interaction profile of both hands
  std::map<std::pair<uint64_t, XrPath>, ActionValue> values;
  std::vector<HapticPulse> haptics;

  XrTime frame_time(int64_t frame) const;  // predicted display time of a frame
  double frame_at(XrTime t) const;         // inverse, fractional
  XrTime now() const { return frame_time(next_frame - 1); }
};

class Instance {
 public:
  Instance(uint64_t handle, Config config, std::vector<std::string> extensions);
  uint64_t handle;
  Config config;
  Log log;
  Trace trace;
  PathTable paths;
  std::vector<std::string> extensions;
  std::string application_name;
  std::deque<XrEventDataBuffer> events;
  bool requirements_queried = false;
  VkPhysicalDevice physical_device = VK_NULL_HANDLE;  // as returned by xrGetVulkanGraphicsDevice2KHR
  VkInstance vk_instance = VK_NULL_HANDLE;            // the one it was asked about
  bool lost = false;
  std::map<uint64_t, std::unique_ptr<Session>> sessions;
  std::map<uint64_t, std::unique_ptr<ActionSet>> action_sets;
  std::map<uint64_t, std::unique_ptr<Action>> actions;
  std::map<XrPath, std::vector<std::pair<uint64_t, XrPath>>> suggested;  // profile -> (action, binding)

  bool has_extension(const char* name) const;
  // Logs why a call failed (MEELOOP_LOG level warn) and returns `r`; the spec's error codes
  // alone rarely tell an application developer what was wrong.
  XrResult fail(XrResult r, const char* function, const std::string& why);
  void push_state(Session& s, XrSessionState state);
  void push_event(const XrEventDataBuffer& e) { events.push_back(e); }
};

// Process-wide table of live instances. Unavoidable static: the loader calls entry points with
// nothing but a handle value, so something global must map it back to an instance. One mutex
// serialises all API calls (xrWaitFrame sleeps without holding it).
class Registry {
 public:
  static Registry& get();
  std::mutex mutex;
  std::map<uint64_t, std::unique_ptr<Instance>> instances;
  uint64_t new_handle() { return next_handle_++; }

  Instance* instance(XrInstance h);
  Session* session(XrSession h);
  std::pair<Session*, Space*> space(XrSpace h);
  std::pair<Session*, Swapchain*> swapchain(XrSwapchain h);
  std::pair<Instance*, ActionSet*> action_set(XrActionSet h);
  std::pair<Instance*, Action*> action(XrAction h);

 private:
  uint64_t next_handle_ = 1;
};

template <class H>
H to_handle(uint64_t id) { return reinterpret_cast<H>(static_cast<uintptr_t>(id)); }
template <class H>
uint64_t from_handle(H h) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h)); }

// Finds a struct of `type` in a next chain.
template <class T>
const T* find_in_chain(const void* next, XrStructureType type) {
  for (auto* p = static_cast<const XrBaseInStructure*>(next); p; p = p->next)
    if (p->type == type) return reinterpret_cast<const T*>(p);
  return nullptr;
}

// The two-call idiom: reports the count, fills `out` when there is room.
template <class T, class Src, class Fill>
XrResult two_call(uint32_t capacity, uint32_t* count, T* out, const std::vector<Src>& src, Fill fill) {
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  *count = uint32_t(src.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < src.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  if (!out) return XR_ERROR_VALIDATION_FAILURE;
  for (size_t i = 0; i < src.size(); ++i) fill(out[i], src[i]);
  return XR_SUCCESS;
}

// Copies a string with the two-call idiom (count includes the terminating NUL).
XrResult two_call_string(uint32_t capacity, uint32_t* count, char* out, const std::string& s);

}  // namespace meeloop::xrrt
