// Scenario checks over the raw JSON, so that one wrong value does not hide the others:
// where each "next" leads, whether every step is reachable and can reach an ending, and
// whether evidence, objects and speakers name things that exist.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "lint/lint_context.h"
#include "scenario/scenario_graph.h"
#include "scenario/scenario_limits.h"

namespace meeloop::lint {
namespace {

using Ids = std::set<std::string>;

std::vector<std::string> sorted(const Ids& ids) { return {ids.begin(), ids.end()}; }

class ScenarioChecks {
 public:
  explicit ScenarioChecks(const Context& ctx) : ctx_(ctx), sc_(ctx.scene->root["scenario"]) {
    for (const Json& m : array_member(ctx.scene->root, "models"))
      if (auto id = string_member(m, "id"); !id.empty()) models_.insert(id);
    for (const Json& c : array_member(sc_, "characters"))
      if (auto id = string_member(c, "id"); !id.empty()) characters_.insert(id);
    const Json& steps = array_member(sc_, "steps");
    for (const Json& s : steps) step_ids_.push_back(string_member(s, "id"));
    for (const Json& e : array_member(sc_, "endings")) endings_.insert(string_member(e, "id"));
    targets_.insert(step_ids_.begin(), step_ids_.end());
    targets_.insert(endings_.begin(), endings_.end());
  }

  void run() {
    const std::string base = "/scenario";
    // Over a cap the loader refuses the file before anything else, and so does lint: a problem
    // per step of 20,000 would take minutes to place (and to read).
    if (auto breach = scenario::scenario_over_limits(sc_, base)) {
      ctx_.add(breach->pointer, Severity::Error, "schema", breach->message);
      return;
    }
    std::string start = string_member(sc_, "start");
    bool start_ok = !start.empty() && std::find(step_ids_.begin(), step_ids_.end(), start) != step_ids_.end();
    if (!start.empty() && !start_ok)
      ctx_.add(base + "/start", Severity::Error, "unknown-next",
               "\"" + start + "\" is not a step (steps: " + join(step_ids_) + ")");
    for (size_t i = 0; const Json& c : array_member(sc_, "characters")) {
      std::string p = base + "/characters/" + std::to_string(i++);
      if (const Json* m = member(c, "model"); m && m->is_string() && !models_.count(m->get<std::string>()))
        ctx_.add(p + "/model", Severity::Error, "character-model", not_a_model(m->get<std::string>()));
    }
    if (const Json* sup = member(sc_, "supervisor")) evidence(*sup, base + "/supervisor");
    const Json& steps = array_member(sc_, "steps");
    for (size_t i = 0; i < steps.size(); ++i) step(steps[i], base + "/steps/" + std::to_string(i), i);
    const Json& endings = array_member(sc_, "endings");
    for (size_t i = 0; i < endings.size(); ++i) evidence(endings[i], base + "/endings/" + std::to_string(i));
    if (start_ok) graph(start);
  }

 private:
  std::string not_a_model(const std::string& id) const {
    return "\"" + id + "\" is not the id of a model in this scene's models[] (known: " + join(sorted(models_)) + ")";
  }

  void next(const Json& item, const std::string& p, size_t step) {
    const Json* n = member(item, "next");
    if (!n || !n->is_string()) return;  // missing or wrong type: the loader's error says so
    std::string id = n->get<std::string>();
    if (!targets_.count(id)) {
      ctx_.add(p + "/next", Severity::Error, "unknown-next",
               "\"" + id + "\" is neither a step nor an ending (known: " + join(sorted(targets_)) + ")");
      return;
    }
    successors_[step].push_back(id);
  }

  void evidence(const Json& item, const std::string& p) {
    const Json& list = array_member(item, "evidence");
    if (ctx_.options.dimensions.empty()) return;
    for (size_t k = 0; k < list.size(); ++k) {
      std::string dim = string_member(list[k], "dimension");
      if (dim.empty() || ctx_.options.dimensions.count(dim)) continue;
      ctx_.add(p + "/evidence/" + std::to_string(k) + "/dimension", Severity::Error, "unknown-dimension",
               "unknown dimension \"" + dim + "\" (known, from data/dimensions.json: " +
                   join(sorted(ctx_.options.dimensions)) + ")");
    }
  }

  void step(const Json& s, const std::string& p, size_t i) {
    successors_.emplace(i, std::vector<std::string>{});
    const Json& lines = array_member(s, "lines");
    for (size_t k = 0; k < lines.size(); ++k)
      if (auto sp = string_member(lines[k], "speaker"); !sp.empty() && !characters_.count(sp))
        ctx_.add(p + "/lines/" + std::to_string(k) + "/speaker", Severity::Error, "unknown-speaker",
                 "unknown speaker \"" + sp + "\" (characters: " + join(sorted(characters_)) + ")");
    const Json& choices = array_member(s, "choices");
    for (size_t k = 0; k < choices.size(); ++k) {
      std::string cp = p + "/choices/" + std::to_string(k);
      next(choices[k], cp, i);
      evidence(choices[k], cp);
      if (array_member(choices[k], "evidence").empty())
        ctx_.add(cp, Severity::Warning, "choice-no-evidence",
                 "choice \"" + string_member(choices[k], "id") +
                     "\" gives no evidence, so taking it tells the profile nothing: add \"evidence\" with "
                     "a dimension, a weight and a reason");
    }
    const Json& inters = array_member(s, "interactions");
    for (size_t k = 0; k < inters.size(); ++k) {
      std::string ip = p + "/interactions/" + std::to_string(k);
      next(inters[k], ip, i);
      evidence(inters[k], ip);
      if (const Json* o = member(inters[k], "object"); o && o->is_string() && !models_.count(o->get<std::string>()))
        ctx_.add(ip + "/object", Severity::Error, "interaction-object", not_a_model(o->get<std::string>()));
    }
    if (const Json* t = member(s, "timer")) {
      next(*t, p + "/timer", i);
      evidence(*t, p + "/timer");
    }
  }

  std::string step_pointer(size_t i) const { return "/scenario/steps/" + std::to_string(i) + "/id"; }

  // Reachability from the start, dead ends, and loops that never reach an ending: one linear
  // analysis of the graph (scenario/scenario_graph.h), shared with the loader.
  void graph(const std::string& start) {
    const Json& endings = array_member(sc_, "endings");
    std::unordered_map<std::string, size_t> node;  // a repeated id counts as its first use
    for (size_t i = 0; i < step_ids_.size(); ++i) node.emplace(step_ids_[i], i);
    for (size_t i = 0; i < endings.size(); ++i) node.emplace(string_member(endings[i], "id"), step_ids_.size() + i);
    scenario::StepGraph g{step_ids_.size(), endings.size(), std::vector<std::vector<size_t>>(step_ids_.size())};
    for (const auto& [i, nexts] : successors_)
      for (const auto& n : nexts) g.next[i].push_back(node.at(n));
    const scenario::GraphFacts f = scenario::analyse_graph(g, node.at(start));
    auto reached = [&](const std::string& id) { return f.reached[node.at(id)]; };
    auto finishes = [&](const std::string& id) { size_t n = node.at(id); return n >= g.steps || f.finishes[n]; };
    for (size_t i = 0; i < step_ids_.size(); ++i)
      if (!step_ids_[i].empty() && !reached(step_ids_[i]))
        ctx_.add(step_pointer(i), Severity::Error, "unreachable-step",
                 "step \"" + step_ids_[i] + "\" can never be reached from the start step \"" + start +
                     "\": let a choice, interaction or timer lead here, or remove the step");
    for (size_t i = 0; i < endings.size(); ++i)
      if (auto id = string_member(endings[i], "id"); !id.empty() && !reached(id))
        ctx_.add("/scenario/endings/" + std::to_string(i) + "/id", Severity::Warning, "unreachable-ending",
                 "ending \"" + id + "\" can never be reached from the start step \"" + start + "\"");
    for (size_t i = 0; i < step_ids_.size(); ++i)
      if (g.next[i].empty() && !step_ids_[i].empty())
        ctx_.add(step_pointer(i), Severity::Error, "dead-end",
                 "step \"" + step_ids_[i] + "\" has no choice, no interaction with \"next\" and no timer, so "
                 "the player is stuck here: lead it on to another step or to an ending");
    // A stuck step that is not itself a dead end and cannot run into one sits in (or leads into)
    // a loop without an exit; report the steps on the loop, where the fix belongs.
    std::unordered_map<size_t, std::string> loops;  // component -> its steps, in file order
    for (size_t i = 0; i < step_ids_.size(); ++i)
      if (!step_ids_[i].empty()) {
        std::string& members = loops[f.component[i]];
        members += (members.empty() ? "" : ", ") + step_ids_[i];
      }
    for (size_t i = 0; i < step_ids_.size(); ++i) {
      const std::string& id = step_ids_[i];
      if (id.empty() || finishes(id) || g.next[i].empty() || f.into_dead_end[i] || !f.on_loop[i]) continue;
      ctx_.add(step_pointer(i), Severity::Error, "no-way-out",
               "step \"" + id + "\" is part of a loop with no way out to an ending (steps in the loop: " +
                   loops[f.component[i]] + "): give one of them a choice or timer that leads towards an ending");
    }
  }

  const Context& ctx_;
  const Json& sc_;
  Ids models_, characters_, endings_, targets_;
  std::vector<std::string> step_ids_;
  std::map<size_t, std::vector<std::string>> successors_;
};

}  // namespace

void check_scenario(const Context& ctx) {
  if (!member(ctx.scene->root, "scenario") || !ctx.scene->root["scenario"].is_object()) return;
  ScenarioChecks(ctx).run();
}

}  // namespace meeloop::lint
