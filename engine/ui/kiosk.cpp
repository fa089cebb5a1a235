#include "ui/kiosk.h"

#include <algorithm>
#include <ctime>

#include <imgui.h>

#include "scenario/scenario_loader.h"
#include "ui/keys.h"
#include "ui/kiosk_impl.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {

// How often the open console re-reads today's counts (a visitor elsewhere may add sessions).
constexpr double kCountsRefreshSeconds = 5.0;

// The folder holding data/ (what profile::load_profile_data expects).
std::filesystem::path root_of(const std::filesystem::path& data_dir) {
  std::filesystem::path p = data_dir.lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.parent_path();
}

Result<KioskConfig> with_defaults(KioskConfig c) {
  if (c.data_dir.empty()) return failure("the kiosk was given no data folder");
  if (c.db_path.empty()) return failure("the kiosk was given no evidence database");
  if (c.playlist.empty()) c.playlist.push_back(root_of(c.data_dir) / "scenes" / "huiskamer");
  if (c.settings_path.empty()) c.settings_path = KioskSettings::default_path(c.db_path);
  if (c.retention_days < 1) c.retention_days = 90;
  return c;
}

// The playlist must load; other scene packages beside it are offered to the operator when
// they load too (a broken one is logged and left out, not fatal at an open day).
Result<std::vector<KioskScene>> load_scenes(const std::vector<std::filesystem::path>& playlist,
                                            const scenario::LoadOptions& lo, Log& log) {
  std::vector<KioskScene> scenes;
  for (const auto& dir : playlist) {
    MEELOOP_ASSIGN_OR_RETURN(scenario::Scenario sc, scenario::load_scenario(dir, lo));
    scenes.push_back({dir, std::move(sc)});
  }
  std::error_code ec;
  for (const auto& dir : playlist) {
    for (const auto& entry : std::filesystem::directory_iterator(dir.parent_path(), ec)) {
      if (!std::filesystem::is_regular_file(entry.path() / "scene.json")) continue;
      bool known = false;
      for (const auto& s : scenes) known |= std::filesystem::equivalent(s.dir, entry.path(), ec);
      if (known) continue;
      auto sc = scenario::load_scenario(entry.path(), lo);
      if (sc) scenes.push_back({entry.path(), std::move(sc).value()});
      else log.warn("kiosk: scene " + entry.path().string() + " left out: " + sc.error().to_string());
    }
  }
  return scenes;
}

Result<KioskLoaded> load(const KioskConfig& config, Log& log) {
  MEELOOP_ASSIGN_OR_RETURN(UiText text, UiText::load(config.data_dir / "ui"));
  MEELOOP_ASSIGN_OR_RETURN(profile::ProfileData data, profile::load_profile_data(root_of(config.data_dir)));
  MEELOOP_ASSIGN_OR_RETURN(KioskSettings settings, KioskSettings::load(config.settings_path));
  scenario::LoadOptions lo;
  lo.dimensions = data.dims.ids();
  MEELOOP_ASSIGN_OR_RETURN(auto scenes, load_scenes(config.playlist, lo, log));
  return KioskLoaded{std::move(text), std::move(data), std::move(settings), std::move(scenes)};
}

}  // namespace

Kiosk::Impl::Impl(KioskConfig c, Log& l, KioskLoaded loaded)
    : config(std::move(c)),
      log(l),
      text(std::move(loaded.text)),
      data(std::move(loaded.data)),
      settings(std::move(loaded.settings)),
      people(config.db_path, log, config.xapi),
      scenes(std::move(loaded.scenes)),
      flow(config.language, config.idle_timeout_seconds),
      operator_log(OperatorLog::default_path(config.db_path)) {
  for (size_t i = 0; i < config.playlist.size(); ++i) playlist.push_back(i);
}

// The consent text promises deletion after retention_days: keep that promise at every start.
void Kiosk::Impl::remove_expired() {
  auto gone = people.remove_inactive(config.retention_days);
  if (gone && gone->participants > 0)
    log.info("kiosk: removed " + std::to_string(gone->participants) + " participant(s) older than " +
             std::to_string(config.retention_days) + " days");
  else if (!gone) log.warn("kiosk: retention clean-up failed: " + gone.error().to_string());
  people.close();  // no connection held while nobody looks at the database
}

void Kiosk::Impl::refresh_counts(double dt) {
  counts_age += dt;
  if (sessions_today && breaks_today && sync_state && counts_age < kCountsRefreshSeconds) return;
  counts_age = 0;
  sessions_today = people.sessions_today();
  sync_state = people.sync_state();
  if (config.hub_sync) hub_sync = config.hub_sync();
  breaks_today = operator_log.day(local_date());
}

bool Kiosk::Impl::start_break() {
  if (!flow.start_break()) return false;
  if (auto st = operator_log.record(kBreakStarted); !st) {
    operator_warning = fill(t("operator.log_failed"), {{"message", st.error().to_string()}});
    log.error("kiosk: " + st.error().to_string());
  }
  breaks_today.reset();
  log.info("kiosk: hygiene break started");
  return true;
}

bool Kiosk::Impl::end_break() {
  if (!flow.end_break()) return false;
  if (auto st = operator_log.record(kBreakEnded); !st) log.error("kiosk: " + st.error().to_string());
  log.info("kiosk: hygiene break ended");
  return true;
}

void Kiosk::Impl::begin_playing() {
  visitor_playlist = playlist;
  play::RecordingOptions o;
  o.consent = flow.consent().value_or(false);
  o.share = flow.share();  // None unless the visitor picked a wider scope
  o.db_path = config.db_path;
  o.language = flow.language();
  o.background = flow.background();
  auto v = Visitor::open(o, log);
  if (!v && o.consent) {
    // The visitor still plays; the operator sees why nothing is kept.
    operator_warning = v.error().to_string();
    log.error("kiosk: cannot record this visitor: " + operator_warning);
    o.consent = false;
    v = Visitor::open(o, log);
  }
  if (!v) throw ErrorException(v.error());  // without consent nothing is opened: cannot fail
  visitor = std::move(v).value();
  if (!visitor->recorder().consent()) ++no_consent_since_start;
  sessions_today.reset();
  dialogue = {};
  if (auto st = visitor->begin_scene(scenes[visitor_playlist[0]].scenario); !st)
    log.error("kiosk: " + st.error().to_string());
  log.info("kiosk: visitor started");
}

void Kiosk::Impl::next_scene() {
  if (auto st = visitor->end_scene(); !st) log.warn("kiosk: " + st.error().to_string());
  if (config.session_ended) config.session_ended();
  flow.scene_finished(static_cast<int>(visitor_playlist.size()));
  if (flow.screen() == Screen::Playing) {
    dialogue = {};
    if (auto st = visitor->begin_scene(scenes[visitor_playlist[flow.scene_index()]].scenario); !st)
      log.error("kiosk: " + st.error().to_string());
    sessions_today.reset();
    return;
  }
  // End screen: the summary comes from this visitor's own events, in memory; then the
  // recorder closes (its last flush) before the screen is shown.
  end_profile = visitor->profile(data.dims, flow.background());
  // Count the questions themselves: the profile's help_asked also counts the decision that
  // followed a question at the same step.
  end_help_asked = static_cast<int>(std::count_if(visitor->events().begin(), visitor->events().end(),
                                                  [](const store::Event& e) { return e.kind == "help"; }));
  summary.reset();
  end_code = visitor->code();
  end_qr = end_code.empty() ? QrCode{} : make_qr_code(settings.report_link(end_code));
  visitor.reset();
}

void Kiosk::Impl::close_visitor(const char* why) {
  if (visitor) log.info(std::string("kiosk: visitor's session closed (") + why + ")");
  const bool had_visitor = visitor != nullptr;
  visitor.reset();  // ends a running session with no ending
  if (had_visitor && config.session_ended) config.session_ended();
  dialogue = {};
  end_profile.reset();
  end_help_asked = 0;
  summary.reset();
  end_code.clear();
  end_qr = {};
  visitor_playlist.clear();
}

void Kiosk::Impl::pause(bool paused) {
  flow.set_paused(paused);
  if (visitor && visitor->runtime()) {
    if (paused) visitor->runtime()->pause();
    else visitor->runtime()->resume();
  }
}

void Kiosk::Impl::stop_visitor() {
  if (flow.stop()) close_visitor("stopped by the operator");
}

void Kiosk::Impl::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  auto pressed = [&](int key) { return key >= 0 && key < 512 && ImGui::IsKeyPressed(key, false); };
  if (pressed(config.operator_key)) operator_open = !operator_open;
  if (pressed(config.recruiter_key)) toggle_recruiter();
  // L switches the language on every visitor screen (not while typing a PIN).
  if (!io.WantTextInput && !recruiter_open && char_typed('l'))
    flow.set_language(flow.language() == "nl" ? "en" : "nl");
}

void Kiosk::Impl::advance(double dt, bool had_input) {
  if (flow.tick(dt, had_input)) close_visitor("idle timeout");
  // Overlays close (and the recruiter view locks) when nobody touches the kiosk for a while.
  overlay_idle = had_input ? 0 : overlay_idle + dt;
  if (overlay_idle >= config.idle_timeout_seconds && (operator_open || recruiter_open)) {
    operator_open = false;
    close_recruiter();
  }
  if (!visitor) return;
  if (flow.screen() == Screen::Playing && !flow.paused() && visitor->runtime()) {
    if (auto st = visitor->runtime()->tick(dt); !st) log.error("kiosk: " + st.error().to_string());
  }
  flush_clock += dt;
  if (flush_clock >= 1.0) {
    flush_clock = 0;
    visitor->recorder().flush();
  }
  dialogue.storage_warning = visitor->recorder().pending() > 0 ? visitor->recorder().warning() : "";
  if (dialogue.storage_warning.empty() && visitor->recorder().pending() > 0) dialogue.storage_warning = "pending";
}

// Makes the visitor object follow the flow, whatever moved it (a button, a key, the operator,
// the idle timeout).
void Kiosk::Impl::reconcile() {
  if (flow.screen() == Screen::Playing && !visitor) begin_playing();
  if (!flow.visitor_active() && (visitor || end_profile || !end_code.empty())) close_visitor("back at welcome");
}

const Summary* Kiosk::Impl::end_summary() {
  if (!end_profile) return nullptr;
  if (!summary || summary_language != flow.language()) {
    summary = make_summary(*end_profile, data.dims, flow.language());
    summary->help_asked = end_help_asked;
    summary_language = flow.language();
  }
  return &*summary;
}

void Kiosk::Impl::frame(double dt, bool had_input) {
  // The kiosk's readable colours, once per ImGui context (the host may have set its own).
  if (themed != ImGui::GetCurrentContext()) {
    apply_theme(ImGui::GetStyle());
    themed = ImGui::GetCurrentContext();
  }
  handle_keys();
  advance(dt, had_input);
  // The recruiter view covers the visitor's screen completely: nothing of a visitor shows
  // behind a profile, and keys typed into it never reach the screen underneath.
  if (!recruiter_open) switch (flow.screen()) {
    case Screen::Welcome: draw_welcome(); break;
    case Screen::Break: draw_break(); break;
    case Screen::Language: draw_language(); break;
    case Screen::Consent: draw_consent(); break;
    case Screen::Share: draw_share(); break;
    case Screen::Background: draw_background(); break;
    case Screen::Playing: draw_playing(); break;
    case Screen::End: draw_end(); break;
  }
  reconcile();
  draw_idle_warning();
  if (operator_open) {
    refresh_counts(dt);
    draw_operator_console();
  }
  if (recruiter_open) {
    if (!recruiter) recruiter = std::make_unique<RecruiterView>(settings, people, data, text, log);
    bool open = true;
    recruiter->draw(flow.language(), &open);
    if (!open) close_recruiter();
  }
}

void Kiosk::Impl::close_recruiter() {
  recruiter_open = false;
  if (recruiter) recruiter->lock();
}

void Kiosk::Impl::toggle_recruiter() {
  if (recruiter_open) close_recruiter();
  else recruiter_open = true;
}

Result<std::unique_ptr<Kiosk>> Kiosk::create(KioskConfig config, Log& log) {
  MEELOOP_ASSIGN_OR_RETURN(config, with_defaults(std::move(config)));
  MEELOOP_ASSIGN_OR_RETURN(KioskLoaded loaded, load(config, log));
  auto impl = std::make_unique<Impl>(std::move(config), log, std::move(loaded));
  impl->remove_expired();
  log.info("kiosk: " + std::to_string(impl->scenes.size()) + " scene(s) available, " +
           std::to_string(impl->playlist.size()) + " in the playlist");
  return std::unique_ptr<Kiosk>(new Kiosk(std::move(impl)));
}

Kiosk::Kiosk(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Kiosk::~Kiosk() = default;

void Kiosk::frame(double dt_seconds, bool had_input) { impl_->frame(dt_seconds, had_input); }

std::optional<Kiosk::Playing> Kiosk::playing() {
  Impl& im = *impl_;
  if (im.flow.screen() != Screen::Playing || !im.visitor || !im.visitor->runtime()) return std::nullopt;
  return Playing{im.scenes[im.visitor_playlist[im.flow.scene_index()]].dir, im.visitor->runtime()};
}

std::string Kiosk::screen_name() const { return ui::screen_name(impl_->flow.screen()); }
std::string Kiosk::language() const { return impl_->flow.language(); }
std::string Kiosk::visitor_code() const {
  if (impl_->visitor) return impl_->visitor->code();
  return impl_->end_code;
}
void Kiosk::toggle_operator_console() { impl_->operator_open = !impl_->operator_open; }
void Kiosk::toggle_recruiter_view() { impl_->toggle_recruiter(); }
bool Kiosk::operator_console_open() const { return impl_->operator_open; }
bool Kiosk::paused() const { return impl_->flow.paused(); }
bool Kiosk::start_hygiene_break() { return impl_->start_break(); }
bool Kiosk::end_hygiene_break() { return impl_->end_break(); }
bool Kiosk::recruiter_view_open() const { return impl_->recruiter_open; }

}  // namespace meeloop::ui
