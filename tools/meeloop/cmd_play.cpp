// `meeloop play <scene-dir> --headless --choices <file> ...`: plays a scenario from a choices
// file, committing every event to the evidence database before the next step is shown.
#include <cstdio>
#include <memory>
#include <optional>

#include "commands.h"
#include "unwrap.h"
#include "args.h"
#include "core/error.h"
#include "core/paths.h"
#include "profile/dimensions.h"
#include "scenario/choices_file.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "store/event_store.h"
#include "store/participant_code.h"

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

// Who is playing and where their events go; store stays null without consent.
struct Recording {
  std::unique_ptr<store::EventStore> store;
  std::string code;
  int64_t session = 0;
  std::string language;
};

// The play options, all read before anything is opened so a typo fails first.
struct PlayOptions {
  std::string scene_dir, choices, db_path;
  std::optional<std::string> consent, participant, lang;
};

PlayOptions read_options(const Args& args) {
  PlayOptions o;
  o.scene_dir = args.positional(0, "<scene-dir>");
  o.choices = args.option("--choices").value_or("");
  o.consent = args.option("--consent");
  o.participant = args.option("--participant");
  o.lang = args.option("--lang");
  o.db_path = args.option_or("--db", "");
  args.expect_consumed();
  if (o.choices.empty()) throw ErrorException(bad_input("", "", "--choices <file> is needed with --headless"));
  if (o.consent && *o.consent != "yes" && *o.consent != "no")
    throw ErrorException(bad_input("", "", "--consent expects yes or no, got \"" + *o.consent + "\""));
  if (o.lang && *o.lang != "nl" && *o.lang != "en")
    throw ErrorException(bad_input("", "", "--lang expects nl or en, got \"" + *o.lang + "\""));
  return o;
}

Recording open_recording(const PlayOptions& o, const Scenario& sc, Log& log) {
  Recording rec;
  const auto& consent = o.consent;
  const auto& typed = o.participant;
  const auto& lang = o.lang;
  rec.language = lang.value_or("nl");
  if (consent && *consent == "no") return rec;  // nothing about the person is stored
  if (!typed)
    throw ErrorException(bad_input("", "", "--participant <CODE> is needed to store the evidence "
                                           "(or --participant new, or --consent no to store nothing)"));
  if (*typed == "new") {
    rec.code = store::generate_participant_code();
  } else if (auto code = store::normalize_participant_code(*typed)) {
    rec.code = *code;
  } else {
    throw ErrorException(bad_input("", "", "\"" + *typed + "\" is not a participant code (expected "
                                           "the form MEE-7KQ2-XDA; the last character is a check on typos)"));
  }
  std::string db_path = o.db_path.empty() ? default_database_path().string() : o.db_path;
  rec.store = take(store::EventStore::open(db_path, log));
  auto existing = take(rec.store->participant(rec.code));
  if (!existing) {
    if (!consent)
      throw ErrorException(bad_input(db_path, "", "unknown participant code " + rec.code +
                                                     "; add --consent yes to register a new participant"));
    store::Participant p;
    p.code = rec.code;
    p.consent = true;
    p.language = rec.language;
    check(rec.store->add_participant(p));
  } else if (!lang && !existing->language.empty()) {
    rec.language = existing->language;
  }
  store::Session s;
  s.participant_code = rec.code;
  s.scene_id = sc.scene_id;
  s.scene_version = sc.id + "@" + sc.version;
  s.language = rec.language;
  rec.session = take(rec.store->begin_session(s));
  return rec;
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
  Args args(ctx.args, {"--headless"});
  if (!args.flag("--headless")) {
    std::fprintf(stderr, "meeloop play: only --headless is available in this version; the desktop "
                         "and headset player come later.\n  usage: meeloop play <scene-dir> --headless "
                         "--choices <file> --participant <CODE> [--db PATH] [--lang nl|en] [--consent yes|no]\n");
    return 2;
  }
  PlayOptions o = read_options(args);

  scenario::LoadOptions opt;
  opt.dimensions = take(profile::known_dimension_ids());
  Scenario sc = take(scenario::load_scenario(o.scene_dir, opt));
  scenario::Script script = take(scenario::read_choices_file(o.choices));
  Recording rec = open_recording(o, sc, ctx.log);

  Printer out(sc, rec.language);
  Runtime rt(sc, [&](store::Event& e) -> Status {
    if (!rec.store) return Ok{};
    e.session_id = rec.session;
    return rec.store->append_event(e);
  });
  std::printf("%s (%s, %s)\n", out.t(sc.title).c_str(), sc.scene_id.c_str(), rec.language.c_str());
  if (rec.store)
    std::printf("Participant %s, session %lld, database %s\n", rec.code.c_str(),
                static_cast<long long>(rec.session), rec.store->path().c_str());
  else
    std::printf("No consent: nothing is stored.\n");
  out.step(rt);
  for (const ScriptLine& line : script.lines) play_line(rt, out, script, line);

  if (!rt.finished()) {
    std::fprintf(stderr, "meeloop play: %s ended at step \"%s\" before an ending; the %d events so far %s\n",
                 script.file.c_str(), rt.step()->id.c_str(), rt.events_logged(),
                 rec.store ? "are saved" : "were not stored");
    return 0;
  }
  if (rec.store) {
    check(rec.store->end_session(rec.session, rt.ending()->id));
    std::printf("\nSaved %d events for %s.\n", rt.events_logged(), rec.code.c_str());
  }
  return 0;
}

}  // namespace meeloop::cli
