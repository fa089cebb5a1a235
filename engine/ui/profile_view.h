#pragma once
// One person's profile in Dear ImGui, with the same content as the HTML report (engine/profile
// export_html.cpp): the dimension chart (draw list), what we saw, the evidence behind it, the
// best-matching learning workplaces with reasons and talking points, and the introduction plan.
#include <string>

#include "profile/report.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

// The chart: one row per dimension, a bar from the middle towards the pole the evidence points
// to, its opacity the confidence. `width` in pixels.
void draw_dimension_chart(const profile::Report& r, const std::string& lang, float width);

// The whole page, for the recruiter view (and twice, side by side, to compare two people).
// `top_matches`: how many workplace cards to show.
void draw_profile(const profile::Report& r, const std::string& lang, const UiText& text, int top_matches = 3);

}  // namespace meeloop::ui
