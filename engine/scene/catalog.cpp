#include "scene/catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <unistd.h>

#include "core/files.h"
#include "scene/properties.h"
#include "scene/zip_archive.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string strip_prefix(std::string_view id) {
  if (id.rfind("sh3d:", 0) == 0) id.remove_prefix(5);
  return std::string(id);
}

float number_or(const std::map<std::string, std::string>& p, const std::string& key, float fallback) {
  auto it = p.find(key);
  if (it == p.end()) return fallback;
  try {
    return std::stof(it->second);
  } catch (const std::exception&) {
    return fallback;
  }
}

std::string value_or(const std::map<std::string, std::string>& p, const std::string& key,
                     std::string fallback = {}) {
  auto it = p.find(key);
  return it == p.end() ? fallback : it->second;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string short_license(const std::string& license) {
  std::string l = lower(license);
  if (l.find("public domain") != std::string::npos || l.find("cc0") != std::string::npos) return "CC0";
  if (l.find("attribution 3.0") != std::string::npos) return "CC-BY-3.0";
  if (l.find("attribution 4.0") != std::string::npos) return "CC-BY-4.0";
  return license;
}

Catalog Catalog::open(const std::vector<fs::path>& dirs, Log& log) {
  Catalog c;
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".sh3f") files.push_back(e.path());
    if (ec) log.debug("furniture folder " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());  // stable order for listings and tests
    for (const fs::path& f : files) c.add_catalog(f, log);
  }
  return c;
}

void Catalog::add_catalog(const fs::path& file, Log& log) {
  auto zip = ZipArchive::open(file);
  if (!zip) {
    log.warn("furniture catalog skipped: " + zip.error().to_string());
    return;
  }
  auto text = zip->read("PluginFurnitureCatalog.properties", 4u << 20);
  if (!text) {
    log.warn("furniture catalog skipped: " + text.error().to_string());
    return;
  }
  auto props = parse_properties(*text);
  const std::string stem = file.stem().string();
  const std::string license = value_or(props, "license");
  for (int n = 1;; ++n) {
    const std::string k = "#" + std::to_string(n);
    auto id = props.find("id" + k);
    if (id == props.end()) break;
    CatalogEntry e;
    e.sh3d_id = id->second;
    auto hash = e.sh3d_id.find('#');
    e.id = "sh3d:" + stem + "#" + (hash == std::string::npos ? e.sh3d_id : e.sh3d_id.substr(hash + 1));
    e.name = value_or(props, "name" + k, e.sh3d_id);
    e.category = value_or(props, "category" + k);
    e.tags = value_or(props, "tags" + k);
    e.creator = value_or(props, "creator" + k);
    e.license = license;
    e.catalog_file = file.string();
    e.model = value_or(props, "model" + k);
    if (!e.model.empty() && e.model.front() == '/') e.model.erase(0, 1);
    e.size = glm::vec3(number_or(props, "width" + k, 0), number_or(props, "height" + k, 0),
                       number_or(props, "depth" + k, 0)) * 0.01f;
    e.elevation = number_or(props, "elevation" + k, 0) * 0.01f;
    e.door_or_window = value_or(props, "doorOrWindow" + k) == "true";
    if (auto rot = props.find("modelRotation" + k); rot != props.end()) {
      std::stringstream ss(rot->second);
      float m[9];
      int got = 0;
      while (got < 9 && ss >> m[got]) ++got;
      // Sweet Home 3D lists the matrix row by row; glm matrices are indexed [column][row].
      if (got == 9) e.model_rotation = glm::transpose(glm::mat3(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]));
      else log.warn(file.string() + ": ignoring malformed modelRotation of " + e.sh3d_id);
    }
    if (e.model.empty() || e.size.x <= 0 || e.size.y <= 0 || e.size.z <= 0) {
      log.debug(file.string() + ": skipping " + e.sh3d_id + " (no model or size)");
      continue;
    }
    by_id_[lower(e.id.substr(5))] = entries_.size();
    by_id_[lower(e.sh3d_id)] = entries_.size();
    entries_.push_back(std::move(e));
  }
}

const CatalogEntry* Catalog::find(std::string_view id) const {
  auto it = by_id_.find(lower(strip_prefix(id)));
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

std::vector<const CatalogEntry*> Catalog::near_matches(std::string_view id, size_t max) const {
  std::string want = lower(strip_prefix(id));
  auto hash = want.find('#');
  std::string piece = hash == std::string::npos ? want : want.substr(hash + 1);
  std::vector<std::pair<size_t, const CatalogEntry*>> scored;
  for (const CatalogEntry& e : entries_) {
    std::string full = lower(e.id.substr(5));
    std::string local = full.substr(full.find('#') + 1);
    size_t d = std::min(edit_distance(want, full), edit_distance(piece, local));
    if (!piece.empty() && local.find(piece) != std::string::npos) d = std::min<size_t>(d, 1);
    scored.emplace_back(d, &e);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const CatalogEntry*> out;
  size_t limit = std::max<size_t>(3, piece.size() / 2);
  for (const auto& [d, e] : scored)
    if (out.size() < max && d <= limit) out.push_back(e);
  return out;
}

std::vector<const CatalogEntry*> Catalog::search(const std::vector<std::string>& words) const {
  std::vector<const CatalogEntry*> out;
  for (const CatalogEntry& e : entries_) {
    std::string hay = lower(e.id + " " + e.sh3d_id + " " + e.name + " " + e.category + " " + e.tags +
                            " " + e.creator);
    bool all = true;
    for (const std::string& w : words) all = all && hay.find(lower(w)) != std::string::npos;
    if (all) out.push_back(&e);
  }
  return out;
}

fs::path Catalog::extraction_root(const CatalogEntry& entry, const fs::path& cache_dir) {
  std::error_code ec;
  auto zip_size = fs::file_size(entry.catalog_file, ec);
  auto zip_time = fs::last_write_time(entry.catalog_file, ec).time_since_epoch().count();
  // Keyed by the archive's size and time so an updated Debian package re-extracts.
  char stamp[48];
  std::snprintf(stamp, sizeof stamp, "-%llx-%llx", static_cast<unsigned long long>(zip_size),
                static_cast<unsigned long long>(zip_time));
  return cache_dir / "sh3d" / (fs::path(entry.catalog_file).stem().string() + stamp);
}

Result<fs::path> Catalog::extract_model(const CatalogEntry& entry, const fs::path& cache_dir, Log& log) const {
  // Without a cache folder the pieces would land in the working folder.
  if (cache_dir.empty()) return failure("no cache folder to extract " + entry.id + " into", entry.catalog_file);
  std::error_code ec;
  const fs::path root = extraction_root(entry, cache_dir);
  std::string folder = entry.model.substr(0, entry.model.rfind('/') + 1);
  fs::path model = root / entry.model;
  fs::path marker = root / folder / ".extracted";
  if (fs::exists(marker, ec) && fs::exists(model, ec)) return model;
  MEELOOP_ASSIGN_OR_RETURN(const ZipArchive zip, ZipArchive::open(entry.catalog_file));
  // Extract into a private folder and rename, so a concurrent or interrupted run never sees
  // a half-written model; each file inside is written whole too (write_file_atomically).
  fs::path tmp = root / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  MEELOOP_RETURN_IF_ERROR(zip.extract_prefix(folder.empty() ? entry.model : folder, tmp));
  if (folder.empty()) {
    fs::rename(tmp / entry.model, model, ec);
  } else {
    // The marker goes in before the rename, so a folder that exists is always complete; when a
    // parallel run won the race the rename fails harmlessly and its copy is used.
    if (Status st = write_file_atomically(tmp / folder / ".extracted", "ok\n", 0644); !st) {
      fs::remove_all(tmp, ec);
      return st.error();
    }
    fs::path target = root / folder.substr(0, folder.size() - 1);
    fs::create_directories(target.parent_path(), ec);
    if (fs::exists(target, ec) && !fs::exists(marker, ec)) fs::remove_all(target, ec);
    fs::rename(tmp / folder.substr(0, folder.size() - 1), target, ec);
  }
  fs::remove_all(tmp, ec);
  if (!fs::exists(model, ec))
    return failure("cannot extract " + entry.model + " to " + root.string(), entry.catalog_file);
  log.debug("extracted " + entry.id + " to " + model.parent_path().string());
  return model;
}

}  // namespace meeloop::scene
