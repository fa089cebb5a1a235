// `meeloop plan <CODE>`: the suggested introduction plan, each element with why it was suggested.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "core/paths.h"
#include "profile/report_store.h"
#include "profile/text.h"

namespace meeloop::cli {

int cmd_plan(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::string code = args.positional(0, "<CODE>");
  std::string db = args.option_or("--db", default_database_path().string());
  std::optional<std::string> lang_opt = args.option("--lang");
  args.expect_consumed();
  if (args.positionals().size() > 1) throw ErrorException(bad_input("", "", "plan takes one participant code"));

  auto data = profile::load_profile_data(data_root());
  if (!data) throw ErrorException(data.error());
  auto report = profile::read_report(db, code, data.value(), ctx.log);
  if (!report) throw ErrorException(report.error());
  const profile::Report& r = report.value();
  std::string lang = profile::checked_language(
      lang_opt.value_or(r.participant.language.empty() ? "nl" : r.participant.language), "--lang");
  bool en = lang == "en";

  std::printf("%s %s\n", en ? "Introduction plan for" : "Inwerkplan voor", r.profile.code.c_str());
  std::string notice = profile::confidence_notice(r.matches, lang);
  if (!notice.empty()) std::printf("\n! %s\n", notice.c_str());
  int n = 0;
  for (const profile::PlanItem& item : r.plan.items) {
    const profile::PlanElement& el = data->rules.elements[item.element];
    std::printf("\n%d. %s%s%s\n   %s\n", ++n, el.title.in(lang).c_str(), item.detail ? ": " : "",
                item.detail ? item.detail->in(lang).c_str() : "", el.description.in(lang).c_str());
    for (const auto& reason : item.reasons)
      std::printf("   %s %s\n", en ? "Why:" : "Waarom:", reason.in(lang).c_str());
  }
  return 0;
}

}  // namespace meeloop::cli
