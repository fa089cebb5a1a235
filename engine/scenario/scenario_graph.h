#pragma once
// Whole-graph checks that need every step parsed first. Each runs in time linear in steps plus
// links (a breadth-first pass each way and one pass of strongly connected components), so a
// large scenario cannot stall the loader or lint.
#include <cstddef>
#include <string>
#include <vector>

#include "core/json_file.h"
#include "scenario/scenario.h"

namespace meeloop::scenario {

// Throws ErrorException (at the offending step's pointer under `scenario_json`) when a step
// cannot be reached from the start, or no ending can be reached from a step.
void check_graph(const Scenario& sc, const JsonView& scenario_json);

// The ids a step leads to: choices, interactions with a next step, and its timer.
std::vector<std::string> successors(const Step& step);

// Steps and endings as numbers: steps are 0 .. steps-1, endings steps .. steps+endings-1.
struct StepGraph {
  size_t steps = 0;
  size_t endings = 0;
  std::vector<std::vector<size_t>> next;  // per step: where it leads (links to unknown ids left out)
};

struct GraphFacts {
  std::vector<bool> reached;        // per step and ending: reachable from the start
  std::vector<bool> finishes;       // per step: an ending can be reached from it
  std::vector<bool> into_dead_end;  // per step: a step that leads nowhere can be reached from it (or is it)
  std::vector<size_t> component;    // per step: its strongly connected component (steps that reach each other)
  std::vector<bool> on_loop;        // per step: it can come back to itself
  // Steps and links looked at over all passes together; a test checks that it stays linear.
  size_t visits = 0;
};

// Everything the graph checks need, from `start` (a step number). The strongly connected
// components come from an iterative Tarjan pass, so thousands of steps cannot overflow the stack.
GraphFacts analyse_graph(const StepGraph& graph, size_t start);

}  // namespace meeloop::scenario
