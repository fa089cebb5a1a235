#include "scenario/scenario_loader.h"

#include "core/json_file.h"
#include "core/package_path.h"
#include "scenario/scenario_graph.h"
#include "scenario/scenario_limits.h"

namespace meeloop::scenario {
namespace fs = std::filesystem;
namespace {

void check_count(const JsonView& array, size_t max, const char* what) {
  size_t n = array.raw().is_array() ? array.raw().size() : 0;
  if (n > max)
    array.fail("too many " + std::string(what) + ": " + std::to_string(n) + " (at most " +
               std::to_string(max) + " are allowed)");
}

std::string list(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "none" : out;
}

size_t array_size(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? it->size() : 0;
}

// Parses the scenario member; throws ErrorException at the first problem.
class Parser {
 public:
  Parser(Scenario& sc, const LoadOptions& opt, JsonView root) : sc_(sc), opt_(opt) {
    // Interaction objects and characters refer to the layout's models by id.
    if (auto models = root.find("models"); models && models->is_array())
      for (const JsonView& m : models->elements())
        if (m.is_object() && m.has("id") && m.at("id").is_string()) models_.insert(m.at("id").as_string());
  }

  void parse(JsonView s) {
    // Caps first: nothing below may grow with a file that is too large.
    if (auto breach = scenario_over_limits(s.raw(), s.pointer()))
      throw ErrorException(s.document().error_at(breach->pointer, breach->message));
    s.expect_only({"$comment", "id", "version", "title", "start", "characters", "supervisor",
                   "steps", "endings"});
    sc_.id = s.at("id").as_id();
    sc_.version = s.at("version").as_string();
    sc_.title = key(s.at("title"));
    collect_targets(s);
    sc_.start = s.at("start").as_id();
    if (!steps_.count(sc_.start))
      s.at("start").fail("unknown step \"" + sc_.start + "\" (steps: " + list(steps_) + ")");
    if (auto chars = s.find("characters"))
      for (const JsonView& c : chars->elements()) character(c);
    supervisor(s.at("supervisor"));
    for (const JsonView& st : s.at("steps").elements()) sc_.steps.push_back(step(st));
    for (const JsonView& e : s.at("endings").elements()) {
      e.expect_only({"$comment", "id", "title", "debrief", "evidence"});
      sc_.endings.push_back(Ending{e.at("id").as_id(), key(e.at("title")), key(e.at("debrief")),
                                   evidence(e.find("evidence"))});
    }
  }

 private:
  // First pass: step and ending ids, so "next" can be checked where it is written.
  void collect_targets(JsonView s) {
    auto add = [&](const JsonView& item, std::set<std::string>& into) {
      std::string id = item.at("id").as_id();
      if (!targets_.insert(id).second) item.at("id").fail("duplicate step or ending id \"" + id + "\"");
      into.insert(id);
    };
    auto steps = s.at("steps");
    if (steps.elements().empty()) steps.fail("a scenario needs at least one step");
    for (const JsonView& st : steps.elements()) add(st, steps_);
    auto endings = s.at("endings");
    if (endings.elements().empty()) endings.fail("a scenario needs at least one ending");
    std::set<std::string> ending_ids;
    for (const JsonView& e : endings.elements()) add(e, ending_ids);
  }

  std::string key(const JsonView& v) {
    std::string k = v.as_id();
    for (const auto& [lang, loc] : sc_.locales) {
      if (loc.has(k)) continue;
      Error where = v.error("");
      Error e = bad_input(loc.file(), "", "missing text key \"" + k + "\" (used at " + where.file +
                                              (where.location.empty() ? "" : ":" + where.location) +
                                              " " + where.pointer + ")");
      throw ErrorException(e);
    }
    return k;
  }

  std::string target(const JsonView& v) {
    std::string id = v.as_id();
    if (!targets_.count(id)) v.fail("unknown step or ending \"" + id + "\" (known: " + list(targets_) + ")");
    return id;
  }

  std::string model(const JsonView& v) {
    std::string id = v.as_id();
    if (!models_.count(id))
      v.fail("\"" + id + "\" is not the id of a model in this scene's models[] (known: " + list(models_) + ")");
    return id;
  }

  std::vector<Evidence> evidence(const std::optional<JsonView>& arr) {
    std::vector<Evidence> out;
    if (!arr) return out;
    check_count(*arr, kMaxEvidence, "evidence items");
    for (const JsonView& e : arr->elements()) {
      e.expect_only({"dimension", "weight", "reason"});
      std::string dim = e.at("dimension").as_id();
      if (!opt_.dimensions.count(dim))
        e.at("dimension").fail("unknown dimension \"" + dim + "\" (known: " + list(opt_.dimensions) + ")");
      double w = e.at("weight").as_number(-3, 3);
      if (w == 0) e.at("weight").fail("a weight of 0 counts for nothing; use a number from -3 to 3 other than 0");
      out.push_back(Evidence{dim, w, key(e.at("reason"))});
    }
    return out;
  }

  void character(const JsonView& c) {
    c.expect_only({"$comment", "id", "name", "model"});
    Character ch{c.at("id").as_id(), key(c.at("name")), ""};
    if (auto m = c.find("model")) ch.model = model(*m);
    if (sc_.find_character(ch.id)) c.at("id").fail("duplicate character id \"" + ch.id + "\"");
    sc_.characters.push_back(std::move(ch));
  }

  void supervisor(const JsonView& s) {
    s.expect_only({"$comment", "name", "hint", "evidence"});
    sc_.supervisor = Supervisor{key(s.at("name")), key(s.at("hint")), evidence(s.find("evidence"))};
    // Daring to ask is a value: asking must count for it, never against it.
    bool dares = false;
    for (const auto& e : sc_.supervisor.evidence) dares = dares || (e.dimension == "daring_to_ask" && e.weight > 0);
    if (!dares)
      s.fail("asking the work supervisor must give evidence for \"daring_to_ask\" with a positive weight");
  }

  Step step(const JsonView& s) {
    s.expect_only({"$comment", "id", "lines", "prompt", "supervisor_hint", "choices",
                   "interactions", "timer"});
    Step st;
    st.id = s.at("id").as_id();
    if (auto lines = s.find("lines")) {
      check_count(*lines, kMaxLines, "lines in one step");
      for (const JsonView& l : lines->elements()) {
        l.expect_only({"speaker", "text"});
        Line line{"", key(l.at("text"))};
        if (auto sp = l.find("speaker")) {
          line.speaker = sp->as_id();
          if (!sc_.find_character(line.speaker)) {
            std::set<std::string> ids;
            for (const auto& c : sc_.characters) ids.insert(c.id);
            sp->fail("unknown speaker \"" + line.speaker + "\" (characters: " + list(ids) + ")");
          }
        }
        st.lines.push_back(std::move(line));
      }
    }
    if (auto p = s.find("prompt")) st.prompt = key(*p);
    if (auto h = s.find("supervisor_hint")) st.supervisor_hint = key(*h);
    std::set<std::string> items;
    auto unique = [&](const JsonView& id_view) {
      std::string id = id_view.as_id();
      if (!items.insert(id).second)
        id_view.fail("duplicate choice or interaction id \"" + id + "\" in step \"" + st.id + "\"");
      return id;
    };
    size_t options = 0;
    for (const char* key : {"choices", "interactions"})
      if (auto a = s.find(key); a && a->is_array()) options += a->raw().size();
    if (options > kMaxOptions)
      s.fail("too many choices and interactions in one step: " + std::to_string(options) + " (at most " +
             std::to_string(kMaxOptions) + " are allowed)");
    if (auto cs = s.find("choices"))
      for (const JsonView& c : cs->elements()) {
        c.expect_only({"$comment", "id", "text", "next", "evidence"});
        st.choices.push_back(Choice{unique(c.at("id")), key(c.at("text")), target(c.at("next")),
                                    evidence(c.find("evidence"))});
      }
    if (auto is = s.find("interactions"))
      for (const JsonView& i : is->elements()) st.interactions.push_back(interaction(i, unique));
    if (auto t = s.find("timer")) {
      t->expect_only({"$comment", "seconds", "text", "next", "evidence"});
      st.timer = Timer{t->at("seconds").as_number(1, 3600), key(t->at("text")), target(t->at("next")),
                       evidence(t->find("evidence"))};
    }
    return st;
  }

  template <class Unique>
  Interaction interaction(const JsonView& i, Unique& unique) {
    i.expect_only({"$comment", "id", "object", "verb", "text", "next", "evidence"});
    Interaction in;
    in.id = unique(i.at("id"));
    in.object = model(i.at("object"));
    std::string verb = i.at("verb").as_string();
    if (verb == "look_at") in.verb = Verb::LookAt;
    else if (verb == "pick_up") in.verb = Verb::PickUp;
    else if (verb == "use") in.verb = Verb::Use;
    else i.at("verb").fail("unknown verb \"" + verb + "\" (expected look_at, pick_up or use)");
    in.text = key(i.at("text"));
    if (auto n = i.find("next")) in.next = target(*n);
    in.evidence = evidence(i.find("evidence"));
    return in;
  }

  Scenario& sc_;
  const LoadOptions& opt_;
  std::set<std::string> models_, targets_, steps_;
};

}  // namespace

std::optional<LimitBreach> scenario_over_limits(const Json& scenario, const std::string& pointer) {
  if (!scenario.is_object()) return std::nullopt;
  auto over = [&](const char* key, size_t n, size_t max, const std::string& what,
                  const std::string& where) -> std::optional<LimitBreach> {
    if (n <= max) return std::nullopt;
    return LimitBreach{pointer + "/" + key, "too many " + what + ": " + std::to_string(n) + " (at most " +
                                                std::to_string(max) + " are allowed" + where + ")"};
  };
  if (auto b = over("steps", array_size(scenario, "steps"), kMaxSteps, "steps", "")) return b;
  if (auto b = over("endings", array_size(scenario, "endings"), kMaxEndings, "endings", "")) return b;
  if (auto b = over("characters", array_size(scenario, "characters"), kMaxCharacters, "characters", "")) return b;
  // The per-step cap alone would allow 500 x 20 options; the scene as a whole gets less.
  size_t options = 0;
  if (auto steps = scenario.find("steps"); steps != scenario.end() && steps->is_array())
    for (const Json& st : *steps)
      if (st.is_object()) options += array_size(st, "choices") + array_size(st, "interactions");
  return over("steps", options, kMaxOptionsInScene, "choices and interactions in this scenario", " in one scene");
}

Result<Scenario> load_scenario(const fs::path& scene_dir, const LoadOptions& options) {
  if (options.dimensions.empty())
    return failure("load_scenario needs the known dimension ids (data/dimensions.json)");
  MEELOOP_RETURN_IF_ERROR(expect_inside_package(scene_dir, "scene.json"));
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(scene_dir / "scene.json"));
  Scenario sc;
  sc.scene_id = fs::path(scene_dir).lexically_normal().filename().string();
  if (sc.scene_id.empty()) sc.scene_id = fs::path(scene_dir).lexically_normal().parent_path().filename().string();
  for (const auto& lang : options.languages) {
    const fs::path relative = fs::path("locale") / (lang + ".json");
    MEELOOP_RETURN_IF_ERROR(expect_inside_package(scene_dir, relative));
    MEELOOP_ASSIGN_OR_RETURN(Locale loc, Locale::load(scene_dir / relative));
    sc.locales.emplace(lang, std::move(loc));
  }
  try {
    JsonView root = JsonView::root(doc);
    root.expect_object();
    if (!root.has("scenario")) root.fail("this scene has no \"scenario\" to play");
    Parser(sc, options, root).parse(root.at("scenario"));
    check_graph(sc, root.at("scenario"));
  } catch (const ErrorException& e) {
    return e.error();
  }
  return sc;
}

}  // namespace meeloop::scenario
