#include "scenario/scenario_graph.h"

#include <deque>
#include <set>

namespace meeloop::scenario {

std::vector<std::string> successors(const Step& step) {
  std::vector<std::string> out;
  for (const auto& c : step.choices) out.push_back(c.next);
  for (const auto& i : step.interactions)
    if (!i.next.empty()) out.push_back(i.next);
  if (step.timer) out.push_back(step.timer->next);
  return out;
}

void check_graph(const Scenario& sc, const JsonView& scenario_json) {
  auto steps_json = scenario_json.at("steps").elements();
  // Forward: what the start reaches.
  std::set<std::string> reached{sc.start};
  std::deque<std::string> todo{sc.start};
  while (!todo.empty()) {
    const Step* st = sc.find_step(todo.front());
    todo.pop_front();
    if (!st) continue;  // an ending
    for (const auto& n : successors(*st))
      if (reached.insert(n).second) todo.push_back(n);
  }
  for (size_t i = 0; i < sc.steps.size(); ++i)
    if (!reached.count(sc.steps[i].id))
      steps_json[i].at("id").fail("step \"" + sc.steps[i].id + "\" can never be reached from the start step \"" +
                                  sc.start + "\"");
  // Backward: which steps can still reach an ending (fixed point over the successor lists).
  std::set<std::string> finishes;
  for (const auto& e : sc.endings) finishes.insert(e.id);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& st : sc.steps) {
      if (finishes.count(st.id)) continue;
      for (const auto& n : successors(st))
        if (finishes.count(n)) {
          finishes.insert(st.id);
          grew = true;
          break;
        }
    }
  }
  std::string stuck;
  for (const auto& st : sc.steps)
    if (!finishes.count(st.id)) stuck += (stuck.empty() ? "" : ", ") + st.id;
  for (size_t i = 0; i < sc.steps.size(); ++i)
    if (!finishes.count(sc.steps[i].id))
      steps_json[i].at("id").fail("no ending can be reached from step \"" + sc.steps[i].id +
                                  "\" (steps that lead nowhere: " + stuck + "; every step needs a "
                                  "choice, an interaction or a timer that leads on towards an ending)");
}

}  // namespace meeloop::scenario
