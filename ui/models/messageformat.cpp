#include "messageformat.h"

#include <netcore/endpoint.h>

#include <QtCore/QCborValue>

namespace wirebench {

namespace {

const QChar ellipsis(0x2026);
const QChar returnSymbol(0x23CE);       // ⏎
const QChar controlPictures(0x2400);    // U+2400 + c shows control character c

} // namespace

QString MessageFormat::sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    static const char *const units[] = {QT_TR_NOOP("%1 KiB"), QT_TR_NOOP("%1 MiB"), QT_TR_NOOP("%1 GiB"),
                                        QT_TR_NOOP("%1 TiB")};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return tr(units[unit]).arg(value, 0, 'f', 1);
}

QString MessageFormat::directionText(Direction direction)
{
    switch (direction) {
    case Direction::In: return tr("in");
    case Direction::Out: return tr("out");
    case Direction::ClientToServer: return tr("c2s");
    case Direction::ServerToClient: return tr("s2c");
    }
    return {};
}

QString MessageFormat::codecSummary(netcore::CodecConfig::Kind kind, bool tls, bool receipts)
{
    const QString name = netcore::CodecConfig::kindName(kind);
    // TLS first, so a narrow column still tells a client to use it.
    QString text = tls ? tr("tls + %1").arg(name) : name;
    if (receipts)
        text = tr("%1 + receipts").arg(text);
    return text;
}

QString MessageFormat::hostPort(const QString &host, quint16 port)
{
    if (port == 0) // not bound yet: the user's word for it, where a port would go
        return netcore::Endpoint::formatHost(host) + QLatin1Char(':') + tr("any");
    return netcore::Endpoint::format(host, port);
}

QString MessageFormat::timeText(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("hh:mm:ss.zzz"));
}

QString MessageFormat::singleLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QString(returnSymbol));
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u == u'\n' || u == u'\r')
            c = returnSymbol;
        else if (u == u'\t')
            c = QLatin1Char(' ');
        else if (u < 0x20)
            c = QChar(controlPictures.unicode() + u);
    }
    return text;
}

QString MessageFormat::preview(const netcore::Message &message, bool truncated, int maxChars, int maxBytes)
{
    const QByteArray &payload = message.payload();
    switch (message.type()) {
    case netcore::MessageType::Text:
    case netcore::MessageType::Json: {
        // Decode only what can show: a UTF-8 character is at most 4 bytes.
        const qsizetype decodeBytes = qsizetype(maxChars) * 4 + 4;
        QString text = QString::fromUtf8(payload.left(decodeBytes));
        bool cut = truncated || payload.size() > decodeBytes;
        if (text.size() > maxChars) {
            const bool splitsPair = maxChars > 0 && text.at(maxChars - 1).isHighSurrogate();
            text.truncate(splitsPair ? maxChars - 1 : maxChars);
            cut = true;
        }
        text = singleLine(text);
        return cut ? text + ellipsis : text;
    }
    case netcore::MessageType::Cbor: {
        const QCborValue value = QCborValue::fromCbor(payload);
        if (!value.isInvalid()) {
            QString text = singleLine(value.toDiagnosticNotation(QCborValue::Compact));
            const bool cut = truncated || text.size() > maxChars;
            text.truncate(maxChars);
            return cut ? text + ellipsis : text;
        }
        break; // not CBOR after all: show its bytes
    }
    case netcore::MessageType::Binary:
        break;
    }
    const bool cut = truncated || payload.size() > maxBytes;
    const QString hex = QString::fromLatin1(payload.left(maxBytes).toHex(' '));
    return cut ? hex + QLatin1Char(' ') + ellipsis : hex;
}

} // namespace wirebench
