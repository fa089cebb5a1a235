#pragma once
// Pseudonymous participant codes such as "MEE-7KQ2-XDA": easy to read aloud and type at an
// open day, never derived from a name. The last character is a check character (weighted sum
// mod 29), so a mistyped character or a swap of two neighbours is caught before anything is stored.
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace meeloop::store {

// Digits and capitals without the look-alikes 0/O, 1/I/L and U/V.
inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

// A fresh random code from `rng`.
std::string generate_participant_code(std::mt19937_64& rng);
// A fresh code from the system's random device.
std::string generate_participant_code();
// The canonical form of a typed code (upper-cased, surrounding spaces removed), or nullopt
// when it is not a well-formed code with a correct check character.
std::optional<std::string> normalize_participant_code(std::string_view typed);

}  // namespace meeloop::store
