#pragma once
// Turns a headless choices file into a script for the headless OpenXR runtime: for every line
// the visitor's right controller points at the matching row of the in-world panel (or the
// "ask the work supervisor" row) and pulls the trigger; @wait lines simply let time pass. Where
// the rows are comes from xr::PanelUi run without a GPU alongside a scenario::Runtime (the same
// Dear ImGui drawing the headset shows, each click checked to choose what the line says), so a
// changed scene, text or panel keeps the script right.
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/choices_file.h"
#include "scenario/scenario.h"

namespace meeloop::xrtest {

struct ScriptTiming {
  int refresh_hz = 5;            // low: every frame is rendered on lavapipe
  int width = 128, height = 96;  // per eye
  std::string language = "nl";   // the panel's (row heights depend on the words)
};

// Throws ErrorException when a line does not fit the scenario (as headless play would).
nlohmann::json xr_script_for_choices(const scenario::Scenario& sc, const scenario::Script& choices,
                                     const ScriptTiming& timing = {});

}  // namespace meeloop::xrtest
