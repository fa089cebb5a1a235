#pragma once
// How far a participant lets their profile travel, chosen with their consent: kept on this
// machine only, shared with the organisation that runs the kiosk, or with every organisation of
// the region. Only people who share have an outbox (store/outbox.h); nothing else leaves the kiosk.
#include <optional>
#include <string_view>

namespace meeloop::store {

enum class ShareScope { None, Organisation, Region };

// "none" | "organisation" | "region": the database column, the --share argument, the wire.
constexpr std::string_view share_scope_name(ShareScope s) {
  switch (s) {
    case ShareScope::Organisation: return "organisation";
    case ShareScope::Region: return "region";
    case ShareScope::None: break;
  }
  return "none";
}

// The scope a name stands for; nullopt for anything else (the caller says what was expected).
constexpr std::optional<ShareScope> parse_share_scope(std::string_view name) {
  for (ShareScope s : {ShareScope::None, ShareScope::Organisation, ShareScope::Region})
    if (share_scope_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace meeloop::store
