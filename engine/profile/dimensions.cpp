#include "profile/dimensions.h"

#include "core/json_file.h"
#include "core/paths.h"

namespace meeloop::profile {
namespace {

Result<DimensionSet> from_document(std::shared_ptr<const JsonDocument> doc) {
  try {
    JsonView root = JsonView::root(doc);
    root.expect_object();
    root.expect_only({"format", "note", "dimensions"});
    if (root.at("format").as_string() != "meeloop.dimensions/1")
      root.at("format").fail("expected \"meeloop.dimensions/1\"");
    std::vector<Dimension> dims;
    std::set<std::string> seen;
    for (const JsonView& d : root.at("dimensions").elements()) {
      d.expect_object();
      d.expect_only({"id", "group", "name", "description", "high", "low"});
      Dimension dim;
      dim.id = d.at("id").as_id();
      if (!seen.insert(dim.id).second) d.at("id").fail("duplicate dimension id \"" + dim.id + "\"");
      dim.group = d.string_or("group", "other");
      dim.name = read_local_text(d.at("name"));
      dim.description = read_local_text(d.at("description"));
      dim.high = read_local_text(d.at("high"));
      dim.low = read_local_text(d.at("low"));
      dims.push_back(std::move(dim));
    }
    if (dims.empty()) root.at("dimensions").fail("expected at least one dimension");
    return DimensionSet(std::move(dims));
  } catch (const ErrorException& e) {
    return e.error();
  }
}

}  // namespace

DimensionSet::DimensionSet(std::vector<Dimension> dims) : dims_(std::move(dims)) {}

std::optional<size_t> DimensionSet::index_of(std::string_view id) const {
  for (size_t i = 0; i < dims_.size(); ++i)
    if (dims_[i].id == id) return i;
  return std::nullopt;
}

const Dimension* DimensionSet::find(std::string_view id) const {
  auto i = index_of(id);
  return i ? &dims_[*i] : nullptr;
}

std::set<std::string> DimensionSet::ids() const {
  std::set<std::string> out;
  for (const auto& d : dims_) out.insert(d.id);
  return out;
}

Result<DimensionSet> load_dimensions(const std::filesystem::path& file) {
  auto doc = read_json_file(file);
  if (!doc) return doc.error();
  return from_document(doc.value());
}

Result<DimensionSet> parse_dimensions(std::string text, std::string file) {
  auto doc = parse_json_text(std::move(text), std::move(file));
  if (!doc) return doc.error();
  return from_document(doc.value());
}

std::filesystem::path default_dimensions_path() { return data_root() / "data" / "dimensions.json"; }

Result<std::set<std::string>> known_dimension_ids(const std::filesystem::path& file) {
  auto dims = load_dimensions(file);
  if (!dims) return dims.error();
  return dims->ids();
}

}  // namespace meeloop::profile
