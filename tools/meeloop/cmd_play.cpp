// `meeloop play <scene-dir> --headless --choices <file> ...`: plays a scenario from a choices
// file, committing every event to the evidence database before the next step is shown (through
// play::Recorder, which keeps events in memory while the database cannot be written).
#include <cstdio>
#include <memory>
#include <optional>

#include "commands.h"
#include "recording_args.h"
#include "args.h"
#include "core/error.h"
#include "core/paths.h"
#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "play/recorder.h"

namespace meeloop::cli {
namespace {

using scenario::Runtime;
using scenario::Scenario;
using scenario::ScriptLine;

// Prints what the player sees, in one language.
class Printer {
 public:
  Printer(const Scenario& sc, std::string lang) : sc_(sc), lang_(std::move(lang)) {}
  const std::string& t(const std::string& key) const { return sc_.text(lang_, key); }

  void step(const Runtime& rt) const {
    if (const scenario::Ending* e = rt.ending()) {
      std::printf("\n== %s: %s ==\n%s\n", e->id.c_str(), t(e->title).c_str(), t(e->debrief).c_str());
      return;
    }
    const scenario::Step& s = *rt.step();
    std::printf("\n[%s]\n", s.id.c_str());
    for (const auto& l : s.lines) {
      if (l.speaker.empty()) std::printf("  %s\n", t(l.text).c_str());
      else std::printf("  %s: \"%s\"\n", t(sc_.find_character(l.speaker)->name).c_str(), t(l.text).c_str());
    }
    if (!s.prompt.empty()) std::printf("  %s\n", t(s.prompt).c_str());
    options(rt);
  }

  void options(const Runtime& rt) const {
    for (const auto& o : rt.options()) std::printf("    - %s: %s\n", o.id.c_str(), t(o.text).c_str());
    const scenario::Step& s = *rt.step();
    std::printf("    - @help: %s\n", t(sc_.supervisor.name).c_str());
    if (s.timer) std::printf("    (timer: %g s)\n", s.timer->seconds);
  }

 private:
  const Scenario& sc_;
  std::string lang_;
};

Error at_line(const scenario::Script& script, const ScriptLine& line, std::string message) {
  Error e = bad_input(script.file, "", std::move(message));
  e.location = std::to_string(line.line);
  return e;
}

// The play options, all read before anything is opened so a typo fails first.
struct PlayOptions {
  std::string scene_dir, choices;
  RecordingArgs recording;
};

PlayOptions read_options(const Args& args) {
  PlayOptions o;
  o.scene_dir = args.positional(0, "<scene-dir>");
  o.choices = args.option("--choices").value_or("");
  o.recording = read_recording_args(args);
  args.expect_consumed();
  if (o.choices.empty()) throw ErrorException(bad_input("", "", "--choices <file> is needed with --headless"));
  return o;
}

// Who is playing and where their events go (play::Recorder stores nothing without consent).
std::unique_ptr<play::Recorder> open_recorder(const PlayOptions& o, const Scenario& sc, const Paths& paths, Log& log) {
  auto rec = cli::open_recorder(o.recording, paths, log);
  value_or_throw(rec->begin_session(sc.scene_id, sc.id + "@" + sc.version));
  return rec;
}

// While the evidence database cannot be written, say so after every line: the operator must
// know before the visitor walks away (the events wait in memory and are retried).
void warn_if_waiting(const play::Recorder& rec) {
  if (rec.pending() == 0) return;
  std::fprintf(stderr, "! not saved yet: %zu write(s) wait in memory and are retried (%s)\n", rec.pending(),
               rec.warning().c_str());
}

// Runs one line of the choices file against the runtime.
void play_line(Runtime& rt, const Printer& out, const scenario::Script& script, const ScriptLine& line) {
  const scenario::Step* step = rt.step();
  if (!step)
    throw ErrorException(at_line(script, line, "the scenario already ended (" + rt.ending()->id +
                                                   "); nothing can follow"));
  auto fail_here = [&](const Status& st) {
    if (st) return;
    Error e = st.error();
    if (e.kind == ErrorKind::BadInput && e.file.empty()) e = at_line(script, line, e.message);
    throw ErrorException(e);
  };
  switch (line.kind) {
    case ScriptLine::Kind::Help: {
      auto hint = rt.ask_supervisor();
      fail_here(hint ? Status(Ok{}) : Status(hint.error()));
      std::printf("? %s: \"%s\"\n", out.t(rt.scenario().supervisor.name).c_str(), out.t(hint.value()).c_str());
      out.options(rt);
      return;
    }
    case ScriptLine::Kind::Wait: {
      if (!step->timer)
        throw ErrorException(at_line(script, line, "@wait at step \"" + step->id +
                                                       "\", which has no timer (nothing happens by waiting)"));
      std::printf("... (%g s pass)\n", *line.seconds);
      const scenario::Timer timer = *step->timer;
      fail_here(rt.tick(*line.seconds));
      if (rt.step() != step || rt.finished()) {
        std::printf("  %s\n", out.t(timer.text).c_str());
        out.step(rt);
      }
      return;
    }
    case ScriptLine::Kind::Choose: {
      if (line.seconds && step->timer && *line.seconds >= step->timer->seconds) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the timer of step \"%s\" runs out after %g s, before a decision at %g s; "
                      "use @wait to let it run out, or a shorter time", step->id.c_str(), step->timer->seconds,
                      *line.seconds);
        throw ErrorException(at_line(script, line, buf));
      }
      if (line.seconds && *line.seconds > rt.step_seconds()) fail_here(rt.tick(*line.seconds - rt.step_seconds()));
      std::string text;
      for (const auto& o : rt.options())
        if (o.id == line.id) text = out.t(o.text);
      double seconds = line.seconds.value_or(rt.step_seconds());
      fail_here(rt.choose(line.id, line.seconds));
      std::printf("> %s: %s (%g s)\n", line.id.c_str(), text.c_str(), seconds);
      if (rt.step() != step || rt.finished()) out.step(rt);
      return;
    }
  }
}

}  // namespace

int cmd_play(CommandContext& ctx) {
  for (const auto& a : ctx.args)
    if (a == "--xr") return cmd_play_xr(ctx);  // headset play: cmd_play_xr.cpp
  for (const auto& a : ctx.args)
    if (a == "--desktop") return cmd_play_desktop(ctx);  // window play: cmd_play_desktop.cpp
  Args args(ctx.args, {"--headless"});
  if (!args.flag("--headless")) {
    std::fprintf(stderr, "meeloop play: only --headless is available in this version; the desktop "
                         "and headset player come later.\n  usage: meeloop play <scene-dir> --headless "
                         "--choices <file> --participant <CODE> [--db PATH] [--lang nl|en] [--consent yes|no]\n");
    return 2;
  }
  PlayOptions o = read_options(args);

  scenario::LoadOptions opt;
  opt.dimensions = value_or_throw(profile::known_dimension_ids(ctx.settings.paths.data_root / "data" / "dimensions.json"));
  Scenario sc = value_or_throw(scenario::load_scenario(o.scene_dir, opt));
  scenario::Script script = value_or_throw(scenario::read_choices_file(o.choices));
  std::unique_ptr<play::Recorder> rec = open_recorder(o, sc, ctx.settings.paths, ctx.log);

  Printer out(sc, rec->language());
  Runtime rt(sc, rec->sink());
  std::printf("%s (%s, %s)\n", out.t(sc.title).c_str(), sc.scene_id.c_str(), rec->language().c_str());
  if (rec->consent())
    std::printf("Participant %s, session %lld, database %s\n", rec->participant_code().c_str(),
                static_cast<long long>(rec->session_id()), rec->database().c_str());
  else
    std::printf("No consent: nothing is stored.\n");
  warn_if_waiting(*rec);
  out.step(rt);
  for (const ScriptLine& line : script.lines) {
    play_line(rt, out, script, line);
    warn_if_waiting(*rec);
  }

  if (!rt.finished()) {
    rec->flush();
    std::fprintf(stderr, "meeloop play: %s ended at step \"%s\" before an ending; the %d events so far %s\n",
                 script.file.c_str(), rt.step()->id.c_str(), rt.events_logged(),
                 !rec->consent() ? "were not stored" : rec->pending() ? "could NOT all be saved" : "are saved");
    return rec->pending() ? 1 : 0;
  }
  if (rec->consent()) {
    value_or_throw(rec->end_session(rt.ending()->id));
    rec->flush();
    if (rec->pending()) {
      std::fprintf(stderr, "meeloop play: %zu write(s) for %s could not be saved: %s\n", rec->pending(),
                   rec->participant_code().c_str(), rec->warning().c_str());
      return 1;
    }
    std::printf("\nSaved %d events for %s.\n", rt.events_logged(), rec->participant_code().c_str());
  }
  return 0;
}

}  // namespace meeloop::cli
