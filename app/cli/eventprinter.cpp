#include "eventprinter.h"

#include <app/cli/commandline.h>

#include <netcore/error.h>
#include <netcore/escapes.h>
#include <netcore/message.h>

#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QTime>

#include <cstdio>

using netcore::MessageType;

namespace wirebench::cli {

namespace {

/** How many payload bytes a text-format line shows before it elides. */
constexpr qsizetype textPreviewBytes = 64;

QByteArray jsonText(const QJsonValue &value)
{
    // QJsonDocument only serialises containers; unwrap a one-element array.
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QString hexPreview(const QByteArray &bytes)
{
    QString hex = QString::fromLatin1(bytes.left(textPreviewBytes).toHex(' '));
    if (bytes.size() > textPreviewBytes)
        hex += QStringLiteral(" ...");
    return hex;
}

QString payloadPreview(const netcore::Message &message)
{
    switch (message.type()) {
    case MessageType::Binary:
        return hexPreview(message.payload());
    case MessageType::Text:
        return QLatin1Char('"') + netcore::escape(message.payload()) + QLatin1Char('"');
    case MessageType::Json:
        return netcore::escape(message.payload());
    case MessageType::Cbor:
        return message.toCbor().toDiagnosticNotation();
    }
    return {};
}

} // namespace

bool EventPrinter::parseFormat(const QString &name, Format *format)
{
    if (name == QLatin1String("jsonl"))
        *format = Format::Jsonl;
    else if (name == QLatin1String("text"))
        *format = Format::Text;
    else if (name == QLatin1String("none"))
        *format = Format::None;
    else
        return false;
    return true;
}

bool EventPrinter::readFormat(const CommandLine &commandLine, Format *format, QString *error)
{
    if (parseFormat(commandLine.value(QStringLiteral("events"), QStringLiteral("jsonl")), format))
        return true;
    *error = QStringLiteral("--events must be jsonl, text or none");
    return false;
}

EventPrinter::EventPrinter(Format format, QString source)
    : m_format(format), m_source(std::move(source))
{
}

void EventPrinter::connected(quint64 connection, const QString &peer) const
{
    print(QStringLiteral("connected"), connection, peer, {}, {});
}

void EventPrinter::disconnected(quint64 connection, const QString &peer,
                                netcore::DisconnectReason reason, const QString &detail) const
{
    const QString reasonName = netcore::disconnectReasonName(reason);
    Fields fields{{QStringLiteral("reason"), reasonName}};
    if (!detail.isEmpty())
        fields.append({QStringLiteral("detail"), detail});
    const QString summary = detail.isEmpty() ? reasonName : reasonName + QStringLiteral(": ") + detail;
    print(QStringLiteral("disconnected"), connection, peer, fields, summary);
}

void EventPrinter::refused(const QString &peer, const QString &reason) const
{
    print(QStringLiteral("refused"), 0, peer, {{QStringLiteral("reason"), reason}}, reason);
}

void EventPrinter::message(quint64 connection, const QString &peer, const netcore::Message &message) const
{
    if (m_format == Format::None)
        return;
    print(QStringLiteral("message"), connection, peer, messageFields(message), messageSummary(message));
}

EventPrinter::Fields EventPrinter::messageFields(const netcore::Message &message)
{
    Fields fields{
        {QStringLiteral("channel"), message.channel()},
        {QStringLiteral("type"), netcore::messageTypeName(message.type())},
        {QStringLiteral("id"), qint64(message.id())},
        {QStringLiteral("size"), qint64(message.payload().size())},
        {QStringLiteral("payload_hex"), QString::fromLatin1(message.payload().toHex())},
    };
    if (message.type() == MessageType::Text || message.type() == MessageType::Json)
        fields.append({QStringLiteral("text"), message.toText()});
    if (message.type() == MessageType::Cbor)
        fields.append({QStringLiteral("cbor"), message.toCbor().toDiagnosticNotation()});
    return fields;
}

QString EventPrinter::messageSummary(const netcore::Message &message)
{
    QString summary = netcore::messageTypeName(message.type());
    if (!message.channel().isEmpty())
        summary += QStringLiteral(" #") + message.channel();
    if (message.id() != 0)
        summary += QStringLiteral(" id=%1").arg(message.id());
    return summary + QStringLiteral(" (%1 B) ").arg(message.payload().size()) + payloadPreview(message);
}

void EventPrinter::error(quint64 connection, const QString &peer, const netcore::Error &error) const
{
    QString summary;
    const Fields fields = errorFields(error, &summary);
    print(QStringLiteral("error"), connection, peer, fields, summary);
}

EventPrinter::Fields EventPrinter::errorFields(const netcore::Error &error, QString *summary)
{
    const QString codeName = netcore::errorCodeName(error.code);
    Fields fields{{QStringLiteral("code"), codeName}, {QStringLiteral("message"), error.message}};
    *summary = codeName + QStringLiteral(": ") + error.message;
    if (!error.rawFrame.isEmpty()) {
        fields.append({QStringLiteral("raw_hex"), QString::fromLatin1(error.rawFrame.toHex())});
        *summary += QStringLiteral(" [raw %1 B: %2]").arg(error.rawFrame.size()).arg(hexPreview(error.rawFrame));
    }
    return fields;
}

void EventPrinter::responderError(quint64 connection, const QString &peer, const QString &code,
                                  const QString &message) const
{
    print(QStringLiteral("error"), connection, peer,
          {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}, code + QStringLiteral(": ") + message);
}

void EventPrinter::log(quint64 connection, const QString &peer, const QString &text) const
{
    print(QStringLiteral("log"), connection, peer, {{QStringLiteral("text"), text}}, text);
}

void EventPrinter::printLine(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void EventPrinter::print(const QString &event, quint64 connection, const QString &peer,
                         const Fields &fields, const QString &summary) const
{
    if (m_format == Format::None)
        return;
    if (m_format == Format::Text) {
        QString line = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz "));
        if (!m_source.isEmpty())
            line += m_source.leftJustified(7) + QLatin1Char(' ');
        line += connection != 0 ? QStringLiteral("#%1 %2 ").arg(connection).arg(peer) : peer + QLatin1Char(' ');
        line += event;
        if (!summary.isEmpty())
            line += QLatin1Char(' ') + summary;
        printLine(line);
        return;
    }

    QByteArray line = "{\"event\":" + jsonText(event);
    if (!m_source.isEmpty())
        line += ",\"source\":" + jsonText(m_source);
    if (connection != 0)
        line += ",\"conn\":" + QByteArray::number(connection);
    line += ",\"peer\":" + jsonText(peer);
    for (const auto &[key, value] : fields)
        line += ',' + jsonText(key) + ':' + jsonText(value);
    line += "}\n";
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace wirebench::cli
