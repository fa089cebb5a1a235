#pragma once
// The operator's desktop window during headset play: the left eye as the visitor sees it,
// letterboxed, and a strip with the current step, the elapsed time and the keys
// P (pause / fade to black), R (recentre) and Esc (stop the session cleanly). Closing the
// window is the same as Esc. Scripted input (desktop/input_script.h) drives it in tests.
//
// The mirror must never take the headset down: after any window or GPU error it logs one
// warning and switches itself off; the session goes on.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "desktop/input_script.h"
#include "gpu/context.h"

namespace meeloop::xr {

struct MirrorOptions {
  int width = 960, height = 600;              // window size in screen coordinates
  std::optional<desktop::InputScript> script;  // --input-script
  std::string language = "nl";                 // of the strip (data/ui/<lang>.json)
  float font_pixels = 22.0f;
  Paths paths;  // Settings::paths: the strip's texts (data/ui) and fonts
};

// What the operator asked for since the last poll.
struct OperatorRequests {
  bool toggle_pause = false;
  bool recentre = false;
  bool stop = false;  // Esc, or the window was closed
};

// What the strip shows.
struct MirrorStatus {
  int64_t frame = 0;            // the runtime's frame number (xrWaitFrame count - 1)
  std::string step;             // step id, or the ending's id once finished
  int step_number = 0, step_count = 0;  // 1-based; 0 at an ending
  bool finished = false;
  double elapsed_seconds = 0;   // since the first headset frame
  bool paused = false;
  bool stopping = false;        // the session is ending
};

class MirrorWindow {
 public:
  // Opens GLFW and the window. Failure when there is no display or no window could open.
  // Call before creating the Vulkan context: it needs instance_extensions() and
  // VK_KHR_swapchain on the device.
  static Result<std::unique_ptr<MirrorWindow>> open(const MirrorOptions& options, Log& log);
  ~MirrorWindow();
  MirrorWindow(const MirrorWindow&) = delete;
  MirrorWindow& operator=(const MirrorWindow&) = delete;

  std::vector<std::string> instance_extensions() const;
  static const char* device_extension() { return VK_KHR_SWAPCHAIN_EXTENSION_NAME; }
  // Connects the window to the headset's Vulkan device (which must outlive this window).
  Status attach(const gpu::Context& context);
  bool active() const;  // attached and not switched off

  // Once per headset frame: window events and scripted input. `seconds`: display time since
  // the first frame (the script's clock).
  OperatorRequests poll(double seconds);
  // Inside the headset frame's command buffer, after everything is drawn into `eye_image`
  // (layer 0 = left eye, COLOR_ATTACHMENT_OPTIMAL before and after, from a swapchain created
  // with SwapchainUse::copied_out: this copies out of it).
  void record_eye_copy(VkCommandBuffer cmd, VkImage eye_image, VkFormat format, uint32_t width, uint32_t height);
  // After that command buffer was submitted: the strip, then present (skipped when the
  // window system is busy).
  void present(const MirrorStatus& status);

  // The script has run out (tests: every action was played).
  bool script_done() const;

 private:
  struct Impl;
  explicit MirrorWindow(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "mm:ss" (or "h:mm:ss" from an hour on), for the strip.
std::string format_elapsed(double seconds);

}  // namespace meeloop::xr
