// `meeloop catalog [words]`: lists Sweet Home 3D catalog pieces so a trainer finds an id for
// scene.json without unzipping anything.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "scene/catalog.h"

namespace meeloop::cli {

int cmd_catalog(CommandContext& ctx) {
  Args args(ctx.args, {"--licenses"});
  const bool licenses = args.flag("--licenses");
  args.expect_consumed();
  const auto& dirs = ctx.settings.paths.furniture_dirs;
  scene::Catalog catalog = scene::Catalog::open(dirs, ctx.log);
  if (catalog.entries().empty()) {
    std::string where;
    for (const auto& d : dirs) where += (where.empty() ? "" : ", ") + d.string();
    std::fprintf(stderr,
                 "meeloop: no Sweet Home 3D furniture catalogs found in %s (install the Debian package "
                 "sweethome3d-furniture, or set MEELOOP_FURNITURE_DIRS)\n",
                 where.c_str());
    return 1;
  }
  auto found = catalog.search(args.positionals());
  if (found.empty()) {
    std::fprintf(stderr, "meeloop: no catalog piece matches all of those words (try fewer words)\n");
    return 2;
  }
  std::printf("%-44s %-28s %-16s %-18s %s\n", "id (use in scene.json \"model\")", "name", "category",
              "w x h x d (m)", licenses ? "licence, creator, catalog" : "licence");
  for (const scene::CatalogEntry* e : found) {
    char size[32];
    std::snprintf(size, sizeof size, "%.2f x %.2f x %.2f", double(e->size.x), double(e->size.y),
                  double(e->size.z));
    std::string lic = scene::short_license(e->license);
    if (licenses) lic += ", " + e->creator + ", " + e->catalog_file;
    std::printf("%-44s %-28s %-16s %-18s %s\n", e->id.c_str(), e->name.c_str(), e->category.c_str(),
                size, lic.c_str());
  }
  std::printf("%zu piece(s). Sizes are the catalog's; a piece is scaled to exactly this size.\n",
              found.size());
  return 0;
}

}  // namespace meeloop::cli
