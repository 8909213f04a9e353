#include "latencyrecorder.h"

#include <algorithm>
#include <cmath>

namespace wirebench {

int LatencyRecorder::bucketOf(quint64 value)
{
    if (value < 2 * subBuckets)
        return int(value);
    const int shift = (63 - __builtin_clzll(value)) - 6;  // value >> shift lies in [64, 127]
    return shift * subBuckets + int(value >> shift);
}

qint64 LatencyRecorder::valueOf(int bucket)
{
    if (bucket < 2 * subBuckets)
        return bucket;
    const int shift = bucket / subBuckets - 1;
    const quint64 mantissa = quint64(bucket - shift * subBuckets);
    return qint64((mantissa << shift) + ((quint64(1) << shift) >> 1));
}

void LatencyRecorder::record(qint64 nanoseconds)
{
    const quint64 value = quint64(std::max<qint64>(nanoseconds, 0));
    ++m_buckets[size_t(bucketOf(value))];
    ++m_count;
    m_max = std::max(m_max, qint64(value));
}

void LatencyRecorder::clear()
{
    m_buckets.fill(0);
    m_count = 0;
    m_max = 0;
}

qint64 LatencyRecorder::percentile(double fraction) const
{
    if (m_count == 0)
        return 0;
    const quint64 rank = std::max<quint64>(1, quint64(std::ceil(fraction * double(m_count))));
    quint64 seen = 0;
    for (int bucket = 0; bucket < bucketCount; ++bucket) {
        seen += m_buckets[size_t(bucket)];
        if (seen >= rank)
            return std::min(valueOf(bucket), m_max);
    }
    return m_max;
}

} // namespace wirebench
