// The scenario runtime on the tiny fixture: branching, interactions, timers and pause,
// asking the supervisor, endings, and that nothing moves on unless the event was committed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"

using namespace meeloop;
using namespace meeloop::scenario;
namespace fs = std::filesystem;

namespace {

fs::path test_data() {
  const char* d = std::getenv("MEELOOP_TEST_DATA");
  return d ? fs::path(d) : fs::path(MEELOOP_TEST_DATA_FALLBACK);
}

LoadOptions options() {
  LoadOptions o;
  o.dimensions = {"affinity_pg", "affinity_somatic", "affinity_homecare", "affinity_rehab",
                  "teamwork", "improvisation", "autonomy_dignity", "safety_hygiene",
                  "communication", "noticing_reporting", "daring_to_ask", "guidance_need"};
  return o;
}

Scenario tiny() {
  auto sc = load_scenario(test_data() / "scenarios" / "tiny", options());
  if (!sc) FAIL(sc.error().to_string());
  return std::move(sc).value();
}

// Collects events as a store would, and can be told to fail like a full disk.
struct Recorder {
  std::vector<store::Event> events;
  bool fail = false;
  EventSink sink() {
    return [this](store::Event& e) -> Status {
      if (fail) return failure("disk full");
      events.push_back(e);
      return Ok{};
    };
  }
};

}  // namespace

TEST_CASE("the fixture scenario loads with texts in both languages", "[scenario]") {
  Scenario sc = tiny();
  CHECK(sc.scene_id == "tiny");
  CHECK(sc.id == "tiny_room");
  CHECK(sc.start == "door");
  REQUIRE(sc.steps.size() == 2);
  CHECK(sc.endings.size() == 3);
  CHECK(sc.text("nl", "door.knock") == "Klop en wacht");
  CHECK(sc.text("en", "door.knock") == "Knock and wait");
  REQUIRE(sc.steps[0].timer);
  CHECK(sc.steps[0].timer->seconds == 10);
  CHECK(sc.steps[0].interactions[0].verb == Verb::LookAt);
  CHECK(sc.find_character("jansen")->model == "resident_jansen");
}

TEST_CASE("choices branch and copy their evidence into events", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  CHECK(rt.step()->id == "door");
  CHECK(rt.option_ids() == std::vector<std::string>{"knock", "walk_in", "look_curtain"});
  REQUIRE(rt.choose("walk_in", 1.5));
  CHECK(rt.step()->id == "room");
  REQUIRE(rec.events.size() == 1);
  const store::Event& e = rec.events[0];
  CHECK(e.kind == "choice");
  CHECK(e.step_id == "door");
  CHECK(e.item_id == "walk_in");
  CHECK(e.scene_id == "tiny");
  CHECK(e.seq == 1);
  CHECK(e.decision_seconds == 1.5);
  CHECK_FALSE(e.help_asked);
  REQUIRE(e.evidence.size() == 1);
  CHECK(e.evidence[0].dimension == "autonomy_dignity");
  CHECK(e.evidence[0].weight == -1);
  CHECK(e.evidence[0].reason == "reason.walk_in");
  REQUIRE(rt.choose("start_washing"));
  REQUIRE(rt.finished());
  CHECK(rt.ending()->id == "end_rushed");
}

TEST_CASE("an interaction without a next step stays and is offered once per visit", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  REQUIRE(rt.choose("knock"));
  REQUIRE(rt.choose("gloves_on", 4));
  CHECK(rt.step()->id == "room");
  CHECK(rec.events.back().kind == "interaction");
  CHECK(rec.events.back().evidence[0].dimension == "safety_hygiene");
  CHECK(rt.option_ids() == std::vector<std::string>{"ask_consent", "start_washing", "ring_bell"});
  Status again = rt.choose("gloves_on");
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::BadInput);
  // An interaction with a next step moves on like a choice, here straight to an ending.
  REQUIRE(rt.choose("ring_bell"));
  CHECK(rt.ending()->id == "end_help");
}

TEST_CASE("an id that is not available names the step and the available ids", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  Status st = rt.choose("ask_consent");
  REQUIRE_FALSE(st);
  CHECK(st.error().kind == ErrorKind::BadInput);
  CHECK(st.error().message ==
        "\"ask_consent\" is not available at step \"door\" (available: knock, walk_in, look_curtain; "
        "or @help, @wait)");
  CHECK(rec.events.empty());
  CHECK(rt.step()->id == "door");
}

TEST_CASE("a timer that runs out is an event with its own next step", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  REQUIRE(rt.tick(6));
  CHECK(rt.step()->id == "door");
  CHECK(rt.step_seconds() == 6);
  CHECK(rec.events.empty());
  REQUIRE(rt.tick(6));
  CHECK(rt.step()->id == "room");
  CHECK(rt.step_seconds() == 0);  // leftover time does not carry into the next step
  REQUIRE(rec.events.size() == 1);
  CHECK(rec.events[0].kind == "timeout");
  CHECK(rec.events[0].step_id == "door");
  CHECK(rec.events[0].decision_seconds == 10);
  REQUIRE(rec.events[0].evidence.size() == 1);
  CHECK(rec.events[0].evidence[0].dimension == "guidance_need");
  // The room has no timer: time passes, nothing happens.
  REQUIRE(rt.tick(1000));
  CHECK(rt.step()->id == "room");
  CHECK(rec.events.size() == 1);
}

TEST_CASE("pause stops the clock and resume restarts it", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  REQUIRE(rt.tick(4));
  rt.pause();
  CHECK(rt.paused());
  REQUIRE(rt.tick(100));
  CHECK(rt.step()->id == "door");
  CHECK(rt.step_seconds() == 4);
  CHECK(rec.events.empty());
  rt.resume();
  REQUIRE(rt.tick(5.9));
  CHECK(rt.step()->id == "door");
  REQUIRE(rt.tick(0.2));
  CHECK(rt.step()->id == "room");
  CHECK(rec.events.size() == 1);
}

TEST_CASE("asking the supervisor counts for daring_to_ask once per step visit", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  REQUIRE(rt.tick(3));
  auto hint = rt.ask_supervisor();
  REQUIRE(hint);
  CHECK(hint.value() == "door.hint");
  REQUIRE(rec.events.size() == 1);
  const store::Event& help = rec.events[0];
  CHECK(help.kind == "help");
  CHECK(help.item_id == "supervisor");
  CHECK(help.help_asked);
  CHECK(help.decision_seconds == 3);
  REQUIRE(help.evidence.size() == 1);
  CHECK(help.evidence[0].dimension == "daring_to_ask");
  CHECK(help.evidence[0].weight > 0);
  // Asking again is logged but not counted twice; the next decision records that help was asked.
  REQUIRE(rt.ask_supervisor());
  CHECK(rec.events[1].evidence.empty());
  REQUIRE(rt.choose("knock"));
  CHECK(rec.events[2].help_asked);
  // A new step starts fresh and, without its own hint, gets the supervisor's general one.
  CHECK_FALSE(rt.help_asked());
  auto general = rt.ask_supervisor();
  REQUIRE(general);
  CHECK(general.value() == "hint.general");
  CHECK(rec.events[3].evidence.size() == 1);
  CHECK(rt.step()->id == "room");  // asking never moves the scenario on
}

TEST_CASE("an ending is logged with its evidence and ends the scenario", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  REQUIRE(rt.choose("knock"));
  REQUIRE(rt.choose("ring_bell"));
  REQUIRE(rt.finished());
  CHECK(rt.step() == nullptr);
  CHECK(rt.ending()->debrief == "end.help.debrief");
  CHECK(sc.text("en", rt.ending()->debrief) == "You called in a colleague.");
  REQUIRE(rec.events.size() == 3);
  CHECK(rec.events[2].kind == "ending");
  CHECK(rec.events[2].item_id == "end_help");
  CHECK(rec.events[2].seq == 3);
  CHECK(rec.events[2].evidence.at(0).dimension == "teamwork");
  CHECK(rt.options().empty());
  CHECK_FALSE(rt.choose("knock"));
  CHECK_FALSE(rt.ask_supervisor());
  CHECK(rt.tick(50));  // time after the end changes nothing
  CHECK(rec.events.size() == 3);
}

TEST_CASE("the runtime does not move on when the event could not be committed", "[scenario]") {
  Scenario sc = tiny();
  Recorder rec;
  Runtime rt(sc, rec.sink());
  rec.fail = true;
  Status st = rt.choose("knock");
  REQUIRE_FALSE(st);
  CHECK(st.error().message == "disk full");
  CHECK(rt.step()->id == "door");
  CHECK(rt.events_logged() == 0);
  CHECK_FALSE(rt.tick(20));
  CHECK(rt.step()->id == "door");
  CHECK_FALSE(rt.ask_supervisor());
  CHECK_FALSE(rt.help_asked());
  rec.fail = false;
  REQUIRE(rt.choose("knock"));
  CHECK(rec.events.at(0).seq == 1);
  CHECK(rt.step()->id == "room");
}

TEST_CASE("the same decisions give the same events (determinism)", "[scenario]") {
  Scenario sc = tiny();
  auto play = [&] {
    Recorder rec;
    Runtime rt(sc, rec.sink());
    (void)rt.tick(2.5);
    (void)rt.choose("look_curtain");
    (void)rt.ask_supervisor();
    (void)rt.tick(9);
    (void)rt.choose("ask_consent", 1);
    std::vector<std::string> out;
    for (auto& e : rec.events)
      out.push_back(e.kind + "/" + e.step_id + "/" + e.item_id + "/" + std::to_string(e.decision_seconds));
    return out;
  };
  auto first = play();
  CHECK(first.size() == 5);  // interaction, help, timeout, choice, ending
  CHECK(first == play());
}
