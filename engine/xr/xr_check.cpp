#include "xr/xr_check.h"
#include <string>

#include <openxr/openxr_reflection.h>

namespace meeloop::xr {

static_assert(sizeof(XrResult) == sizeof(std::int32_t), "Error::api_result holds an XrResult");

std::string result_name(XrResult r) {
#define MEELOOP_XR_RESULT_CASE(name, value) \
  case name: return #name;
  switch (r) {
    XR_LIST_ENUM_XrResult(MEELOOP_XR_RESULT_CASE)
    default: return "XrResult " + std::to_string(int(r));
  }
#undef MEELOOP_XR_RESULT_CASE
}

Error xr_error(XrResult r, const char* call, const char* file, int line) {
  std::string f = file;
  if (auto pos = f.find("engine/"); pos != std::string::npos) f = f.substr(pos + 7);
  Error e = failure(std::string(call) + " failed at " + f + ":" + std::to_string(line) + ": " +
                    result_name(r));
  e.api_result = {Api::OpenXR, std::int32_t(r)};
  return e;
}

std::optional<XrResult> xr_result(const Error& e) {
  if (e.api_result.api != Api::OpenXR) return std::nullopt;
  return XrResult(e.api_result.code);
}

void throw_xr_error(XrResult r, const char* call, const char* file, int line) {
  throw XrException(xr_error(r, call, file, line));
}

}  // namespace meeloop::xr
