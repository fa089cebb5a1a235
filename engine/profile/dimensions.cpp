#include "profile/dimensions.h"

#include "core/json_file.h"

namespace meeloop::profile {
namespace {

constexpr const char* kAffinityPrefix = "affinity_";

// Every key the profile's code asks for; a missing one is refused at load, not shown raw.
const char* const kTextKeys[] = {
    "list.and", "match.low_confidence", "supervision.fixed_supervisor", "supervision.weekly_talk",
    "supervision.student_coach", "supervision.learning_unit", "reason.group.plus", "reason.group.minus",
    "reason.expectation.plus", "reason.expectation.minus", "reason.support.newcomer",
    "reason.support.newcomer_guided", "reason.support.plus", "reason.support.needs_experience",
    "reason.support.minus", "reason.level.plus", "reason.level.minus", "reason.none",
    "talk.no_background", "talk.little_seen", "talk.physical_load_high", "talk.independent",
    "talk.care_intensity_high", "talk.level_route", "confidence.little", "confidence.some",
    "confidence.clear", "csv.evidence_count", "chart.title", "chart.less", "chart.more",
    "report.title", "report.code", "report.sessions_played", "report.choices", "report.lead",
    "report.what_we_saw", "report.chart_note", "report.col.theme", "report.col.evidence",
    "report.seen.nothing", "report.seen.mixed", "report.why", "report.no_choices", "report.wards",
    "report.wards_intro", "report.talk_about", "report.all_wards", "report.col.ward",
    "report.col.organisation", "report.col.fit", "report.plan", "report.footer", "report.fictional",
    "cli.match.heading", "cli.match.more", "cli.plan.heading", "cli.plan.why"};

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
      if (dim.group == "client_group" && dim.id.rfind(kAffinityPrefix, 0) != 0)
        d.at("id").fail(std::string("a client_group dimension's id must be ") + kAffinityPrefix + "<group>");
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

DimensionSet::DimensionSet(std::vector<Dimension> dims) : dims_(std::move(dims)) {
  const std::string prefix = kAffinityPrefix;
  for (const auto& d : dims_)
    if (d.group == "client_group" && d.id.rfind(prefix, 0) == 0) groups_.push_back(d.id.substr(prefix.size()));
}

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
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  MEELOOP_ASSIGN_OR_RETURN(DimensionSet dims, from_document(doc));
  MEELOOP_ASSIGN_OR_RETURN(TextTable texts, TextTable::load(file.parent_path() / "text", "profile texts"));
  std::vector<std::string> keys(std::begin(kTextKeys), std::end(kTextKeys));
  for (const auto& g : dims.client_groups()) keys.push_back("client_group." + g);
  MEELOOP_RETURN_IF_ERROR(texts.require(keys));
  dims.set_texts(std::make_shared<const TextTable>(std::move(texts)));
  return dims;
}

Result<DimensionSet> parse_dimensions(std::string text, std::string file) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(std::move(text), std::move(file)));
  return from_document(doc);
}

std::filesystem::path default_dimensions_path(const std::filesystem::path& data_root) {
  return data_root / "data" / "dimensions.json";
}

Result<std::set<std::string>> known_dimension_ids(const std::filesystem::path& file) {
  // Scene checks need the ids only, not the profile's sentences.
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  MEELOOP_ASSIGN_OR_RETURN(DimensionSet dims, from_document(doc));
  return dims.ids();
}

}  // namespace meeloop::profile
