#include "scenario/scenario_graph.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace meeloop::scenario {
namespace {

constexpr size_t kUnset = std::numeric_limits<size_t>::max();

// Marks the nodes in `todo` and every node reachable from them along `links` (forward or reversed).
void spread(const std::vector<std::vector<size_t>>& links, std::vector<size_t> todo, std::vector<bool>& seen,
            size_t& visits) {
  for (size_t n : todo) seen[n] = true;
  while (!todo.empty()) {
    size_t n = todo.back();
    todo.pop_back();
    ++visits;
    if (n >= links.size()) continue;  // an ending leads nowhere
    for (size_t m : links[n]) {
      ++visits;
      if (!seen[m]) {
        seen[m] = true;
        todo.push_back(m);
      }
    }
  }
}

// Tarjan's strongly connected components with an explicit stack of (step, next link to try).
void components(const StepGraph& g, GraphFacts& f) {
  const size_t n = g.steps;
  std::vector<size_t> order(n, kUnset), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  std::vector<std::pair<size_t, size_t>> calls;
  size_t counter = 0, count = 0;
  f.component.assign(n, kUnset);
  auto open = [&](size_t v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    calls.emplace_back(v, 0);
    ++f.visits;
  };
  for (size_t root = 0; root < n; ++root) {
    if (order[root] != kUnset) continue;
    open(root);
    while (!calls.empty()) {
      const size_t v = calls.back().first;
      if (size_t& link = calls.back().second; link < g.next[v].size()) {
        const size_t w = g.next[v][link++];
        ++f.visits;
        if (w >= n) continue;  // endings lie on no loop
        if (order[w] == kUnset) open(w);
        else if (on_stack[w]) low[v] = std::min(low[v], order[w]);
        continue;
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
      if (low[v] != order[v]) continue;
      size_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        f.component[w] = count;
      } while (w != v);
      ++count;
    }
  }
  std::vector<size_t> size(count, 0);
  for (size_t v = 0; v < n; ++v) ++size[f.component[v]];
  f.on_loop.assign(n, false);
  for (size_t v = 0; v < n; ++v)
    f.on_loop[v] = size[f.component[v]] > 1 ||
                   std::find(g.next[v].begin(), g.next[v].end(), v) != g.next[v].end();
}

}  // namespace

std::vector<std::string> successors(const Step& step) {
  std::vector<std::string> out;
  for (const auto& c : step.choices) out.push_back(c.next);
  for (const auto& i : step.interactions)
    if (!i.next.empty()) out.push_back(i.next);
  if (step.timer) out.push_back(step.timer->next);
  return out;
}

GraphFacts analyse_graph(const StepGraph& g, size_t start) {
  GraphFacts f;
  const size_t nodes = g.steps + g.endings;
  f.reached.assign(nodes, false);
  if (start < nodes) spread(g.next, {start}, f.reached, f.visits);
  // Backward passes over the reversed links: what can still reach an ending, or a dead end.
  std::vector<std::vector<size_t>> back(nodes);
  std::vector<size_t> endings, dead_ends;
  for (size_t s = 0; s < g.steps; ++s) {
    if (g.next[s].empty()) dead_ends.push_back(s);
    for (size_t t : g.next[s]) back[t].push_back(s);
  }
  for (size_t e = g.steps; e < nodes; ++e) endings.push_back(e);
  std::vector<bool> finishes(nodes, false), into_dead(nodes, false);
  spread(back, std::move(endings), finishes, f.visits);
  spread(back, std::move(dead_ends), into_dead, f.visits);
  f.finishes.assign(finishes.begin(), finishes.begin() + std::ptrdiff_t(g.steps));
  f.into_dead_end.assign(into_dead.begin(), into_dead.begin() + std::ptrdiff_t(g.steps));
  components(g, f);
  return f;
}

void check_graph(const Scenario& sc, const JsonView& scenario_json) {
  std::unordered_map<std::string, size_t> node;
  for (size_t i = 0; i < sc.steps.size(); ++i) node.emplace(sc.steps[i].id, i);
  for (size_t i = 0; i < sc.endings.size(); ++i) node.emplace(sc.endings[i].id, sc.steps.size() + i);
  StepGraph g{sc.steps.size(), sc.endings.size(), std::vector<std::vector<size_t>>(sc.steps.size())};
  for (size_t i = 0; i < sc.steps.size(); ++i)
    for (const auto& n : successors(sc.steps[i]))
      if (auto it = node.find(n); it != node.end()) g.next[i].push_back(it->second);
  auto start = node.find(sc.start);
  GraphFacts f = analyse_graph(g, start == node.end() ? g.steps + g.endings : start->second);
  auto steps_json = scenario_json.at("steps").elements();
  for (size_t i = 0; i < sc.steps.size(); ++i)
    if (!f.reached[i])
      steps_json[i].at("id").fail("step \"" + sc.steps[i].id + "\" can never be reached from the start step \"" +
                                  sc.start + "\"");
  std::string stuck;
  for (size_t i = 0; i < sc.steps.size(); ++i)
    if (!f.finishes[i]) stuck += (stuck.empty() ? "" : ", ") + sc.steps[i].id;
  for (size_t i = 0; i < sc.steps.size(); ++i)
    if (!f.finishes[i])
      steps_json[i].at("id").fail("no ending can be reached from step \"" + sc.steps[i].id +
                                  "\" (steps that lead nowhere: " + stuck + "; every step needs a "
                                  "choice, an interaction or a timer that leads on towards an ending)");
}

}  // namespace meeloop::scenario
