#pragma once
// Subcommands report errors by throwing ErrorException, which main turns into the message and
// exit code once; these unwrap a Result on that path.
#include <utility>

#include "core/error.h"

namespace meeloop::cli {

template <class T>
T take(Result<T> r) {
  if (!r) throw ErrorException(r.error());
  return std::move(r).value();
}

inline void check(const Status& s) {
  if (!s) throw ErrorException(s.error());
}

}  // namespace meeloop::cli
