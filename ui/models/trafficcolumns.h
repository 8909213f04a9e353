#pragma once

#include <QString>
#include <QVariant>

namespace wirebench {

/**
 * The four traffic-counter columns that client and connection lists share
 * (messages in, messages out, bytes in, bytes out), always adjacent and in
 * that order. Functions take a column's offset from the first of them.
 */
namespace TrafficColumns {

enum Offset { MessagesIn, MessagesOut, BytesIn, BytesOut, Count };

/** How the header tooltips name the other end. */
enum class Wording {
    Plain,     ///< "Messages received"
    ThisClient ///< "Messages received from this client"
};

struct Counters
{
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;

    /** The counters of any row type with the four same-named fields. */
    template<typename Row>
    static Counters of(const Row &row)
    {
        return {row.messagesIn, row.messagesOut, row.bytesIn, row.bytesOut};
    }
};

/** @p column's offset from @p firstColumn, or -1 if it is not a traffic column. */
int offset(int column, int firstColumn);

/** Counts as plain numbers, bytes as a readable size. */
QString displayText(const Counters &counters, int offset);
/** The exact byte count for byte columns, otherwise the display text. */
QString toolTip(const Counters &counters, int offset);
/** The short header ("In", "Bytes out", ...). */
QString headerText(int offset);
/** The full name, shown as the header's tooltip. */
QString headerToolTip(int offset, Wording wording);
/** Header text or tooltip for @p role (Qt::DisplayRole or Qt::ToolTipRole). */
QString header(int offset, bool full, Wording wording);

/** Bit (firstColumn + offset) set for each counter that differs. */
quint32 changedColumns(const Counters &before, const Counters &after, int firstColumn);

} // namespace TrafficColumns

} // namespace wirebench
