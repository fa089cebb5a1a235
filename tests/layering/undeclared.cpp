// Must not compile: the GPU-free profile library has no edge to gpu (tests/layering/check.cmake).
#include "gpu/device.h"

int main() { return 0; }
