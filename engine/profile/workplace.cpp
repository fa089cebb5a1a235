#include "profile/workplace.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "core/json_file.h"

namespace meeloop::profile {
namespace fs = std::filesystem;
namespace {

template <class Names>
std::string one_of_names(const JsonView& v, const Names& allowed) {
  std::string s = v.as_string();
  std::string list;
  for (const auto& a : allowed) {
    if (s == a) return s;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  v.fail("expected one of " + list + ", found \"" + s + "\"");
}

std::string one_of(const JsonView& v, std::initializer_list<std::string_view> allowed) {
  return one_of_names(v, allowed);
}

std::vector<std::string> list_of(const JsonView& v, std::initializer_list<std::string_view> allowed) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const JsonView& e : v.elements()) {
    std::string s = one_of(e, allowed);
    if (!seen.insert(s).second) e.fail("\"" + s + "\" is listed twice");
    out.push_back(s);
  }
  if (out.empty()) v.fail("expected at least one value");
  return out;
}

Workplace read(const JsonView& root, const std::string& file, const DimensionSet& dims) {
  root.expect_object();
  root.expect_only({"$schema", "format", "fictional", "organisation", "location", "ward", "about",
                    "client_group", "ward_type", "care_intensity", "physical_load", "team_style",
                    "supervision", "levels", "routes", "places", "side_entrants_welcome",
                    "expectations", "notes"});
  if (root.at("format").as_string() != "meeloop.workplace/1")
    root.at("format").fail("expected \"meeloop.workplace/1\"");
  Workplace w;
  w.file = file;
  w.id = fs::path(file).stem().string();
  w.fictional = root.at("fictional").as_bool();
  w.organisation = root.at("organisation").as_string();
  if (w.organisation.empty()) root.at("organisation").fail("expected the organisation's name");
  JsonView loc = root.at("location");
  loc.expect_only({"city", "region"});
  w.city = loc.at("city").as_string();
  w.region = loc.at("region").as_string();
  w.ward = read_local_text(root.at("ward"));
  w.about = read_local_text(root.at("about"));
  w.client_group = one_of_names(root.at("client_group"), dims.client_groups());
  w.ward_type = root.at("ward_type").as_id();
  w.care_intensity = one_of(root.at("care_intensity"), {"low", "medium", "high"});
  w.physical_load = one_of(root.at("physical_load"), {"low", "medium", "high"});
  w.team_style = one_of(root.at("team_style"), {"close_team", "mixed", "independent"});
  JsonView sup = root.at("supervision");
  sup.expect_only({"fixed_supervisor", "weekly_talk", "student_coach", "learning_unit"});
  w.supervision.fixed_supervisor = sup.at("fixed_supervisor").as_bool();
  w.supervision.weekly_talk = sup.at("weekly_talk").as_bool();
  w.supervision.student_coach = sup.at("student_coach").as_bool();
  w.supervision.learning_unit = sup.at("learning_unit").as_bool();
  w.levels = list_of(root.at("levels"), {"mbo2", "mbo3", "mbo4", "hbo"});
  w.routes = list_of(root.at("routes"), {"bol", "bbl"});
  w.places = root.at("places").as_int(0, 1000);
  w.side_entrants_welcome = root.at("side_entrants_welcome").as_bool();
  // One lookup table per file, not a scan of every dimension per expectation.
  std::map<std::string, size_t, std::less<>> dim_index;
  for (size_t i = 0; i < dims.size(); ++i) dim_index.emplace(dims.all()[i].id, i);
  for (const JsonView& e : root.at("expectations").elements()) {
    e.expect_only({"dimension", "weight", "why"});
    std::string dim = e.at("dimension").as_id();
    auto idx = dim_index.find(dim);
    if (idx == dim_index.end())
      e.at("dimension").fail("unknown dimension \"" + dim + "\" (see data/dimensions.json)");
    w.expectations.push_back({idx->second, e.at("weight").as_number(-1, 1), read_local_text(e.at("why"))});
  }
  w.notes = root.string_or("notes", "");
  if (w.fictional && w.organisation.find("fictie") == std::string::npos &&
      w.organisation.find("fictional") == std::string::npos)
    root.at("organisation").fail("a fictional organisation must say so in its name, e.g. \"(fictief)\"");
  return w;
}

}  // namespace

double Supervision::strength() const {
  return (fixed_supervisor ? 0.35 : 0) + (weekly_talk ? 0.2 : 0) + (student_coach ? 0.2 : 0) +
         (learning_unit ? 0.25 : 0);
}

Result<Workplace> parse_workplace(std::string text, const std::string& file,
                                  const DimensionSet& dims) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(std::move(text), file));
  try {
    return read(JsonView::root(doc), file, dims);
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<Workplace> load_workplace(const fs::path& file, const DimensionSet& dims) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  try {
    return read(JsonView::root(doc), file.string(), dims);
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<std::vector<Workplace>> load_workplaces(const fs::path& dir, const DimensionSet& dims) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return bad_input(dir.string(), "", "expected a folder of workplace files (*.json)");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return failure("cannot list the folder: " + ec.message(), dir.string());
  std::sort(files.begin(), files.end());
  std::vector<Workplace> out;
  for (const auto& f : files) {
    MEELOOP_ASSIGN_OR_RETURN(auto w, load_workplace(f, dims));
    out.push_back(std::move(w));
  }
  if (out.empty()) return bad_input(dir.string(), "", "no workplace files (*.json) found");
  return out;
}

fs::path default_workplaces_dir(const fs::path& data_root) { return data_root / "data" / "workplaces"; }

std::string affinity_dimension(const std::string& client_group) { return "affinity_" + client_group; }

}  // namespace meeloop::profile
