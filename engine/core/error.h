#pragma once
// Errors that travel as values. Bad input (a trainer's scene file, a CLI argument, a data file)
// must reach the user as "file:line:col: /json/pointer: what was expected", never as a crash.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace meeloop {

enum class ErrorKind {
  BadInput,  // the user's input is wrong: exit code 2
  Failure,   // the input was fine but something failed (GPU, disk, database): exit code 1
};

// The API whose call failed and the code it returned (a VkResult or an XrResult, both 32-bit
// enums), so a caller can tell VK_ERROR_DEVICE_LOST or XR_ERROR_SESSION_LOST apart on a Result
// without catching an exception first. Core includes neither API's header: gpu/check.h
// (vk_result) and xr/xr_check.h (xr_result) read it back typed.
enum class Api : std::uint8_t { None, Vulkan, OpenXR };
struct ApiResult {
  Api api = Api::None;
  std::int32_t code = 0;
};

struct Error {
  ErrorKind kind = ErrorKind::Failure;
  std::string file;      // path of the offending file, empty when there is none
  std::string location;  // "line:col" when known
  std::string pointer;   // JSON pointer, e.g. "/models/3/position", empty when not JSON
  std::string message;   // what was expected / what went wrong, in plain language
  ApiResult api_result;  // set by gpu::vk_error and xr::xr_error only

  // "file:line:col: /pointer: message" with the empty parts left out.
  std::string to_string() const;
  int exit_code() const { return kind == ErrorKind::BadInput ? 2 : 1; }
};

Error bad_input(std::string file, std::string pointer, std::string message);
Error failure(std::string message, std::string file = {});

// Holds a T or an Error; the small std::expected this C++20 codebase lacks.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result for operations with no value.
struct Ok {};
using Status = Result<Ok>;

// An exception carrying an Error, for code paths where unwinding is simpler than threading
// Results through (parsers deep in recursion, fatal setup failures). Caught once in main.
class ErrorException : public std::exception {
 public:
  explicit ErrorException(Error e) : error_(std::move(e)), text_(error_.to_string()) {}
  const char* what() const noexcept override { return text_.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  std::string text_;
};

// The value of r, or r's error thrown as an ErrorException: for the paths described above
// (subcommands, setup of a session) that report by unwinding.
template <class T>
T value_or_throw(Result<T> r) {
  if (!r) throw ErrorException(r.error());
  return std::move(r).value();
}

}  // namespace meeloop

// Early returns for functions that return a Result or Status, instead of writing
// `auto x = f(); if (!x) return x.error();` by hand:
//   MEELOOP_ASSIGN_OR_RETURN(auto window, Window::create(...));   // declares window
//   MEELOOP_ASSIGN_OR_RETURN(impl->context, gpu::create_context(log, cc));  // assigns
//   MEELOOP_RETURN_IF_ERROR(store.append(event));                  // a Status or unused value
// The value is moved out, never copied (an lvalue Result is copied first: pass std::move(r)).
// The expression may contain commas; the left-hand side may not, so no structured bindings.
// MEELOOP_ASSIGN_OR_RETURN is a statement at block scope (it declares a hidden temporary): not
// the body of an unbraced if. In a lambda, spell out its Result return type.
#define MEELOOP_TRY_CONCAT_INNER(a, b) a##b
#define MEELOOP_TRY_CONCAT(a, b) MEELOOP_TRY_CONCAT_INNER(a, b)
// __COUNTER__, not __LINE__: two uses expanded on one line (inside another macro) stay apart.
#define MEELOOP_ASSIGN_OR_RETURN(lhs, ...) \
  MEELOOP_ASSIGN_OR_RETURN_IMPL(MEELOOP_TRY_CONCAT(meeloop_try_, __COUNTER__), lhs, __VA_ARGS__)
#define MEELOOP_ASSIGN_OR_RETURN_IMPL(tmp, lhs, ...) \
  auto tmp = (__VA_ARGS__);                           \
  if (!tmp) return tmp.error();                       \
  lhs = std::move(tmp).value()
#define MEELOOP_RETURN_IF_ERROR(...)                                   \
  do {                                                                 \
    if (auto meeloop_try_status_ = (__VA_ARGS__); !meeloop_try_status_) \
      return meeloop_try_status_.error();                              \
  } while (0)
