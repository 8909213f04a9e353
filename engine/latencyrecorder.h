#pragma once

#include <QtCore/QtGlobal>

#include <array>

namespace wirebench {

/**
 * Round-trip latencies in nanoseconds, kept as a log-linear histogram so a
 * run of any length costs a fixed 30 KiB: values below 128 ns exactly, above
 * that 64 buckets per power of two (a percentile is within 0.8 % of the
 * truth). The maximum is kept exactly.
 *
 * @code
 * value  0 .. 127            -> bucket value
 * value  [m << s, (m+1) << s), m in [64, 127], s >= 1 -> bucket s * 64 + m
 * @endcode
 */
class LatencyRecorder
{
public:
    void record(qint64 nanoseconds);
    void clear();

    quint64 count() const { return m_count; }
    qint64 max() const { return m_max; }
    /** The value at @p fraction (0.5 = median) of the recorded ones; 0 if none. */
    qint64 percentile(double fraction) const;

private:
    static constexpr int subBuckets = 64;
    static constexpr int bucketCount = (63 - 6) * subBuckets + 2 * subBuckets;

    static int bucketOf(quint64 value);
    /** The middle of @p bucket's range. */
    static qint64 valueOf(int bucket);

    std::array<quint64, bucketCount> m_buckets{};
    quint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace wirebench
