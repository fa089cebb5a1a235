#pragma once
// The scenario's words on screen: who says what at the current step, the prompt, the options
// (choices and object interactions) and "ask the work supervisor". Pure Dear ImGui: the desktop
// overlay, the kiosk and the headset's in-world panel all call this one function.
// Keyboard: Up/Down or 1-9 pick an option, Enter confirms, H asks the supervisor; at an ending
// Enter continues. Digits and H arrive as typed characters (ImGui 1.86 has no key codes for
// them), so the host must forward text input (glfw char callback) as usual.
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "scenario/runtime.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

struct DialogueAction {
  enum class Kind { Choose, AskSupervisor, Continue } kind = Kind::Choose;
  std::string id;  // the option id for Choose
};

// Where a clickable row (an option, "ask the work supervisor", an ending's "continue") was drawn
// in the last frame, in ImGui screen pixels: for hosts that hit-test or script a pointer.
struct DialogueRow {
  DialogueAction action;
  ImVec2 min, max;
};

struct DialogueState {
  std::string supervisor_answer;  // locale key of the last hint at this step, shown until the step changes
  std::string shown_step;         // the step the panel last drew (resets the answer)
  int highlighted = 0;
  // Non-empty: events wait in memory (play::Recorder::pending() > 0); the panel then shows the
  // localised "dialogue.storage_warning" line (this string itself may be technical, so it is
  // not shown to the visitor).
  std::string storage_warning;
  // The headset's panel: options are picked by pointing only, so there is no keyboard
  // highlight, no key handling and no line of key hints. Off for the desktop and kiosk.
  bool pointer_only = false;
  // Filled by every draw: the clickable rows in drawing order.
  std::vector<DialogueRow> rows;
};

// Draws the panel as a window of `width` x up to `max_height` pixels anchored at the bottom
// centre of the viewport, growing with its (wrapped) text and scrolling, with the highlighted
// option kept in view, only when that does not fit; returns what the player chose this frame. At an ending
// it shows the ending's title and debrief and returns Continue when the player confirms.
// The caller applies the action (rt.choose / rt.ask_supervisor, storing the hint key in
// state.supervisor_answer).
std::optional<DialogueAction> draw_dialogue_panel(const scenario::Runtime& rt, const std::string& lang,
                                                  const UiText& text, DialogueState& state,
                                                  float width, float max_height);

// The same content drawn into the caller's current window (no placement, no Begin/End), for
// hosts with their own window such as the headset's in-world panel. Text and options wrap at
// the window's width; a long option grows the window instead of being cut off.
std::optional<DialogueAction> draw_dialogue_contents(const scenario::Runtime& rt, const std::string& lang,
                                                     const UiText& text, DialogueState& state);

// Applies `action` to `rt` (choose or ask), filling state.supervisor_answer; Continue is the
// caller's. Errors are the runtime's (a sink that failed).
Status apply_dialogue_action(scenario::Runtime& rt, const DialogueAction& action, DialogueState& state);

}  // namespace meeloop::ui
