#pragma once

#include <QtCore/QtGlobal>

// Deadlines of tests that wait for real events: sanitized builds run several times slower.
namespace testing {

/** WIREBENCH_TEST_TIME_FACTOR, as CTest sets it (3 in sanitized builds), at least 1. */
inline double timeFactor()
{
    bool ok = false;
    const double factor = qEnvironmentVariable("WIREBENCH_TEST_TIME_FACTOR").toDouble(&ok);
    return ok && factor >= 1 ? factor : 1;
}

/** @p msecs times timeFactor(): for a deadline that bounds a wait for an event, never for a sleep. */
inline int scaled(int msecs) { return int(msecs * timeFactor()); }

} // namespace testing
