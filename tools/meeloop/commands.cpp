#include "commands.h"

#include <array>

namespace meeloop::cli {

int cmd_hub(CommandContext&);  // the regional hub (cmd_hub.cpp)
int cmd_sync(CommandContext&);  // the outbox to the regional hub (cmd_sync.cpp)

std::span<const Command> commands() {
  static constexpr std::array table{
      Command{"render", "render <scene-dir> --out <file.png> [--width W] [--height H] [--view ID] [--step ID]",
              "draw a scene offscreen to a PNG (no display needed)", &cmd_render},
      Command{"bench",
              "bench render [--frames N] [--scene DIR] [--msaa N] [--detail auto|full|budget] [--budget T] [--size WxH] [--flush-points N] [--compare] | bench profile [--participants N] ... | bench xr [--frames N] [--scene DIR] | bench hub [--kiosks N] [--seconds S] [--participants P] [--statements M] [--lookups L] [--database URL]",
              "print performance figures (not a test)", &cmd_bench},
      Command{"play",
              "play <scene-dir> --headless --choices <file> --participant <CODE|new> [--db PATH] "
              "[--lang nl|en] [--consent yes|no] [--share none|organisation|region] | play <scene-dir> --xr [--script FILE] [--seated] "
              "[--snap-turn 30|45|0] [--multiview auto|on|off] [--max-frames N] [--no-mirror] [--input-script FILE] "
              "[--vignette] [--operator-script FILE] (recording options as --headless) "
              "| play <scene-dir> --desktop [--size WxH] [--input-script FILE] (recording options as --headless)",
              "play a scenario from a choices file, logging every decision as evidence", &cmd_play},
      Command{"forget", "forget <CODE> | forget --older-than <days>  [--db PATH]",
              "remove every record of one person (or of everyone inactive that long)", &cmd_forget},
      Command{"catalog", "catalog [words...] [--licenses]",
              "list Sweet Home 3D furniture (ids, sizes, licences) matching all the words", &cmd_catalog},
      Command{"match", "match <CODE> [--db PATH] [--lang nl|en] [--top N]",
              "rank every learning workplace for one person, with reasons and talking points", &cmd_match},
      Command{"plan", "plan <CODE> [--db PATH] [--lang nl|en]",
              "suggest an introduction plan for one person, with the reason for each element", &cmd_plan},
      Command{"export", "export <CODE> --format json|csv|xapi|html --out FILE [--db PATH] [--lang nl|en] [--home-page IRI]",
              "write one person's profile, ranking and plan in an open format", &cmd_export},
      Command{"kiosk",
              "kiosk [--scenes DIR,DIR] [--db PATH] [--settings FILE] [--lang nl|en] [--idle SECONDS] [--size WxH] "
              "[--input-script FILE] [--home-page IRI] [--hub URL (--hub-key-file FILE | --hub-key KIOSK:KEY) "
              "[--hub-ca FILE] [--sync-every SECONDS]]",
              "the open-day kiosk in a window (also `meeloop` alone when a display is present); with --hub it sends "
              "what visitors shared in the background (--hub-key-file, a 0600 file holding KIOSK:KEY, is preferred: "
              "a key on the command line is visible in the process list)", &cmd_kiosk},
      Command{"kiosk-pin", "kiosk-pin [--db PATH] [--settings FILE]",
              "set the recruiter PIN of the kiosk (typed twice, not shown; or one line on stdin)", &cmd_kiosk_pin},
      Command{"lint", "lint <scene-dir>... [--format text|json]",
              "check scene packages and report every problem at once (file:line:col)", &cmd_lint},
      Command{"hub", "hub --config FILE [--check] | hub --config FILE --forget CODE [--reason TEXT] | hub --config FILE --add-recruiter ORG:NAME --role ROLE | hub --hash-key | hub --demo [--port N]",
              "the regional hub: xAPI statements from kiosks over TLS into PostgreSQL (--forget: erase one person on the hub "
              "and refuse their later statements; --add-recruiter: a recruiter account, password on standard input; --hash-key: a device key's hash; --demo: a throwaway one to try)",
              &cmd_hub},
      Command{"sync", "sync --hub URL --key KIOSK:KEY [--db PATH] [--ca FILE] [--home-page IRI] [--batch N]",
              "send what people shared to the regional hub, then erasures (exit 1: queued for later)", &cmd_sync},
  };
  return table;
}

}  // namespace meeloop::cli
