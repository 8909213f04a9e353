#pragma once

#include <engine/proxy/fault.h>

#include <memory>

namespace wirebench {

/**
 * The enabled faults of one direction, read out of a proxy's fault list for
 * the pump that carries it: the first of each byte-level kind counts, every
 * message-level one (several channels may each be dropped).
 */
struct DirectionPlan
{
    qint64 latencyMsecs = 0;
    qint64 jitterMsecs = 0;
    qint64 bytesPerSecond = 0;  ///< 0: no bandwidth limit
    qint64 sliceBytes = 0;      ///< 0: writes as large as they come
    qint64 sliceDelayMicros = 0;
    qint64 limitBytes = -1;     ///< -1: no limit
    bool timeout = false;       ///< passes nothing
    qint64 timeoutMsecs = 0;    ///< then closes after this long (0: never)
    qint64 slowCloseMsecs = 0;
    QList<Fault> drops;
    QList<Fault> duplicates;
    bool corrupt = false;
    double corruptProbability = 0;
    QList<Fault> channelDelays;

    bool hasMessageFaults() const { return !drops.isEmpty() || !duplicates.isEmpty() || corrupt || !channelDelays.isEmpty(); }
    /** True when bytes may be written the moment they are read. */
    bool writesAtOnce() const { return latencyMsecs == 0 && jitterMsecs == 0 && bytesPerSecond == 0 && sliceBytes == 0 && limitBytes < 0; }

    static DirectionPlan of(const QList<Fault> &faults, ProxyDirection direction);
};

/** What every connection of a proxy follows; replaced whole when the faults change. */
struct LinkPlan
{
    DirectionPlan directions[2]; ///< by ProxyDirection
    bool resetAfter = false;
    qint64 resetAfterMsecs = 0;

    const DirectionPlan &of(ProxyDirection direction) const { return directions[int(direction)]; }

    static std::shared_ptr<const LinkPlan> from(const QList<Fault> &faults);
};

} // namespace wirebench
