#pragma once
// The profile dimensions, defined in data/dimensions.json so a trainer can add one without
// touching code. Evidence in scenes names a dimension by id; the order here is the order a
// profile and every chart use.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "profile/text.h"

namespace meeloop::profile {

struct Dimension {
  std::string id;     // e.g. "guidance_need"
  std::string group;  // "client_group" | "work_style" | "care_attitude" | "learning" | other
  LocalText name;
  LocalText description;
  LocalText high;  // what evidence for the dimension (a positive score) means
  LocalText low;   // what evidence against it (a negative score) means
};

class DimensionSet {
 public:
  DimensionSet() = default;
  explicit DimensionSet(std::vector<Dimension> dims);

  const std::vector<Dimension>& all() const { return dims_; }
  size_t size() const { return dims_.size(); }
  // Position of `id` in all(), or nullopt for an unknown id.
  std::optional<size_t> index_of(std::string_view id) const;
  const Dimension* find(std::string_view id) const;
  // The known ids, for parsers that must reject evidence naming an unknown dimension.
  std::set<std::string> ids() const;

 private:
  std::vector<Dimension> dims_;
};

// Loads and checks a dimensions file (unique ids, both languages). Errors carry file:line:col
// and the JSON pointer.
Result<DimensionSet> load_dimensions(const std::filesystem::path& file);
// Same, from text already in memory (tests); `file` names it in messages.
Result<DimensionSet> parse_dimensions(std::string text, std::string file);
// data_root()/data/dimensions.json.
std::filesystem::path default_dimensions_path();
// Just the known ids of the default (or given) file: the scenario parser's entry point.
Result<std::set<std::string>> known_dimension_ids(const std::filesystem::path& file =
                                                      default_dimensions_path());

}  // namespace meeloop::profile
