#pragma once
// A zeroed OpenXR struct with its type set (the XR twin of gpu/vk_struct.h).
#include <openxr/openxr.h>

namespace meeloop::xr {

template <class T>
T xr_struct(XrStructureType type) {
  T v{};
  v.type = type;
  return v;
}

}  // namespace meeloop::xr
