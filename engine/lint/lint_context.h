#pragma once
// Shared by the lint checks (not installed): the parsed files of one scene package and a
// tolerant way to walk JSON that may be of the wrong shape (the loaders stop at the first
// wrong type; the checks must carry on and find the rest).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/json_file.h"
#include "core/json_locate.h"
#include "lint/lint.h"

namespace meeloop::lint {

struct LocaleFile {
  std::string language;                       // "nl"
  std::string path;                           // as reported
  std::shared_ptr<const JsonDocument> doc;    // null when the file is missing
};

struct Context {
  const Options& options;
  std::filesystem::path dir;
  std::shared_ptr<const JsonDocument> scene;  // scene.json, always parsed
  std::vector<LocaleFile> locales;            // one per options.languages, same order
  std::vector<Problem>& out;
  // Each document's value positions, indexed when its first problem is added, so a file with
  // thousands of problems is scanned once (a scan per problem made lint quadratic).
  mutable std::map<const JsonDocument*, JsonPositions> positions = {};

  // Adds a problem at `pointer` in `doc` (one of the documents above), with line:col looked up
  // in its text.
  void add(const JsonDocument& doc, const std::string& pointer, Severity severity, std::string check,
           std::string message) const;
  // Same in scene.json.
  void add(const std::string& pointer, Severity severity, std::string check, std::string message) const {
    add(*scene, pointer, severity, std::move(check), std::move(message));
  }
};

// The member `key` of `j` if `j` is an object that has it, else null.
const Json* member(const Json& j, const char* key);
// The member as a string, or "" when missing or not a string.
std::string string_member(const Json& j, const char* key);
// The member's elements when it is an array, else an empty list.
const Json& array_member(const Json& j, const char* key);
// "a, b, c" (or "none").
std::string join(const std::vector<std::string>& items);
// Number of characters (UTF-8 code points) in `s`.
size_t char_count(const std::string& s);

// The layout checks: catalog ids, model files, models outside the room.
void check_layout(const Context& ctx, std::vector<std::string>& notes);
// The scenario checks: targets, graph, evidence, dimensions, objects, speakers.
void check_scenario(const Context& ctx);
// The text checks: missing, one-language-only and unused locale keys, texts too long.
void check_texts(const Context& ctx);

}  // namespace meeloop::lint
