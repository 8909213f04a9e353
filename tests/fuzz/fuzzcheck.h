#pragma once

#include <cstdio>
#include <cstdlib>

/**
 * An assertion that also holds in release builds (assert() is compiled out
 * under NDEBUG): a broken codec contract must stop libFuzzer with the input,
 * and fail the replay test in the normal build.
 */
#define FUZZ_CHECK(condition)                                                                  \
    do {                                                                                       \
        if (!(condition)) {                                                                    \
            std::fprintf(stderr, "%s:%d: codec contract broken: %s\n", __FILE__, __LINE__,     \
                         #condition);                                                          \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)
