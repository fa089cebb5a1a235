#pragma once
// One entry function per fuzz target. The libFuzzer mains (fuzz_main.cpp) are thin wrappers
// around these, and test_fuzz_regressions feeds every committed crash input through the same
// functions in the normal gcc build, so a fixed crash stays fixed without libFuzzer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace meeloop::fuzz {

// What one input did. A refusal must carry a message a trainer can act on; a refusal with an
// empty message counts as a bug (the fuzzer aborts on it).
enum class Outcome { Accepted, Refused, UnclearError };

Outcome fuzz_scene_json(const uint8_t* data, size_t size);  // core JSON + scene::parse_scene_file + room shell
Outcome fuzz_scenario(const uint8_t* data, size_t size);    // scene.json "scenario" + nl locale, then a bounded play
Outcome fuzz_locale(const uint8_t* data, size_t size);      // scenario::Locale::load
Outcome fuzz_choices(const uint8_t* data, size_t size);     // choices file, played against the tiny scenario
Outcome fuzz_xr_script(const uint8_t* data, size_t size);   // headless OpenXR runtime's script loader
Outcome fuzz_workplace(const uint8_t* data, size_t size);   // dimensions, workplace and intro-rules parsers
Outcome fuzz_obj(const uint8_t* data, size_t size);         // importer: OBJ (+ MTL after a separator line)
Outcome fuzz_gltf(const uint8_t* data, size_t size);        // importer: .gltf, or .glb when it starts with "glTF"
Outcome fuzz_texture(const uint8_t* data, size_t size);     // texture files (PNG, JPEG) of scene packages and models

using Entry = Outcome (*)(const uint8_t*, size_t);
struct Target {
  const char* name;  // also the folder name under tests/fuzz/regressions and seeds
  Entry entry;
};
// Every target, for the regression test.
const std::vector<Target>& all_targets();

// --- helpers shared by the targets (fuzz_util.cpp) ---

// Inputs with several files are split at lines that read exactly "--8<--" (the scenario's
// scene.json then its locale; an OBJ then its MTL). Missing parts come back empty.
std::vector<std::string> split_parts(const uint8_t* data, size_t size, size_t parts);
// A private scratch folder for this process (removed at exit); files written there are
// rewritten for every input.
const std::string& scratch_dir();
// Writes `text` to scratch_dir()/name and returns the path.
std::string write_scratch(const std::string& name, std::string_view text);
// Accepted for ok, Refused for an error with a message, UnclearError otherwise.
Outcome outcome_of(bool ok, const Error* error);
template <class R>
Outcome outcome(const R& result) {
  return outcome_of(result.ok(), result.ok() ? nullptr : &result.error());
}

}  // namespace meeloop::fuzz
