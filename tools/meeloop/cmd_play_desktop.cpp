// `meeloop play <scene-dir> --desktop ...`: the scenario in a window. Look with the mouse
// (right button held), walk with WASD or by clicking the floor, click the labelled objects or
// use the dialogue panel (keyboard: Up/Down, 1-9, Enter, H). Every decision is recorded like
// headless play. scene.json and locale files are reloaded when they change on disk, keeping
// the current step, so a trainer sees an edit at once.
#include <cstdio>
#include <memory>
#include <optional>

#include <imgui.h>

#include "args.h"
#include "commands.h"
#include "recording_args.h"
#include "core/paths.h"
#include "desktop/file_watch.h"
#include "desktop/scene_view.h"
#include "desktop/shell.h"
#include "play/recorder.h"
#include "profile/dimensions.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "ui/dialogue_panel.h"
#include "ui/ui_text.h"
#include "core/error.h"

namespace meeloop::cli {
namespace {

namespace fs = std::filesystem;
using desktop::InputEvent;
using scenario::Runtime;
using scenario::Scenario;

struct DesktopOptions {
  fs::path scene_dir;
  RecordingArgs recording;
  std::optional<fs::path> script;
  glm::ivec2 size{1280, 720};
};

DesktopOptions read_options(const Args& args) {
  DesktopOptions o;
  o.scene_dir = args.positional(0, "<scene-dir>");
  o.recording = read_recording_args(args);
  if (auto s = args.option("--input-script")) o.script = *s;
  if (auto s = args.option("--size")) o.size = value_or_throw(desktop::parse_size(*s));
  args.expect_consumed();
  return o;
}

std::unique_ptr<play::Recorder> open_recorder(const DesktopOptions& o, const Paths& paths, Log& log) {
  return cli::open_recorder(o.recording, paths, log);
}

// What the visitor did, so a reloaded scenario can be brought back to the same step.
struct Done {
  enum class Kind { Choose, Timeout } kind;
  std::string id;
  double seconds = 0;
};

class DesktopPlay final : public desktop::Mode {
 public:
  DesktopPlay(fs::path dir, fs::path dimensions_file, Paths paths, desktop::Shell& shell, play::Recorder& rec,
              ui::UiText text, Log& log)
      : dir_(std::move(dir)), dimensions_file_(std::move(dimensions_file)), paths_(std::move(paths)), shell_(shell),
        rec_(rec), text_(std::move(text)), log_(log), watch_(dir_),
        lang_(rec.language().empty() ? "nl" : rec.language()) {}

  void start() {
    scenario_ = std::make_unique<Scenario>(value_or_throw(load(dir_)));
    view_ = value_or_throw(desktop::SceneView::load(dir_, paths_, shell_.renderer(), log_));
    runtime_ = make_runtime(*scenario_);
    value_or_throw(rec_.begin_session(scenario_->scene_id, scenario_->id + "@" + scenario_->version));
    on_step();
  }

  const Runtime& runtime() const { return *runtime_; }

  void on_input(const InputEvent& e, bool, bool) override { view_->on_input(e); }

  void on_focus(bool focused) override {
    if (focused) runtime_->resume();
    else runtime_->pause();
    log_.info(focused ? "desktop: window focused, scenario resumed" : "desktop: focus lost, scenario paused");
  }

  bool running() const override { return !quit_; }

  desktop::SceneFrame frame(double dt, glm::vec2 window) override {
    now_ += dt;
    if (watch_.changed(now_)) reload();
    if (now_ >= next_flush_) {
      rec_.flush();
      next_flush_ = now_ + 1.0;
    }
    if (!runtime_->finished() && !runtime_->paused()) {
      const scenario::Step* before = runtime_->step();
      report(runtime_->tick(dt));
      if (runtime_->step() != before && before) {
        done_.push_back({Done::Kind::Timeout, before->id, before->timer ? before->timer->seconds : 0});
        on_step();
      }
    }
    if (auto clicked = view_->frame(dt, window, runtime_.get(), lang_)) act({ui::DialogueAction::Kind::Choose, *clicked});

    panel_.storage_warning = rec_.pending() ? rec_.warning() : "";
    const float width = std::min(window.x - 40.0f, 980.0f);
    if (auto a = ui::draw_dialogue_panel(*runtime_, lang_, text_, panel_, width, window.y * 0.6f)) act(*a);
    draw_corner(window);
    return view_->scene_frame(window);
  }

  std::string status_line() const {
    return runtime_->finished() ? "ending " + runtime_->ending()->id : "step " + runtime_->step()->id;
  }

 private:
  Result<Scenario> load(const fs::path& dir) {
    scenario::LoadOptions opt;
    MEELOOP_ASSIGN_OR_RETURN(opt.dimensions, profile::known_dimension_ids(dimensions_file_));
    return scenario::load_scenario(dir, opt);
  }

  std::unique_ptr<Runtime> make_runtime(const Scenario& sc) {
    return std::make_unique<Runtime>(sc, [this, sink = rec_.sink()](store::Event& e) -> Status {
      return replaying_ ? Status(Ok{}) : sink(e);  // replayed decisions are already stored
    });
  }

  void report(const Status& st) {
    if (st) return;
    log_.error("desktop play: " + st.error().message);
    problem_ = st.error().message;
  }

  void act(const ui::DialogueAction& a) {
    if (a.kind == ui::DialogueAction::Kind::Continue) {
      quit_ = true;
      return;
    }
    const scenario::Step* before = runtime_->step();
    report(ui::apply_dialogue_action(*runtime_, a, panel_));
    if (a.kind == ui::DialogueAction::Kind::Choose && runtime_->step() != before) {
      done_.push_back({Done::Kind::Choose, a.id, 0});
      on_step();
    } else if (a.kind == ui::DialogueAction::Kind::Choose) {
      done_.push_back({Done::Kind::Choose, a.id, 0});  // an interaction that stays in the step
    }
  }

  void on_step() {
    if (runtime_->finished()) {
      report(rec_.end_session(runtime_->ending()->id));
      log_.info("desktop play: reached ending " + runtime_->ending()->id);
      return;
    }
    view_->frame_step(*scenario_, *runtime_->step());
  }

  // Loads the package again; on success swaps it in and replays the visitor's decisions into a
  // fresh runtime (recording nothing twice). On failure the old scene stays and the error shows.
  void reload() {
    log_.info("desktop play: " + dir_.string() + " changed on disk, reloading");
    auto sc = load(dir_);
    if (!sc) {
      problem_ = sc.error().to_string();
      log_.error("desktop play: reload failed, keeping the old scene: " + problem_);
      return;
    }
    vkDeviceWaitIdle(shell_.context().device().get());
    auto view = desktop::SceneView::load(dir_, paths_, shell_.renderer(), log_);
    if (!view) {
      problem_ = view.error().to_string();
      log_.error("desktop play: reload failed, keeping the old scene: " + problem_);
      return;
    }
    auto next = std::make_unique<Scenario>(std::move(*sc));
    auto rt = make_runtime(*next);
    const std::string was = status_line();
    replaying_ = true;
    size_t replayed = 0;
    for (const Done& d : done_) {
      Status st = d.kind == Done::Kind::Choose ? rt->choose(d.id) : rt->tick(d.seconds);
      if (!st) break;
      ++replayed;
    }
    replaying_ = false;
    if (runtime_->paused()) rt->pause();
    done_.resize(replayed);
    (*view)->camera() = view_->camera();
    runtime_ = std::move(rt);
    view_ = std::move(*view);
    scenario_ = std::move(next);
    problem_.clear();
    panel_ = {};
    log_.info("desktop play: reloaded; was at " + was + ", now at " + status_line());
  }

  void draw_corner(glm::vec2 window) {
    ImGui::SetNextWindowPos(ImVec2(window.x - 12, 12), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::Begin("##lang", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    for (const char* l : {"nl", "en"}) {
      if (l != std::string("nl")) ImGui::SameLine();
      std::string label = l == lang_ ? std::string("[") + l + "]" : l;
      if (ImGui::Button(label.c_str())) lang_ = l;
    }
    ImGui::End();
    if (runtime_->paused()) {
      ImGui::SetNextWindowPos(ImVec2(window.x / 2, 12), ImGuiCond_Always, ImVec2(0.5f, 0));
      ImGui::Begin("##paused", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
      ImGui::TextUnformatted(text_.get(lang_, "playing.paused").c_str());
      ImGui::End();
    }
    if (!problem_.empty()) {
      ImGui::SetNextWindowPos(ImVec2(12, 12), ImGuiCond_Always);
      ImGui::SetNextWindowSize(ImVec2(std::min(window.x - 24, 900.0f), 0));
      ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(120, 20, 20, 235));
      ImGui::Begin("##problem", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoFocusOnAppearing);
      ImGui::TextWrapped("%s", problem_.c_str());
      ImGui::End();
      ImGui::PopStyleColor();
    }
  }

  fs::path dir_;
  fs::path dimensions_file_;  // re-read on every reload, like the scene
  Paths paths_;               // the scene's catalogs and cache
  desktop::Shell& shell_;
  play::Recorder& rec_;
  ui::UiText text_;
  Log& log_;
  desktop::SceneFileWatch watch_;
  std::string lang_;
  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<desktop::SceneView> view_;
  std::unique_ptr<Runtime> runtime_;  // after scenario_: refers to it
  ui::DialogueState panel_;
  std::vector<Done> done_;
  std::string problem_;  // shown on screen until the next good reload
  bool replaying_ = false;
  bool quit_ = false;
  double now_ = 0, next_flush_ = 1.0;
};

}  // namespace

int cmd_play_desktop(CommandContext& ctx) {
  Args args(ctx.args, {"--desktop"});
  args.flag("--desktop");
  DesktopOptions o = read_options(args);
  desktop::ShellOptions so;
  so.gpu = gpu::context_config(ctx.settings);
  so.paths = ctx.settings.paths;
  so.width = o.size.x;
  so.height = o.size.y;
  if (o.script) so.script = value_or_throw(desktop::read_input_script(*o.script));
  ui::UiText text = value_or_throw(ui::UiText::load(ctx.settings.paths.data_root / "data" / "ui"));
  std::unique_ptr<play::Recorder> rec = open_recorder(o, ctx.settings.paths, ctx.log);

  so.title = "Meeloop";
  auto shell = value_or_throw(desktop::Shell::create(so, ctx.log));
  {
    const fs::path dimensions = profile::default_dimensions_path(ctx.settings.paths.data_root);
    DesktopPlay play(o.scene_dir, dimensions, ctx.settings.paths, *shell, *rec, std::move(text), ctx.log);
    play.start();
    value_or_throw(shell->run(play));
    std::printf("meeloop play --desktop: stopped at %s\n", play.status_line().c_str());
  }
  rec->flush();
  if (rec->consent()) {
    if (rec->pending()) {
      std::fprintf(stderr, "meeloop play: %zu write(s) for %s could not be saved: %s\n", rec->pending(),
                   rec->participant_code().c_str(), rec->warning().c_str());
      return 1;
    }
    std::printf("Saved for %s in %s\n", rec->participant_code().c_str(), rec->database().c_str());
  } else {
    std::printf("No consent: nothing was stored.\n");
  }
  return 0;
}

}  // namespace meeloop::cli
