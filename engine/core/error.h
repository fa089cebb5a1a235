#pragma once
// Errors that travel as values. Bad input (a trainer's scene file, a CLI argument, a data file)
// must reach the user as "file:line:col: /json/pointer: what was expected", never as a crash.
#include <string>
#include <utility>
#include <variant>

namespace meeloop {

enum class ErrorKind {
  BadInput,  // the user's input is wrong: exit code 2
  Failure,   // the input was fine but something failed (GPU, disk, database): exit code 1
};

struct Error {
  ErrorKind kind = ErrorKind::Failure;
  std::string file;      // path of the offending file, empty when there is none
  std::string location;  // "line:col" when known
  std::string pointer;   // JSON pointer, e.g. "/models/3/position", empty when not JSON
  std::string message;   // what was expected / what went wrong, in plain language

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
