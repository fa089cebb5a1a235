#pragma once
// The in-world panel's texture: PanelUi's Dear ImGui drawing rendered offscreen by
// desktop::ImGuiRenderer (the window's ImGui renderer: dynamic rendering, synchronization2) into
// a UNORM image, because ImGui's colours are sRGB-encoded values; the panel quad samples it
// through an sRGB view of the same memory, so the headset shows the colours the desktop shows.
// Redrawn only when the drawing changed.
#include <memory>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "desktop/imgui_renderer.h"
#include "gpu/context.h"
#include "gpu/handle.h"
#include "xr/panel_ui.h"

namespace meeloop::xr {

class PanelTexture {
 public:
  // Uploads `ui`'s font atlas for its ImGui context. `ui` and `context` must outlive the result.
  static Result<std::unique_ptr<PanelTexture>> create(const gpu::Context& context, PanelUi& ui);
  ~PanelTexture();
  PanelTexture(const PanelTexture&) = delete;
  PanelTexture& operator=(const PanelTexture&) = delete;

  // Records the ui's last frame into the texture when it differs from what is there (only the
  // background before the ui's first frame); after this the texture is in
  // SHADER_READ_ONLY_OPTIMAL, its writes visible to fragment shaders. The frame recorded last
  // must have finished on the GPU (the renderer's buffers are rewritten). Throws GpuException.
  void record(VkCommandBuffer cmd);
  VkImageView srgb_view() const { return srgb_view_; }
  int redraws() const { return redraws_; }  // how often record() really drew (tests)

 private:
  explicit PanelTexture(const gpu::Context& context, PanelUi& ui) : context_(context), ui_(ui) {}
  const gpu::Context& context_;
  PanelUi& ui_;
  gpu::Handle<VkDeviceMemory> memory_;  // declared first: freed last
  gpu::Handle<VkImage> image_;
  gpu::Handle<VkImageView> unorm_view_, srgb_view_;
  std::unique_ptr<desktop::ImGuiRenderer> imgui_;
  bool cleared_ = false;  // in SHADER_READ_ONLY_OPTIMAL with at least the background
  bool drawn_ = false;
  uint64_t drawn_hash_ = 0;
  int redraws_ = 0;
};

}  // namespace meeloop::xr
