// Compiles: meeloop_profile declares its edge to meeloop_store (tests/layering/check.cmake).
#include "store/records.h"

int main() { return 0; }
