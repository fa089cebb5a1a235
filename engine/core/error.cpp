#include "core/error.h"

namespace meeloop {

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (!location.empty()) out += ":" + location;
    out += ": ";
  }
  if (!pointer.empty()) out += pointer + ": ";
  out += message;
  return out;
}

Error bad_input(std::string file, std::string pointer, std::string message) {
  return Error{ErrorKind::BadInput, std::move(file), {}, std::move(pointer), std::move(message)};
}

Error failure(std::string message, std::string file) {
  return Error{ErrorKind::Failure, std::move(file), {}, {}, std::move(message)};
}

}  // namespace meeloop
