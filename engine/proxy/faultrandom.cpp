#include "faultrandom.h"

namespace wirebench {

FaultRandom::FaultRandom(quint64 seed, quint64 connection, int direction)
    : m_state(seed ^ (connection * 0x9e3779b97f4a7c15ULL) ^ (quint64(direction + 1) << 56))
{
}

quint64 FaultRandom::next()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double FaultRandom::uniform()
{
    return double(next() >> 11) * (1.0 / 9007199254740992.0); // 53 bits
}

bool FaultRandom::chance(double p)
{
    if (p >= 1)
        return true;
    if (p <= 0)
        return false;
    return uniform() < p;
}

qint64 FaultRandom::spread(qint64 range)
{
    return range > 0 ? below(2 * range + 1) - range : 0;
}

qint64 FaultRandom::below(qint64 count)
{
    return count > 0 ? qint64(next() % quint64(count)) : 0;
}

} // namespace wirebench
