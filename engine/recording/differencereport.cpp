#include "differencereport.h"

#include <engine/recording/messagecomparison.h>

#include <netcore/escapes.h>

#include <QtCore/QCborValue>

namespace wirebench {

qsizetype DifferenceReport::windowStart(qsizetype byte, qsizetype size)
{
    if (size <= hexWindow || byte < hexWindow / 4)
        return 0;
    return qMin(byte - hexWindow / 4, qMax<qsizetype>(0, size - hexWindow));
}

QString DifferenceReport::messageText(const netcore::Message &message, qsizetype fromByte)
{
    QString text = netcore::messageTypeName(message.type());
    if (!message.channel().isEmpty())
        text += QStringLiteral(" #") + message.channel();
    const QByteArray &payload = message.payload();
    switch (message.type()) {
    case netcore::MessageType::Json:
        return text + QLatin1Char(' ') + netcore::escape(payload);
    case netcore::MessageType::Text:
        return text + QStringLiteral(" \"") + netcore::escape(payload) + QLatin1Char('"');
    case netcore::MessageType::Cbor:
        return text + QLatin1Char(' ') + QCborValue::fromCbor(payload).toDiagnosticNotation();
    case netcore::MessageType::Binary:
        break;
    }
    text += QStringLiteral(" (%1 B) ").arg(payload.size());
    if (fromByte > 0)
        text += QStringLiteral("… ");
    text += QString::fromLatin1(payload.mid(fromByte, hexWindow).toHex(' '));
    if (fromByte + hexWindow < payload.size())
        text += QStringLiteral(" …");
    return text;
}

QString DifferenceReport::heading(const Difference &difference)
{
    QString where = tr("connection %1 (conn %2").arg(difference.conversation).arg(difference.connection);
    if (!difference.peer.isEmpty())
        where += QStringLiteral(", ") + difference.peer;
    where += QLatin1Char(')');
    if (difference.kind == Difference::Kind::Ending)
        return where + QStringLiteral(": ") + difference.what;
    return tr("%1, %2 message %3: %4")
        .arg(where, proxyDirectionName(difference.direction))
        .arg(difference.number)
        .arg(difference.what);
}

QString DifferenceReport::describe(const Difference &difference)
{
    QString block = heading(difference) + QLatin1Char('\n');
    if (difference.kind == Difference::Kind::Ending)
        return block;
    const QString expectedLabel = QStringLiteral("  expected: "), gotLabel = QStringLiteral("  got:      ");
    const bool binary = difference.expected && difference.got
                        && difference.expected->type() == netcore::MessageType::Binary
                        && difference.got->type() == netcore::MessageType::Binary;
    qsizetype byte = -1, from = 0;
    if (binary) {
        byte = MessageComparison::firstDifferentByte(difference.expected->payload(), difference.got->payload());
        from = windowStart(byte, qMax(difference.expected->payload().size(), difference.got->payload().size()));
    }
    block += expectedLabel
             + (difference.expected ? messageText(*difference.expected, from) : tr("nothing")) + QLatin1Char('\n');
    const QString gotText = difference.got ? messageText(*difference.got, from) : tr("nothing");
    block += gotLabel + gotText + QLatin1Char('\n');
    if (binary && byte >= 0) {
        // Under the first differing byte of what came: the hex starts after "(N B) " and "… ".
        qsizetype column = gotText.indexOf(QStringLiteral(" B) ")) + 4 + (from > 0 ? 2 : 0) + 3 * (byte - from);
        block += QString(gotLabel.size() + column, QLatin1Char(' ')) + tr("^^ byte %1").arg(byte) + QLatin1Char('\n');
    }
    return block;
}

} // namespace wirebench
