#pragma once
// Turns a headless choices file into a script for the headless OpenXR runtime: for every line
// the visitor's right controller points at the matching row of the in-world panel (or the
// "ask the work supervisor" row) and pulls the trigger; @wait lines simply let time pass. The
// panel's geometry comes from xr/panel.h, the same code the player hit-tests with, and the
// option order from a scenario::Runtime stepped alongside, so a changed scene or panel keeps
// the script right.
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/choices_file.h"
#include "scenario/scenario.h"

namespace meeloop::xrtest {

struct ScriptTiming {
  int refresh_hz = 5;            // low: every frame is rendered on lavapipe
  int width = 128, height = 96;  // per eye
};

// Throws ErrorException when a line does not fit the scenario (as headless play would).
nlohmann::json xr_script_for_choices(const scenario::Scenario& sc, const scenario::Script& choices,
                                     const ScriptTiming& timing = {});

}  // namespace meeloop::xrtest
