#pragma once
// Small helpers shared by the HTML report and its SVG chart (internal to profile/).
#include <string>
#include <string_view>

#include "profile/text_table.h"

namespace meeloop::profile::html {

// Escapes & < > " ' for text and attribute values.
std::string esc(std::string_view s);
// "0.42" style number with `decimals` places (C locale, always a dot).
std::string num(double v, int decimals);
// "weinig bewijs" / "enig bewijs" / "duidelijk bewijs" (in `lang`) for a 0..1 confidence.
std::string confidence_word(double c, const TextTable& texts, const std::string& lang);

// Colours of the report; the chart's teal is what the browser test looks for.
constexpr const char* kHigh = "#0f766e";  // evidence for the high pole
constexpr const char* kLow = "#c2410c";   // evidence for the low pole

}  // namespace meeloop::profile::html
