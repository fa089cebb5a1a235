// `meeloop match <CODE>`: every learning workplace ranked for one person, with the reasons and
// talking points for the intake conversation. Nothing is hidden: --top only shortens the
// printout and says how many more there are.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "person_report.h"
#include "profile/text.h"
#include "profile/text_table.h"

namespace meeloop::cli {

int cmd_match(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::string code = args.positional(0, "<CODE>");
  int top = args.int_option_or("--top", 10, 1, 100000);
  if (args.positionals().size() > 1) throw ErrorException(bad_input("", "", "match takes one participant code"));
  PersonReport person = load_person_report(code, args, ctx.settings, ctx.log);
  const profile::Report& r = person.report;
  const profile::ProfileData* data = person.data.get();
  const std::string& lang = person.lang;
  const profile::TextTable& texts = data->dims.texts();
  auto text = [&](const char* key) { return texts.get(lang, key); };

  std::printf("%s\n", profile::fill(text("cli.match.heading"), {{"code", r.profile.code},
                                                                 {"sessions", std::to_string(r.profile.sessions)},
                                                                 {"events", std::to_string(r.profile.events)}})
                          .c_str());
  std::string notice = profile::confidence_notice(r.matches, lang);
  if (!notice.empty()) std::printf("\n! %s\n", notice.c_str());
  std::printf("\n");
  int rank = 0;
  for (const profile::Match& m : r.matches.ranked) {
    if (rank >= top) break;
    const profile::Workplace& w = data->workplaces[m.workplace];
    std::printf("%2d. %3d/100  %s - %s (%s, %s)\n", ++rank, m.fit, w.ward.in(lang).c_str(),
                w.organisation.c_str(), w.city.c_str(), w.region.c_str());
    for (const auto& reason : profile::reason_texts(m, w, r.profile, data->dims, lang))
      std::printf("      + %s\n", reason.c_str());
    auto points = profile::talking_points(m, w, r.profile, data->dims, lang);
    if (!points.empty()) std::printf("      %s\n", text("report.talk_about").c_str());
    for (const auto& p : points) std::printf("      ? %s\n", p.c_str());
  }
  size_t rest = r.matches.ranked.size() - size_t(rank);
  if (rest > 0)
    std::printf("\n%s\n", profile::fill(text("cli.match.more"), {{"count", std::to_string(rest)},
                                                               {"all", std::to_string(r.matches.ranked.size())}})
                              .c_str());
  return 0;
}

}  // namespace meeloop::cli
