#include "faulttext.h"

#include <ui/models/messageformat.h>

namespace wirebench {

namespace {

QString channelText(const QString &channel)
{
    return channel == QLatin1String("*") ? FaultText::tr("any channel")
         : channel.isEmpty()             ? FaultText::tr("the default channel")
                                         : channel;
}

QString probabilityText(double probability)
{
    return FaultText::tr("p %1").arg(probability, 0, 'g', 3);
}

} // namespace

QList<Fault::Kind> FaultText::kinds()
{
    using K = Fault::Kind;
    return {K::Latency, K::Bandwidth, K::Slice,     K::LimitData, K::Timeout,     K::ResetAfter,
            K::SlowClose, K::Drop,    K::Duplicate, K::Corrupt,   K::DelayChannel};
}

QString FaultText::kind(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::Latency: return tr("latency");
    case Fault::Kind::Bandwidth: return tr("bandwidth");
    case Fault::Kind::Slice: return tr("slice");
    case Fault::Kind::LimitData: return tr("limit data");
    case Fault::Kind::Timeout: return tr("timeout");
    case Fault::Kind::ResetAfter: return tr("reset after");
    case Fault::Kind::SlowClose: return tr("slow close");
    case Fault::Kind::Drop: return tr("drop");
    case Fault::Kind::Duplicate: return tr("duplicate");
    case Fault::Kind::Corrupt: return tr("corrupt");
    case Fault::Kind::DelayChannel: return tr("delay channel");
    }
    return {};
}

QString FaultText::explanation(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::Latency: return tr("Delays all data, order kept");
    case Fault::Kind::Bandwidth: return tr("Passes at most so many KiB a second");
    case Fault::Kind::Slice: return tr("Forwards in small writes, optionally pausing between them");
    case Fault::Kind::LimitData: return tr("Closes the connection once so many bytes have passed");
    case Fault::Kind::Timeout: return tr("Passes nothing, and closes after a while (0: holds it open)");
    case Fault::Kind::ResetAfter: return tr("Resets both sides a while after the client connects");
    case Fault::Kind::SlowClose: return tr("Delays passing on the close");
    case Fault::Kind::Drop: return tr("Drops whole messages on a channel");
    case Fault::Kind::Duplicate: return tr("Sends messages on a channel twice");
    case Fault::Kind::Corrupt: return tr("Flips one payload byte of a message, its framing kept valid");
    case Fault::Kind::DelayChannel: return tr("Delays one channel's messages: the others overtake them");
    }
    return {};
}

QString FaultText::parameters(const Fault &fault)
{
    switch (fault.kind) {
    case Fault::Kind::Latency:
        return fault.extra > 0 ? tr("%1 ms ± %2 ms").arg(fault.amount).arg(fault.extra) : tr("%1 ms").arg(fault.amount);
    case Fault::Kind::Bandwidth:
        return tr("%1 KiB/s").arg(fault.amount);
    case Fault::Kind::Slice:
        return fault.extra > 0 ? tr("%1 B writes, %2 µs apart").arg(fault.amount).arg(fault.extra)
                               : tr("%1 B writes").arg(fault.amount);
    case Fault::Kind::LimitData:
        return tr("after %1").arg(MessageFormat::sizeText(fault.amount));
    case Fault::Kind::Timeout:
        return fault.amount > 0 ? tr("closes after %1 ms").arg(fault.amount) : tr("holds it open");
    case Fault::Kind::ResetAfter:
    case Fault::Kind::SlowClose:
        return tr("%1 ms").arg(fault.amount);
    case Fault::Kind::Drop:
    case Fault::Kind::Duplicate:
        return QStringLiteral("%1, %2").arg(channelText(fault.channel), probabilityText(fault.probability));
    case Fault::Kind::Corrupt:
        return probabilityText(fault.probability);
    case Fault::Kind::DelayChannel:
        return tr("%1 by %2 ms").arg(channelText(fault.channel)).arg(fault.amount);
    }
    return {};
}

QString FaultText::directions(Fault::Directions directions)
{
    switch (directions) {
    case Fault::Directions::Both: return tr("both");
    case Fault::Directions::ClientToServer: return tr("c2s");
    case Fault::Directions::ServerToClient: return tr("s2c");
    }
    return {};
}

} // namespace wirebench
