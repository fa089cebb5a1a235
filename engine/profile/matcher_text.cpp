// The plain-language side of the matcher (B1): short sentences, "je"/"you", no jargon.
#include <cmath>

#include "profile/matcher.h"

namespace meeloop::profile {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& lang) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? (lang == "en" ? " and " : " en ") : ", ";
    out += parts[i];
  }
  return out;
}

std::string supervision_list(const Supervision& s, const std::string& lang) {
  bool en = lang == "en";
  std::vector<std::string> parts;
  if (s.fixed_supervisor) parts.push_back(en ? "a fixed work supervisor" : "een vaste werkbegeleider");
  if (s.weekly_talk) parts.push_back(en ? "a talk every week" : "elke week een gesprek");
  if (s.student_coach) parts.push_back(en ? "a student coach" : "een studentcoach");
  if (s.learning_unit)
    parts.push_back(en ? "a learning unit with other students" : "een leerafdeling met andere studenten");
  return join(parts, lang);
}

std::string list_levels(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string reason_text(const Reason& r, const Workplace& w, const Profile& p,
                        const DimensionSet& dims, const std::string& lang) {
  bool en = lang == "en";
  bool plus = r.contribution > 0;
  switch (r.kind) {
    case ReasonKind::ClientGroup: {
      std::string g = client_group_name(w.client_group, lang);
      if (plus)
        return en ? "In the game you showed interest in " + g + ". That is the client group here."
                  : "In het spel liet je interesse zien in " + g + ". Dat is de doelgroep hier.";
      return en ? "In the game you chose " + g + " less often. Talk about whether this group suits you."
                : "In het spel koos je minder vaak voor " + g + ". Praat erover of deze doelgroep bij je past.";
    }
    case ReasonKind::Expectation: {
      const Expectation& e = w.expectations[size_t(r.detail)];
      const Dimension& d = dims.all()[e.dimension];
      if (plus) return (en ? "Suits you: " : "Past bij jou: ") + d.name.in(lang) + ". " + e.why.in(lang);
      return (en ? "Worth discussing: " : "Om te bespreken: ") + d.name.in(lang) + ". " +
             e.why.in(lang) + (en ? " In the game we saw this less." : " In het spel zagen we dit minder.");
    }
    case ReasonKind::Support: {
      std::string sup = supervision_list(w.supervision, lang);
      bool none = p.background.care_experience == "none";
      if (plus && none && w.side_entrants_welcome)
        return en ? "You have no care experience yet. This ward welcomes newcomers to care" +
                        (sup.empty() ? "." : " and offers " + sup + ".")
                  : "Je hebt nog geen zorgervaring. Deze afdeling verwelkomt nieuwkomers in de zorg" +
                        (sup.empty() ? "." : " en biedt " + sup + ".");
      if (plus)
        return en ? "You would like guidance at the start; this ward offers " + sup + "."
                  : "Je wilt bij de start graag begeleiding; deze afdeling biedt " + sup + ".";
      if (none && !w.side_entrants_welcome)
        return en ? "This ward usually asks for some care experience. Discuss what you would need to start here."
                  : "Deze afdeling vraagt meestal al wat zorgervaring. Bespreek wat je nodig hebt om hier toch te starten.";
      return en ? "There is less fixed guidance here; you will work on your own quite soon."
                : "Hier is minder vaste begeleiding; je werkt vrij snel zelfstandig.";
    }
    case ReasonKind::LevelRoute: {
      std::string lv = list_levels(w.levels), rt = list_levels(w.routes);
      if (plus)
        return en ? "This ward trains at the level and in the route you chose (" + lv + ", " + rt + ")."
                  : "Deze afdeling leidt op op het niveau en in de leerweg die je koos (" + lv + ", " + rt + ").";
      return en ? "This ward trains " + lv + " (" + rt + "), not exactly what you chose. Ask about the options."
                : "Deze afdeling leidt op voor " + lv + " (" + rt + "), niet precies wat je koos. Vraag naar de mogelijkheden.";
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> reason_texts(const Match& m, const Workplace& w, const Profile& p,
                                      const DimensionSet& dims, const std::string& lang, int max) {
  std::vector<std::string> out;
  for (int i = 0; i < m.reason_count && int(out.size()) < max; ++i) {
    // Tiny effects are noise; but the strongest reason is always shown so no ward lacks one.
    if (i > 0 && std::fabs(m.reasons[i].contribution) < 1.0) break;
    out.push_back(reason_text(m.reasons[i], w, p, dims, lang));
  }
  if (out.empty())
    out.push_back(lang == "en" ? "Nothing in the game points strongly towards or away from this ward."
                               : "Niets in het spel wijst sterk naar of weg van deze afdeling.");
  return out;
}

std::vector<std::string> talking_points(const Match& m, const Workplace& w, const Profile& p,
                                        const DimensionSet& dims, const std::string& lang) {
  bool en = lang == "en";
  std::vector<std::string> out;
  if (p.background.care_experience == "none")
    out.push_back(en ? "Tell the team you have no care background yet, so they can plan for it."
                     : "Vertel het team dat je nog geen zorgachtergrond hebt, zodat ze daar rekening mee houden.");
  for (const Expectation& e : w.expectations) {
    if (out.size() >= 3) break;
    const DimensionScore& d = p.dimensions[e.dimension];
    if (std::fabs(e.weight) < 0.4 || d.confidence >= 0.3) continue;
    std::string name = dims.all()[e.dimension].name.in(lang);
    out.push_back(en ? "The game showed little about \"" + name + "\". Talk about it: " + e.why.in(lang)
                     : "Over \"" + name + "\" zagen we weinig in het spel. Praat erover: " + e.why.in(lang));
  }
  if (w.physical_load == "high")
    out.push_back(en ? "The work here is physically heavy. How do you feel about that?"
                     : "Het werk hier is lichamelijk zwaar. Hoe denk je daarover?");
  if (w.team_style == "independent")
    out.push_back(en ? "You often work alone here, for example at a client's home. How does that feel?"
                     : "Je werkt hier vaak alleen, bijvoorbeeld bij een cliënt thuis. Hoe voelt dat?");
  if (w.care_intensity == "high")
    out.push_back(en ? "The care here is complex. What guidance would help you learn it?"
                     : "De zorg hier is complex. Welke begeleiding helpt je om dat te leren?");
  for (int i = 0; i < m.reason_count; ++i)
    if (m.reasons[i].kind == ReasonKind::LevelRoute && m.reasons[i].contribution < 0)
      out.push_back(en ? "Ask whether there is a place at your level or in your route."
                       : "Vraag of er een plek is op jouw niveau of in jouw leerweg.");
  if (out.size() > 5) out.resize(5);
  return out;
}

}  // namespace meeloop::profile
