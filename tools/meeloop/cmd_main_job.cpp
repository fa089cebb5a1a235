// `meeloop` with no arguments: the main job on embedded defaults. With a display it is the
// open-day kiosk (cmd_kiosk.cpp). Without one it shows the whole chain once, offscreen: the
// default scene rendered to a PNG, a scripted demo visitor played into a fresh evidence
// database, and that visitor's HTML report.
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "store/participant_code.h"

namespace meeloop::cli {
namespace fs = std::filesystem;

namespace {
int run(CommandFn fn, const CommandContext& parent, std::vector<std::string> args) {
  CommandContext ctx{parent.log, parent.settings, std::move(args)};
  return fn(ctx);
}
}  // namespace

int cmd_main_job(CommandContext& ctx) {
  if (ctx.settings.display) {
    std::printf("meeloop: a display is present, starting the kiosk (close the window to stop)\n");
    std::fflush(stdout);
    try {
      return cmd_kiosk(ctx);
    } catch (const ErrorException& e) {
      if (e.error().kind == ErrorKind::BadInput) throw;  // a broken scene must be fixed, not hidden
      std::fprintf(stderr, "meeloop: the kiosk could not start (%s); running the offscreen main job instead\n",
                   e.what());
    }
  }
  const fs::path scene = ctx.settings.paths.data_root / "scenes" / "huiskamer";
  const fs::path out = fs::absolute("out");
  // The picture and the report are written by render and export through core/files.h
  // write_file_atomically (0600, all or nothing); only the folder is made here.
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out))
    throw ErrorException(failure("cannot create the output folder: " + (ec ? ec.message() : "not a folder"),
                                 out.string()));

  const fs::path png = out / "huiskamer.png";
  std::printf("meeloop: rendering %s ...\n", scene.string().c_str());
  if (int rc = run(&cmd_render, ctx, {scene.string(), "--out", png.string(), "--width", "1280",
                                          "--height", "720"}))
    return rc;

  // A fresh database each run, so the demo never mixes with real participants' data.
  const fs::path db = out / "demo.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  const std::string code = store::generate_participant_code();
  std::printf("meeloop: playing the demo visitor %s ...\n", code.c_str());
  if (int rc = run(&cmd_play, ctx,
                   {scene.string(), "--headless", "--choices", (scene / "demo-visitor.txt").string(),
                    "--participant", code, "--consent", "yes", "--db", db.string(), "--lang", "nl"}))
    return rc;

  const fs::path report = out / ("report-" + code + ".html");
  if (int rc = run(&cmd_export, ctx, {code, "--format", "html", "--out", report.string(),
                                          "--db", db.string(), "--lang", "nl"}))
    return rc;

  std::printf("\nmeeloop: done.\n  scene image:  %s\n  demo report:  %s\n  evidence db:  %s\n",
              png.string().c_str(), report.string().c_str(), db.string().c_str());
  return 0;
}

}  // namespace meeloop::cli
