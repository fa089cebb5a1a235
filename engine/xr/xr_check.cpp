#include "xr/xr_check.h"
#include <string>

#include <openxr/openxr_reflection.h>

namespace meeloop::xr {

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
  return failure(std::string(call) + " failed at " + f + ":" + std::to_string(line) + ": " + result_name(r));
}

void throw_xr_error(XrResult r, const char* call, const char* file, int line) {
  XrException e(xr_error(r, call, file, line));
  e.result = r;
  throw e;
}

}  // namespace meeloop::xr
