#include "faultplan.h"

namespace wirebench {

DirectionPlan DirectionPlan::of(const QList<Fault> &faults, ProxyDirection direction)
{
    DirectionPlan plan;
    bool seen[int(Fault::Kind::DelayChannel) + 1] = {};
    for (const Fault &fault : faults) {
        if (!fault.enabled || !fault.appliesTo(direction))
            continue;
        bool &first = seen[int(fault.kind)];
        const bool isFirst = !first;
        first = true;
        switch (fault.kind) {
        case Fault::Kind::Latency:
            if (isFirst) {
                plan.latencyMsecs = fault.amount;
                plan.jitterMsecs = fault.extra;
            }
            break;
        case Fault::Kind::Bandwidth:
            if (isFirst)
                plan.bytesPerSecond = fault.amount * 1024;
            break;
        case Fault::Kind::Slice:
            if (isFirst) {
                plan.sliceBytes = fault.amount;
                plan.sliceDelayMicros = fault.extra;
            }
            break;
        case Fault::Kind::LimitData:
            if (isFirst)
                plan.limitBytes = fault.amount;
            break;
        case Fault::Kind::Timeout:
            if (isFirst) {
                plan.timeout = true;
                plan.timeoutMsecs = fault.amount;
            }
            break;
        case Fault::Kind::SlowClose:
            if (isFirst)
                plan.slowCloseMsecs = fault.amount;
            break;
        case Fault::Kind::ResetAfter:
            break; // the connection's, not a direction's: LinkPlan
        case Fault::Kind::Drop: plan.drops.append(fault); break;
        case Fault::Kind::Duplicate: plan.duplicates.append(fault); break;
        case Fault::Kind::Corrupt:
            if (isFirst) {
                plan.corrupt = true;
                plan.corruptProbability = fault.probability;
            }
            break;
        case Fault::Kind::DelayChannel: plan.channelDelays.append(fault); break;
        }
    }
    return plan;
}

std::shared_ptr<const LinkPlan> LinkPlan::from(const QList<Fault> &faults)
{
    auto plan = std::make_shared<LinkPlan>();
    plan->directions[int(ProxyDirection::ClientToServer)] = DirectionPlan::of(faults, ProxyDirection::ClientToServer);
    plan->directions[int(ProxyDirection::ServerToClient)] = DirectionPlan::of(faults, ProxyDirection::ServerToClient);
    for (const Fault &fault : faults) {
        if (fault.enabled && fault.kind == Fault::Kind::ResetAfter) {
            plan->resetAfter = true;
            plan->resetAfterMsecs = fault.amount;
            break;
        }
    }
    return plan;
}

} // namespace wirebench
