#include "proxyeventprinter.h"

#include <netcore/error.h>
#include <netcore/message.h>
#include <netcore/messageview.h>

namespace wirebench::cli {

void ProxyEventPrinter::connected(quint64 connection, const QString &peer)
{
    {
        QMutexLocker lock(&m_mutex);
        m_peers.insert(connection, peer);
    }
    m_printer.connected(connection, peer);
}

void ProxyEventPrinter::upstreamConnected(quint64 connection, const QString &local)
{
    m_printer.print(QStringLiteral("upstream-connected"), connection, peerOf(connection),
                    {{QStringLiteral("local"), local}}, QStringLiteral("via ") + local);
}

void ProxyEventPrinter::message(quint64 connection, ProxyDirection direction, const netcore::MessageView &view)
{
    if (m_printer.format() == EventPrinter::Format::None)
        return;
    const netcore::Message message = view.toMessage();
    const QString dir = proxyDirectionName(direction);
    EventPrinter::Fields fields{{QStringLiteral("dir"), dir}};
    fields += EventPrinter::messageFields(message);
    m_printer.print(QStringLiteral("message"), connection, peerOf(connection), fields,
                    dir + QLatin1Char(' ') + EventPrinter::messageSummary(message));
}

void ProxyEventPrinter::faultApplied(quint64 connection, ProxyDirection direction, Fault::Kind kind,
                                     const netcore::MessageView &message)
{
    if (m_printer.format() == EventPrinter::Format::None)
        return;
    const QString dir = proxyDirectionName(direction);
    const QString fault = Fault::kindName(kind);
    const QString channel = message.channel();
    m_printer.print(QStringLiteral("fault"), connection, peerOf(connection),
                    {{QStringLiteral("dir"), dir},
                     {QStringLiteral("fault"), fault},
                     {QStringLiteral("channel"), channel},
                     {QStringLiteral("id"), qint64(message.id())},
                     {QStringLiteral("size"), qint64(message.payload().size())}},
                    QStringLiteral("%1 %2 #%3 (%4 B)").arg(dir, fault, channel).arg(message.payload().size()));
}

void ProxyEventPrinter::error(quint64 connection, std::optional<ProxyDirection> direction, const netcore::Error &error)
{
    QString summary;
    EventPrinter::Fields fields;
    if (direction) {
        fields.append({QStringLiteral("dir"), proxyDirectionName(*direction)});
        summary = proxyDirectionName(*direction) + QLatin1Char(' ');
    }
    QString errorSummary;
    fields += EventPrinter::errorFields(error, &errorSummary);
    m_printer.print(QStringLiteral("error"), connection, peerOf(connection), fields, summary + errorSummary);
}

void ProxyEventPrinter::disconnected(quint64 connection, ProxyEnd end, const QString &reason)
{
    QString peer;
    {
        QMutexLocker lock(&m_mutex);
        peer = m_peers.take(connection);
    }
    const QString side = proxyEndName(end);
    m_printer.print(QStringLiteral("disconnected"), connection, peer,
                    {{QStringLiteral("side"), side}, {QStringLiteral("reason"), reason}},
                    QStringLiteral("by %1: %2").arg(side, reason));
}

QString ProxyEventPrinter::peerOf(quint64 connection) const
{
    QMutexLocker lock(&m_mutex);
    return m_peers.value(connection);
}

} // namespace wirebench::cli
