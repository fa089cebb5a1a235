#pragma once
// Learning-workplace profiles (leerwerkplaatsprofielen): one JSON file per ward under
// data/workplaces/, described by docs/schema/workplace.schema.json. They say which kind of
// student thrives on the ward, so the matcher can explain a suggestion in plain words.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "profile/dimensions.h"
#include "profile/text.h"

namespace meeloop::profile {

// A profile signal the ward expects: "students who improvise do well here" is
// {improvisation, +0.6}; "you work alone a lot" is {teamwork, -0.5}.
struct Expectation {
  size_t dimension = 0;  // index into the DimensionSet the file was loaded against
  double weight = 0;     // -1..1: which pole thrives here and how much it matters
  LocalText why;
};

struct Supervision {
  bool fixed_supervisor = false;  // a fixed work supervisor (werkbegeleider)
  bool weekly_talk = false;       // a planned weekly talk with that supervisor
  bool student_coach = false;     // a student coach or senior supervisor on the ward
  bool learning_unit = false;     // a learning unit: several students learn together
  // 0..1: how much structure a starter can lean on.
  double strength() const;
};

struct Workplace {
  std::string id;  // the file name without .json
  std::string file;
  bool fictional = false;
  std::string organisation;
  std::string city;
  std::string region;  // province
  LocalText ward;
  LocalText about;
  std::string client_group;    // one of dims.client_groups(): "pg", "somatic", ...
  std::string ward_type;       // e.g. "small_scale_pg", "complex_pg", "homecare_team"
  std::string care_intensity;  // "low" | "medium" | "high"
  std::string physical_load;   // "low" | "medium" | "high"
  std::string team_style;      // "close_team" | "mixed" | "independent"
  Supervision supervision;
  std::vector<std::string> levels;  // "mbo2" | "mbo3" | "mbo4" | "hbo"
  std::vector<std::string> routes;  // "bol" | "bbl"
  int places = 0;
  bool side_entrants_welcome = false;  // side-entrants without any care background
  std::vector<Expectation> expectations;
  std::string notes;
};

// Loads one ward file, resolving dimension ids against `dims`. BadInput with file:line:col and
// the JSON pointer for anything wrong (unknown dimension, unknown client group, typo'd key).
Result<Workplace> load_workplace(const std::filesystem::path& file, const DimensionSet& dims);
// Same from text in memory; `file` is used in messages and its stem as the id.
Result<Workplace> parse_workplace(std::string text, const std::string& file,
                                  const DimensionSet& dims);
// Every *.json in `dir`, sorted by id; the first bad file is the error.
Result<std::vector<Workplace>> load_workplaces(const std::filesystem::path& dir,
                                               const DimensionSet& dims);
// <data_root>/data/workplaces (data_root: Settings::paths.data_root).
std::filesystem::path default_workplaces_dir(const std::filesystem::path& data_root);

// The dimension that holds the affinity for a client group ("pg" -> "affinity_pg").
std::string affinity_dimension(const std::string& client_group);

}  // namespace meeloop::profile
