// `meeloop kiosk` (and `meeloop` alone when a display is present): the open-day kiosk in a
// window. ui::Kiosk draws every screen and keeps the visitor flow; this host adds the window,
// the 3D scene while a visitor plays (first-person camera, hotspot clicks into the kiosk's
// runtime), and pauses the scenario when the window loses focus.
#include <cstdio>
#include <map>
#include <memory>

#include "args.h"
#include "commands.h"
#include "core/paths.h"
#include "home_page.h"
#include "kiosk_sync.h"
#include "desktop/scene_view.h"
#include "desktop/shell.h"
#include "ui/kiosk.h"
#include "core/error.h"

namespace meeloop::cli {
namespace {

namespace fs = std::filesystem;

class KioskHost final : public desktop::Mode {
 public:
  KioskHost(ui::Kiosk& kiosk, desktop::Shell& shell, Paths paths, Log& log)
      : kiosk_(kiosk), shell_(shell), paths_(std::move(paths)), log_(log) {}

  void on_input(const desktop::InputEvent& e, bool, bool) override {
    had_input_ = true;
    if (view_) view_->on_input(e);
  }

  void on_focus(bool focused) override {
    focused_ = focused;
    if (auto p = kiosk_.playing(); p && p->runtime) {
      // Getting the focus back must not undo the operator's pause (F2).
      if (focused && !kiosk_.paused()) p->runtime->resume();
      else if (!focused) p->runtime->pause();
    }
  }

  desktop::SceneFrame frame(double dt, glm::vec2 window) override {
    auto playing = kiosk_.playing();
    if (playing && playing->runtime) {
      show(playing->scene_dir);
      scenario::Runtime& rt = *playing->runtime;
      if (!focused_ && !rt.paused()) rt.pause();
      if (view_) {
        const std::string step = rt.step() ? rt.step()->id : "";
        if (step != framed_step_ || &rt != framed_runtime_) {
          if (rt.step()) view_->frame_step(rt.scenario(), *rt.step());
          framed_step_ = step;
          framed_runtime_ = &rt;
        }
        if (auto clicked = view_->frame(dt, window, &rt, kiosk_.language())) {
          if (Status st = rt.choose(*clicked); !st) log_.error("kiosk: " + st.error().message);
        }
      }
    } else {
      framed_runtime_ = nullptr;
      framed_step_.clear();
    }
    kiosk_.frame(dt, std::exchange(had_input_, false));
    // The kiosk may have left the scene this frame; show what it shows now.
    playing = kiosk_.playing();
    if (playing && view_ && playing->scene_dir == shown_) return view_->scene_frame(window);
    return {};
  }

 private:
  void show(const fs::path& dir) {
    if (dir == shown_ && view_) return;
    auto it = views_.find(dir);
    if (it == views_.end()) {
      auto v = desktop::SceneView::load(dir, paths_, shell_.renderer(), log_);
      if (!v) {
        log_.error("kiosk: cannot show " + dir.string() + ": " + v.error().to_string());
        view_ = nullptr;
        shown_ = dir;
        return;
      }
      it = views_.emplace(dir, std::move(*v)).first;
    }
    view_ = it->second.get();
    if (!view_->world().viewpoints.empty()) view_->camera().set(view_->world().viewpoints.front());
    shown_ = dir;
  }

  ui::Kiosk& kiosk_;
  desktop::Shell& shell_;
  Paths paths_;  // the scenes' catalogs and cache
  Log& log_;
  std::map<fs::path, std::unique_ptr<desktop::SceneView>> views_;  // loaded once per scene
  desktop::SceneView* view_ = nullptr;
  fs::path shown_;
  std::string framed_step_;
  const scenario::Runtime* framed_runtime_ = nullptr;
  bool had_input_ = false;
  bool focused_ = true;
};

}  // namespace

int cmd_kiosk(CommandContext& ctx) {
  Args args(ctx.args, {});
  ui::KioskConfig kc;
  kc.db_path = args.option_or("--db", ensure_database_folder(ctx.settings.paths).string());
  kc.data_dir = ctx.settings.paths.data_root / "data";
  if (auto s = args.option("--scenes")) {
    for (size_t from = 0; from <= s->size();) {
      size_t comma = s->find(',', from);
      std::string dir = s->substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      if (!dir.empty()) kc.playlist.push_back(dir);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  kc.language = args.option_or("--lang", "nl");
  if (kc.language != "nl" && kc.language != "en")
    throw ErrorException(bad_input("", "", "--lang expects nl or en, got \"" + kc.language + "\""));
  kc.idle_timeout_seconds = args.int_option_or("--idle", 120, 10, 3600);
  if (auto s = args.option("--settings")) kc.settings_path = *s;
  kc.xapi.home_page = xapi_home_page(args.option("--home-page"), ctx.settings.home_page, kc.db_path);
  desktop::ShellOptions so;
  so.gpu = gpu::context_config(ctx.settings);
  so.paths = ctx.settings.paths;
  so.title = "Meeloop";
  if (auto s = args.option("--size")) {
    glm::ivec2 size = value_or_throw(desktop::parse_size(*s));
    so.width = size.x;
    so.height = size.y;
  }
  if (auto s = args.option("--input-script")) so.script = value_or_throw(desktop::read_input_script(*s));
  KioskSync hub_sync(args, kc.db_path, kc.xapi.home_page);  // outlives the kiosk, which calls it
  hub_sync.connect(kc);
  args.expect_consumed();

  // Loads every scene first: a broken one stops here, exit 2.
  auto kiosk = value_or_throw(ui::Kiosk::create(kc, ctx.log));
  hub_sync.start(ctx.log);
  auto shell = value_or_throw(desktop::Shell::create(so, ctx.log));
  KioskHost host(*kiosk, *shell, ctx.settings.paths, ctx.log);
  value_or_throw(shell->run(host));
  std::printf("meeloop kiosk: closed on the %s screen\n", kiosk->screen_name().c_str());
  return 0;
}

}  // namespace meeloop::cli
