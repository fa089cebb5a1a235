#pragma once
// Checking OpenXR calls: a failed call becomes an Error naming the call text, file:line and
// the XrResult, e.g. "xrCreateSession(...) failed at xr/session.cpp:40: XR_ERROR_...".
#include <optional>
#include <string>

#include <openxr/openxr.h>

#include "core/error.h"

namespace meeloop::xr {

// "XR_ERROR_SESSION_LOST", ... (the enum's own name).
std::string result_name(XrResult r);
// Failure-kind Error for a failed call, carrying `r` (see xr_result).
Error xr_error(XrResult r, const char* call, const char* file, int line);
// The XrResult of an Error made by xr_error (e.g. XR_ERROR_SESSION_LOST); empty for any other,
// so a caller tests a Result's error without catching an XrException first.
std::optional<XrResult> xr_result(const Error& e);

class XrException : public ErrorException {
 public:
  using ErrorException::ErrorException;
};
[[noreturn]] void throw_xr_error(XrResult r, const char* call, const char* file, int line);

// Runs `fn`, turning XrException and gpu::GpuException into the Error of a Result.
template <class T, class Fn>
Result<T> catch_xr(Fn&& fn) {
  try {
    return fn();
  } catch (const ErrorException& e) {
    return e.error();
  }
}

}  // namespace meeloop::xr

// Throws an XrException when `call` fails (XR_FAILED); qualified successes pass.
#define MEELOOP_XR_CHECK(call)                                                       \
  do {                                                                               \
    XrResult meeloop_xr_result_ = (call);                                            \
    if (XR_FAILED(meeloop_xr_result_))                                               \
      ::meeloop::xr::throw_xr_error(meeloop_xr_result_, #call, __FILE__, __LINE__);  \
  } while (0)
