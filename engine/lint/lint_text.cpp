// Text checks: every text key the scene uses must have a text in each language, every text
// in the locale files should be used, and each text must fit the panel it is shown on.
#include <map>
#include <set>

#include "core/json_locate.h"
#include "lint/lint_context.h"
#include "scenario/scenario_limits.h"

namespace meeloop::lint {
namespace {

// What a key is used as, and how many characters fit where it is shown. The panels wrap, but
// past these lengths the text no longer fits at a readable size (B1 readers, headset optics).
struct Kind {
  const char* name;
  size_t limit;
};
constexpr Kind kTitle{"a title or name", 60};
constexpr Kind kPrompt{"a prompt", 120};
constexpr Kind kChoice{"a choice", 120};
constexpr Kind kReason{"an evidence reason", 120};
constexpr Kind kLine{"a line", 300};
constexpr Kind kHint{"a supervisor hint", 300};
constexpr Kind kTimer{"a timer text", 300};
constexpr Kind kDebrief{"a debrief", 600};

struct Use {
  std::string key;
  std::string pointer;  // in scene.json
  Kind kind;
};

class Collector {
 public:
  std::vector<Use> uses;
  // Keys the layout may give as plain text instead ("title" of the scene and of models).
  std::set<std::string> optional;

  void key(const Json& j, const char* member_name, const std::string& p, Kind kind) {
    if (const Json* m = member(j, member_name); m && m->is_string() && !m->get<std::string>().empty())
      uses.push_back({m->get<std::string>(), p + "/" + member_name, kind});
  }
  void evidence(const Json& j, const std::string& p) {
    const Json& list = array_member(j, "evidence");
    for (size_t k = 0; k < list.size(); ++k) key(list[k], "reason", p + "/evidence/" + std::to_string(k), kReason);
  }

  void scene(const Json& root) {
    layout_title(root, "");
    const Json& models = array_member(root, "models");
    for (size_t i = 0; i < models.size(); ++i) layout_title(models[i], "/models/" + std::to_string(i));
    const Json* sc = member(root, "scenario");
    if (!sc || !sc->is_object()) return;
    const std::string b = "/scenario";
    key(*sc, "title", b, kTitle);
    const Json& chars = array_member(*sc, "characters");
    for (size_t i = 0; i < chars.size(); ++i) key(chars[i], "name", b + "/characters/" + std::to_string(i), kTitle);
    if (const Json* sup = member(*sc, "supervisor")) {
      key(*sup, "name", b + "/supervisor", kTitle);
      key(*sup, "hint", b + "/supervisor", kHint);
      evidence(*sup, b + "/supervisor");
    }
    const Json& steps = array_member(*sc, "steps");
    for (size_t i = 0; i < steps.size(); ++i) step(steps[i], b + "/steps/" + std::to_string(i));
    const Json& ends = array_member(*sc, "endings");
    for (size_t i = 0; i < ends.size(); ++i) {
      std::string p = b + "/endings/" + std::to_string(i);
      key(ends[i], "title", p, kTitle);
      key(ends[i], "debrief", p, kDebrief);
      evidence(ends[i], p);
    }
  }

 private:
  // "title" in the layout is a text key when it looks like one (has a dot, no spaces).
  void layout_title(const Json& j, const std::string& p) {
    std::string t = string_member(j, "title");
    if (t.empty() || t.find(' ') != std::string::npos) return;
    if (t.find('.') == std::string::npos) optional.insert(t);
    uses.push_back({t, p + "/title", kTitle});
  }

  void step(const Json& s, const std::string& p) {
    const Json& lines = array_member(s, "lines");
    for (size_t k = 0; k < lines.size(); ++k) key(lines[k], "text", p + "/lines/" + std::to_string(k), kLine);
    key(s, "prompt", p, kPrompt);
    key(s, "supervisor_hint", p, kHint);
    for (const char* list : {"choices", "interactions"}) {
      const Json& items = array_member(s, list);
      for (size_t k = 0; k < items.size(); ++k) {
        std::string ip = p + "/" + list + "/" + std::to_string(k);
        key(items[k], "text", ip, kChoice);
        evidence(items[k], ip);
      }
    }
    if (const Json* t = member(s, "timer")) {
      key(*t, "text", p + "/timer", kTimer);
      evidence(*t, p + "/timer");
    }
  }
};

std::string locale_name(const LocaleFile& l) { return "locale/" + l.language + ".json"; }

const Json* text_of(const LocaleFile& l, const std::string& key) {
  if (!l.doc || !l.doc->root.is_object()) return nullptr;
  const Json* t = member(l.doc->root, key.c_str());
  return t && t->is_string() ? t : nullptr;
}

}  // namespace

void check_texts(const Context& ctx) {
  // An oversized scenario is refused whole (lint_scenario.cpp); its texts wait until it fits.
  if (const Json* sc = member(ctx.scene->root, "scenario"); sc && scenario::scenario_over_limits(*sc)) return;
  Collector c;
  c.scene(ctx.scene->root);
  std::map<std::string, Kind> strictest;  // per key, the smallest panel it is shown on
  std::set<std::string> reported;
  for (const Use& u : c.uses) {
    if (auto it = strictest.find(u.key); it == strictest.end() || u.kind.limit < it->second.limit)
      strictest.insert_or_assign(u.key, u.kind);
    std::vector<const LocaleFile*> has, lacks;
    for (const LocaleFile& l : ctx.locales)  // a missing file is reported once, not per key
      if (l.doc) (text_of(l, u.key) ? has : lacks).push_back(&l);
    if (lacks.empty() || !reported.insert(u.key).second) continue;
    if (has.empty()) {  // nobody wrote it: report it where it is used
      if (c.optional.count(u.key)) continue;  // a plain-text title, not a key
      std::vector<std::string> files;
      for (const LocaleFile* l : lacks) files.push_back(locale_name(*l));
      ctx.add(u.pointer, Severity::Error, "missing-locale-key",
              "text key \"" + u.key + "\" has no text in " + join(files) + ": add \"" + u.key +
                  "\": \"...\" to each language file");
      continue;
    }
    for (const LocaleFile* l : lacks)
      ctx.add(*has.front()->doc, "/" + escape_pointer_token(u.key), Severity::Error, "locale-mismatch",
              "\"" + u.key + "\" has a text in " + locale_name(*has.front()) + " but not in " + locale_name(*l) +
                  " (used at scene.json " + u.pointer + "): add the translation to " + locale_name(*l));
  }
  for (const LocaleFile& l : ctx.locales) {
    if (!l.doc || !l.doc->root.is_object()) continue;
    for (const auto& [key, value] : l.doc->root.items()) {
      if (key == "$comment" || !value.is_string()) continue;
      std::string p = "/" + escape_pointer_token(key);
      auto kind = strictest.find(key);
      if (kind == strictest.end()) {
        ctx.add(*l.doc, p, Severity::Warning, "unused-locale-key",
                "\"" + key + "\" is not used by scene.json: remove it, or check the key where it should be used "
                "for a typo");
        continue;
      }
      size_t n = char_count(value.get<std::string>());
      if (n > kind->second.limit)
        ctx.add(*l.doc, p, Severity::Warning, "text-too-long",
                "this text has " + std::to_string(n) + " characters; " + kind->second.name + " fits about " +
                    std::to_string(kind->second.limit) + " on its panel: shorten it (a long line can also be split into two lines)");
    }
  }
}

}  // namespace meeloop::lint
