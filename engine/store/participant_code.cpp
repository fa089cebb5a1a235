#include "store/participant_code.h"

#include <cctype>

namespace meeloop::store {
namespace {

constexpr std::string_view kPrefix = "MEE-";
constexpr int kN = int(kCodeAlphabet.size());

// Weighted sum modulo 29 (the alphabet size, a prime) with weights 1..6: every weight and
// every difference of neighbouring weights is invertible mod 29, so any single wrong
// character and any swap of two neighbouring characters changes the check character.
char check_character(std::string_view body) {
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) sum += int(i + 1) * int(kCodeAlphabet.find(body[i]));
  return kCodeAlphabet[size_t(sum % kN)];
}

}  // namespace

std::string generate_participant_code(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> pick(0, kN - 1);
  std::string body;
  for (int i = 0; i < 6; ++i) body += kCodeAlphabet[size_t(pick(rng))];
  return std::string(kPrefix) + body.substr(0, 4) + "-" + body.substr(4) + check_character(body);
}

std::string generate_participant_code() {
  std::random_device device;
  std::mt19937_64 rng((uint64_t(device()) << 32) ^ device());
  return generate_participant_code(rng);
}

std::optional<std::string> normalize_participant_code(std::string_view typed) {
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.front()))) typed.remove_prefix(1);
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.back()))) typed.remove_suffix(1);
  std::string code;
  for (char c : typed) code += char(std::toupper(static_cast<unsigned char>(c)));
  // MEE-XXXX-XXC
  if (code.size() != 12 || code.compare(0, 4, kPrefix) != 0 || code[8] != '-') return std::nullopt;
  std::string body = code.substr(4, 4) + code.substr(9, 2);
  for (char c : body + code[11])
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
  if (check_character(body) != code[11]) return std::nullopt;
  return code;
}

}  // namespace meeloop::store
