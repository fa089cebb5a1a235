#include "xr/panel_ui.h"

#include <algorithm>
#include <cfloat>

#include <imgui.h>

#include "core/hash.h"
#include "ui/context_scope.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace meeloop::xr {
namespace {

constexpr float kMinScale = 0.7f;  // below this a long step is cut off rather than unreadable
constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

uint64_t hash_draw_data(const ImDrawData* d) {
  Fnv1a h;
  if (!d) return h.value();
  for (int i = 0; i < d->CmdListsCount; ++i) {
    const ImDrawList* l = d->CmdLists[i];
    h.update(l->VtxBuffer.Data, size_t(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    h.update(l->IdxBuffer.Data, size_t(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer)
      h.update_value(c.ClipRect).update_value(c.ElemCount).update_value(c.IdxOffset).update_value(c.VtxOffset);
  }
  return h.value();
}

// What the panel shows, apart from hover and the clock: a change starts the text at full size.
std::string content_key(const scenario::Runtime& rt, const ui::DialogueState& s) {
  if (const scenario::Ending* e = rt.ending()) return "ending " + e->id;
  const scenario::Step* step = rt.step();
  if (!step) return {};
  // A new step clears the old answer as it is drawn.
  const std::string answer = s.shown_step == step->id ? s.supervisor_answer : std::string();
  return step->id + "\n" + answer + "\n" + s.storage_warning;
}

}  // namespace

Result<std::unique_ptr<PanelUi>> PanelUi::create(const std::string& language, const Paths& paths,
                                                  const PanelCanvas& canvas) {
  MEELOOP_ASSIGN_OR_RETURN(ui::UiText text, ui::UiText::load(paths.data_root / "data" / "ui"));
  auto p = std::unique_ptr<PanelUi>(new PanelUi());
  p->canvas_ = canvas;
  p->language_ = language;
  p->text_ = std::move(text);
  p->state_.pointer_only = true;
  ui::ContextScope scope(nullptr);
  p->context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(p->context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  MEELOOP_RETURN_IF_ERROR(ui::load_fonts(io, canvas.font_pixels, paths.font_dir));
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas on the CPU
  ImGuiStyle& style = ImGui::GetStyle();
  ui::apply_theme(style);
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.WindowPadding = ImVec2(28.0f, 24.0f);
  style.FramePadding = ImVec2(14.0f, 8.0f);
  style.ItemSpacing = ImVec2(10.0f, 6.0f);
  const ImVec4 bg = style.Colors[ImGuiCol_WindowBg];
  p->background_ = {bg.x, bg.y, bg.z, 1.0f};
  return p;
}

PanelUi::~PanelUi() {
  if (context_) ImGui::DestroyContext(context_);  // puts no context current if it was current
}

ImDrawData* PanelUi::draw_data() const {
  ui::ContextScope scope(context_);
  return ImGui::GetDrawData();
}

int PanelUi::row_at(glm::vec2 p) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].contains(p)) return int(i);
  return -1;
}

std::optional<ui::DialogueAction> PanelUi::frame(const scenario::Runtime& rt, std::optional<glm::vec2> pointer,
                                                 bool press, double dt) {
  ui::ContextScope scope(context_);
  const std::string key = content_key(rt, state_);
  if (key != shown_) {
    shown_ = key;
    scale_ = 1.0f;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = dt > 0.0 ? float(dt) : 1.0f / 90.0f;
  io.DisplaySize = ImVec2(float(canvas_.width), float(canvas_.height));
  io.FontGlobalScale = scale_;
  io.MousePos = pointer ? ImVec2(pointer->x, pointer->y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = press;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowBgAlpha(1.0f);  // a solid board in the room: text never competes with the scene
  std::optional<ui::DialogueAction> out;
  float bottom = 0;
  if (ImGui::Begin("##xr-panel", nullptr, kFlags)) {
    out = ui::draw_dialogue_contents(rt, language_, text_, state_);
    const ImGuiStyle& style = ImGui::GetStyle();
    bottom = ImGui::GetCursorPosY() - style.ItemSpacing.y + style.WindowPadding.y;
  }
  ImGui::End();
  ImGui::Render();
  // Too long for the canvas: smaller text next frame (smaller text also wraps less, so one
  // step nearly always fits), never below kMinScale.
  const float avail = float(canvas_.height);
  if (bottom > avail && scale_ > kMinScale) scale_ = std::max(kMinScale, scale_ * avail / bottom * 0.98f);
  rows_.clear();
  for (const ui::DialogueRow& r : state_.rows)
    rows_.push_back({r.action, {r.min.x, r.min.y}, {r.max.x, r.max.y}});
  hash_ = hash_draw_data(ImGui::GetDrawData());
  return out;
}

}  // namespace meeloop::xr
