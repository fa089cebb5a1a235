#pragma once
// The profile dimensions, defined in data/dimensions.json so a trainer can add one without
// touching code. Evidence in scenes names a dimension by id; the order here is the order a
// profile and every chart use.
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "profile/text.h"
#include "profile/text_table.h"

namespace meeloop::profile {

struct Dimension {
  std::string id;     // e.g. "guidance_need"
  // "client_group" (id "affinity_<group>": the client groups wards name) | "work_style" |
  // "care_attitude" | "learning" | other
  std::string group;
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
  // The client groups ("pg", "somatic", ...), in file order: every "client_group" dimension.
  const std::vector<std::string>& client_groups() const { return groups_; }
  // The profile's own sentences (data/text/<lang>.json beside the dimensions file): the themes
  // are what those sentences talk about, so whoever holds the themes can also say them.
  // Empty for a set parsed from memory.
  const TextTable& texts() const { return *texts_; }
  const std::shared_ptr<const TextTable>& texts_shared() const { return texts_; }
  void set_texts(std::shared_ptr<const TextTable> texts) { texts_ = std::move(texts); }

 private:
  std::vector<Dimension> dims_;
  std::vector<std::string> groups_;
  std::shared_ptr<const TextTable> texts_ = std::make_shared<const TextTable>();
};

// Loads and checks a dimensions file (unique ids, both languages) and the texts in the "text"
// folder beside it (every key the code uses, in every language, and a name for every client
// group: "client_group.<group>"). Errors carry file:line:col and the JSON pointer.
Result<DimensionSet> load_dimensions(const std::filesystem::path& file);
// The dimensions only, from text already in memory (tests); `file` names it in messages.
Result<DimensionSet> parse_dimensions(std::string text, std::string file);
// <data_root>/data/dimensions.json (data_root: Settings::paths.data_root).
std::filesystem::path default_dimensions_path(const std::filesystem::path& data_root);
// Just the known ids of a dimensions file: the scenario parser's entry point.
Result<std::set<std::string>> known_dimension_ids(const std::filesystem::path& file);

}  // namespace meeloop::profile
