#include "core/package_path.h"

#include <algorithm>

namespace meeloop {
namespace fs = std::filesystem;
namespace {

// Component by component, so "/a/bc" is not taken to be inside "/a/b".
bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  // Strictly inside, and not "<root>/" naming the root itself.
  return q != p.end() && !q->empty();
}

std::string quoted(std::string_view name) {
  constexpr size_t kMax = 200;  // a hostile name may be long; the start says enough
  return "\"" + std::string(name.substr(0, kMax)) + (name.size() > kMax ? "...\"" : "\"");
}

}  // namespace

AllowedRoots::AllowedRoots(const std::vector<fs::path>& folders, std::string label) : label_(std::move(label)) {
  for (const fs::path& f : folders) {
    std::error_code ec;
    fs::path c = fs::canonical(f, ec);
    if (!ec && fs::is_directory(c, ec)) folders_.push_back(std::move(c));
  }
}

bool AllowedRoots::contains(const fs::path& canonical) const {
  return std::any_of(folders_.begin(), folders_.end(), [&](const fs::path& r) { return inside(r, canonical); });
}

Result<fs::path> resolve_inside(const AllowedRoots& roots, const fs::path& base, std::string_view name) {
  const std::string where = roots.label().empty() ? "the scene folder" : roots.label();
  const std::string rule = " (a scene package may only use its own files)";
  if (name.empty()) return bad_input("", "", "expected a file name, found an empty one");
  if (name.find('\0') != std::string_view::npos)
    return bad_input("", "", "file name " + quoted(name.substr(0, name.find('\0'))) + " contains a NUL character");
  std::error_code ec;
  const fs::path given(name);
  const fs::path full = given.is_absolute() ? given : base / given;
  fs::path resolved = fs::weakly_canonical(full, ec);
  if (ec) return bad_input("", "", "cannot resolve " + quoted(name) + ": " + ec.message());
  if (roots.contains(resolved)) return resolved;
  // Only to choose the message: inside by its letters but not once links are followed.
  fs::path base_c = fs::weakly_canonical(base, ec);
  bool by_name = !ec && roots.contains((base_c / given).lexically_normal());
  return bad_input("", "", quoted(name) + (by_name ? " leads out of " + where + " through a symbolic link"
                                                   : " is outside " + where) + rule);
}

Status expect_inside_package(const fs::path& package_dir, const fs::path& relative) {
  auto in = resolve_inside(AllowedRoots({package_dir}, "the scene folder"), package_dir, relative.string());
  if (in) return Ok{};
  Error e = in.error();
  e.file = (package_dir / relative).string();
  return e;
}

}  // namespace meeloop
