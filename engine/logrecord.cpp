#include "logrecord.h"

namespace wirebench {

namespace {

struct Record
{
    QString time;
    QString direction;
    QString endpoint;
    QString channel;
    QString type;
    quint32 id = 0;
    qint64 size = 0;
    QByteArray payloadHex;
    QString text;
    bool hasText = false;
};

Record recordOf(const LogEntry &entry)
{
    Record record;
    record.time = entry.time.toUTC().toString(Qt::ISODateWithMs);
    // Machine-readable words, never translated.
    record.direction = directionName(entry.direction);
    record.endpoint = entry.endpoint;
    record.channel = entry.message.channel();
    record.type = netcore::messageTypeName(entry.message.type());
    record.id = entry.message.id();
    record.size = entry.size;
    record.payloadHex = entry.message.payload().toHex();
    record.hasText = entry.message.type() == netcore::MessageType::Text
        || entry.message.type() == netcore::MessageType::Json;
    if (record.hasText)
        record.text = QString::fromUtf8(entry.message.payload());
    return record;
}

void appendJsonString(QByteArray *out, const QString &value)
{
    QString escaped;
    escaped.reserve(value.size() + 8);
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            escaped += QLatin1String("\\\"");
            break;
        case u'\\':
            escaped += QLatin1String("\\\\");
            break;
        case u'\n':
            escaped += QLatin1String("\\n");
            break;
        case u'\r':
            escaped += QLatin1String("\\r");
            break;
        case u'\t':
            escaped += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                escaped += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                escaped += c;
        }
    }
    out->append('"').append(escaped.toUtf8()).append('"');
}

void appendJsonLine(QByteArray *out, const Record &record)
{
    const auto key = [out](const char *name) {
        out->append(out->endsWith('{') ? "\"" : ",\"").append(name).append("\":");
    };
    out->append('{');
    key("time");
    appendJsonString(out, record.time);
    key("direction");
    appendJsonString(out, record.direction);
    key("endpoint");
    appendJsonString(out, record.endpoint);
    key("channel");
    appendJsonString(out, record.channel);
    key("type");
    appendJsonString(out, record.type);
    key("id");
    out->append(QByteArray::number(record.id));
    key("size");
    out->append(QByteArray::number(record.size));
    key("payload_hex");
    out->append('"').append(record.payloadHex).append('"');
    if (record.hasText) {
        key("text");
        appendJsonString(out, record.text);
    }
    out->append("}\n");
}

void appendCsvField(QByteArray *out, const QString &value, bool last = false)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace('"', "\"\"") + '"';
    out->append(bytes).append(last ? "\r\n" : ",");
}

void appendCsvLine(QByteArray *out, const Record &record)
{
    appendCsvField(out, record.time);
    appendCsvField(out, record.direction);
    appendCsvField(out, record.endpoint);
    appendCsvField(out, record.channel);
    appendCsvField(out, record.type);
    appendCsvField(out, QString::number(record.id));
    appendCsvField(out, QString::number(record.size));
    appendCsvField(out, QString::fromLatin1(record.payloadHex));
    appendCsvField(out, record.text, true);
}

} // namespace

QByteArray LogRecord::header(Format format)
{
    return format == Format::Csv ? QByteArrayLiteral("time,direction,endpoint,channel,type,id,size,payload_hex,text\r\n")
                                 : QByteArray();
}

void LogRecord::append(QByteArray *out, const LogEntry &entry, Format format)
{
    const Record record = recordOf(entry);
    if (format == Format::JsonLines)
        appendJsonLine(out, record);
    else
        appendCsvLine(out, record);
}

} // namespace wirebench
