#pragma once

#include <QtCore/QtGlobal>

namespace wirebench {

/**
 * The random choices of one connection's direction (jitter, probabilities):
 * splitmix64 over a state seeded from the proxy's seed, the connection's id
 * and the direction. Written out rather than std::mt19937 and a distribution,
 * whose results differ between standard libraries: a seed printed by one
 * build repeats the run on another.
 */
class FaultRandom
{
public:
    FaultRandom(quint64 seed, quint64 connection, int direction);

    quint64 next();
    /** In [0, 1). */
    double uniform();
    /** True with probability @p p (1: always, 0: never, without drawing). */
    bool chance(double p);
    /** In [-range, +range]. */
    qint64 spread(qint64 range);
    /** In [0, count). */
    qint64 below(qint64 count);

private:
    quint64 m_state;
};

} // namespace wirebench
