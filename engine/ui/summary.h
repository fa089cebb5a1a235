#pragma once
// The end screen's short personal summary: the few things a visitor's choices pointed to most
// clearly, in the profile's own words, and how often they asked for help. Never a score or a
// pass/fail: the same explainable profile the recruiter sees, in three lines.
#include <string>
#include <vector>

#include "profile/dimensions.h"
#include "profile/profile.h"

namespace meeloop::ui {

struct SummaryPoint {
  std::string name;  // the dimension's name
  std::string text;  // its high or low pole, whichever the evidence points to
};

struct Summary {
  std::vector<SummaryPoint> points;  // strongest first, at most `max_points`
  int help_asked = 0;
  bool little_known = false;  // overall confidence below profile::kLowConfidence
};

Summary make_summary(const profile::Profile& p, const profile::DimensionSet& dims,
                     const std::string& lang, int max_points = 3);

}  // namespace meeloop::ui
