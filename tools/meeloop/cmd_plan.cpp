// `meeloop plan <CODE>`: the suggested introduction plan, each element with why it was suggested.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "person_report.h"
#include "profile/text.h"
#include "profile/text_table.h"

namespace meeloop::cli {

int cmd_plan(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::string code = args.positional(0, "<CODE>");
  if (args.positionals().size() > 1) throw ErrorException(bad_input("", "", "plan takes one participant code"));
  PersonReport person = load_person_report(code, args, ctx.settings, ctx.log);
  const profile::Report& r = person.report;
  const profile::ProfileData* data = person.data.get();
  const std::string& lang = person.lang;
  const profile::TextTable& texts = data->dims.texts();

  std::printf("%s\n", profile::fill(texts.get(lang, "cli.plan.heading"), {{"code", r.profile.code}}).c_str());
  std::string notice = profile::confidence_notice(r.matches, lang);
  if (!notice.empty()) std::printf("\n! %s\n", notice.c_str());
  int n = 0;
  for (const profile::PlanItem& item : r.plan.items) {
    const profile::PlanElement& el = data->rules.elements[item.element];
    std::printf("\n%d. %s%s%s\n   %s\n", ++n, el.title.in(lang).c_str(), item.detail ? ": " : "",
                item.detail ? item.detail->in(lang).c_str() : "", el.description.in(lang).c_str());
    for (const auto& reason : item.reasons)
      std::printf("   %s %s\n", texts.get(lang, "cli.plan.why").c_str(), reason.in(lang).c_str());
  }
  return 0;
}

}  // namespace meeloop::cli
