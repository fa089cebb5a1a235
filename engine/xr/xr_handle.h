#pragma once
// One move-only owner for every OpenXR handle, in the style of gpu/handle.h: destruction is
// looked up in a table of one-liners. Children (spaces, swapchains) must be declared after the
// session they belong to so they go first.
#include <utility>

#include <openxr/openxr.h>

namespace meeloop::xr {

template <class T>
struct XrHandleTraits;
#define MEELOOP_XR_HANDLE(T, destroy_fn) \
  template <>                            \
  struct XrHandleTraits<T> {             \
    static void destroy(T h) { destroy_fn(h); } \
  };
MEELOOP_XR_HANDLE(XrInstance, xrDestroyInstance)
MEELOOP_XR_HANDLE(XrSession, xrDestroySession)
MEELOOP_XR_HANDLE(XrSpace, xrDestroySpace)
MEELOOP_XR_HANDLE(XrSwapchain, xrDestroySwapchain)
MEELOOP_XR_HANDLE(XrActionSet, xrDestroyActionSet)
MEELOOP_XR_HANDLE(XrAction, xrDestroyAction)
#undef MEELOOP_XR_HANDLE

template <class T>
class XrHandle {
 public:
  XrHandle() = default;
  explicit XrHandle(T value) : value_(value) {}
  XrHandle(XrHandle&& o) noexcept : value_(std::exchange(o.value_, XR_NULL_HANDLE)) {}
  XrHandle& operator=(XrHandle&& o) noexcept {
    if (this != &o) {
      reset();
      value_ = std::exchange(o.value_, XR_NULL_HANDLE);
    }
    return *this;
  }
  XrHandle(const XrHandle&) = delete;
  XrHandle& operator=(const XrHandle&) = delete;
  ~XrHandle() { reset(); }

  T get() const { return value_; }
  operator T() const { return value_; }
  explicit operator bool() const { return value_ != XR_NULL_HANDLE; }
  void reset() {
    if (value_ != XR_NULL_HANDLE) XrHandleTraits<T>::destroy(value_);
    value_ = XR_NULL_HANDLE;
  }

 private:
  T value_ = XR_NULL_HANDLE;
};

}  // namespace meeloop::xr
