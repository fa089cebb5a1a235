#pragma once
// The scenario's words on screen: who says what at the current step, the prompt, the options
// (choices and object interactions) and "ask the work supervisor". Pure Dear ImGui: the desktop
// overlay, the kiosk and the headset's in-world panel all call this one function.
// Keyboard: Up/Down or 1-9 pick an option, Enter confirms, H asks the supervisor.
#include <optional>
#include <string>

#include "scenario/runtime.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

struct DialogueAction {
  enum class Kind { Choose, AskSupervisor } kind = Kind::Choose;
  std::string id;  // the option id for Choose
};

struct DialogueState {
  std::string supervisor_answer;  // locale key of the last hint at this step, shown until the step changes
  std::string shown_step;         // the step the panel last drew (resets the answer)
  int highlighted = 0;
  std::string storage_warning;    // non-empty: events wait in memory (play::Recorder::pending() > 0)
};

// Draws the panel as a window of `width` x up to `max_height` pixels anchored at the bottom
// centre of the viewport; returns what the player chose this frame, if anything. At an ending
// it shows the ending's title and debrief and returns nothing.
std::optional<DialogueAction> draw_dialogue_panel(const scenario::Runtime& rt, const std::string& lang,
                                                  const UiText& text, DialogueState& state,
                                                  float width, float max_height);

}  // namespace meeloop::ui
