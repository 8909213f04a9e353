#include "trafficcolumns.h"

#include <ui/models/messageformat.h>

#include <QCoreApplication>

namespace wirebench {
namespace TrafficColumns {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::TrafficColumns", text);
}

} // namespace

int offset(int column, int firstColumn)
{
    const int result = column - firstColumn;
    return result >= 0 && result < Count ? result : -1;
}

QString displayText(const Counters &counters, int offset)
{
    switch (offset) {
    case MessagesIn:
        return QString::number(counters.messagesIn);
    case MessagesOut:
        return QString::number(counters.messagesOut);
    case BytesIn:
        return MessageFormat::sizeText(qint64(counters.bytesIn));
    case BytesOut:
        return MessageFormat::sizeText(qint64(counters.bytesOut));
    default:
        return {};
    }
}

QString toolTip(const Counters &counters, int offset)
{
    switch (offset) {
    case BytesIn:
        return tr("%1 bytes").arg(counters.bytesIn);
    case BytesOut:
        return tr("%1 bytes").arg(counters.bytesOut);
    default:
        return displayText(counters, offset);
    }
}

QString headerText(int offset)
{
    switch (offset) {
    case MessagesIn:
        return tr("In");
    case MessagesOut:
        return tr("Out");
    case BytesIn:
        return tr("Bytes in");
    case BytesOut:
        return tr("Bytes out");
    default:
        return {};
    }
}

QString headerToolTip(int offset, Wording wording)
{
    const bool thisClient = wording == Wording::ThisClient;
    switch (offset) {
    case MessagesIn:
        return thisClient ? tr("Messages received from this client") : tr("Messages received");
    case MessagesOut:
        return thisClient ? tr("Messages sent to this client") : tr("Messages sent");
    case BytesIn:
        return thisClient ? tr("Bytes received from this client") : tr("Bytes received");
    case BytesOut:
        return thisClient ? tr("Bytes sent to this client") : tr("Bytes sent");
    default:
        return {};
    }
}

QString header(int offset, bool full, Wording wording)
{
    return full ? headerToolTip(offset, wording) : headerText(offset);
}

quint32 changedColumns(const Counters &before, const Counters &after, int firstColumn)
{
    quint32 offsets = 0;
    if (before.messagesIn != after.messagesIn)
        offsets |= 1u << MessagesIn;
    if (before.messagesOut != after.messagesOut)
        offsets |= 1u << MessagesOut;
    if (before.bytesIn != after.bytesIn)
        offsets |= 1u << BytesIn;
    if (before.bytesOut != after.bytesOut)
        offsets |= 1u << BytesOut;
    return offsets << firstColumn;
}

} // namespace TrafficColumns
} // namespace wirebench
