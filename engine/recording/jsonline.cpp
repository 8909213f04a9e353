#include "jsonline.h"

#include <engine/compactjson.h>

namespace wirebench {

void JsonLine::key(const char *name)
{
    if (!m_first)
        m_bytes += ',';
    m_first = false;
    m_bytes += '"';
    m_bytes += name; // keys are the format's own: plain ASCII, nothing to escape
    m_bytes += "\":";
}

JsonLine &JsonLine::add(const char *name, qint64 number)
{
    key(name);
    m_bytes += QByteArray::number(number);
    return *this;
}

JsonLine &JsonLine::add(const char *name, QStringView text)
{
    key(name);
    appendString(&m_bytes, text);
    return *this;
}

JsonLine &JsonLine::addHex(const char *name, QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    key(name);
    const qsizetype start = m_bytes.size();
    m_bytes.resize(start + 2 * bytes.size() + 2);
    char *out = m_bytes.data() + start;
    *out++ = '"';
    for (const char byte : bytes) {
        *out++ = digits[(uchar(byte) >> 4) & 0xf];
        *out++ = digits[uchar(byte) & 0xf];
    }
    *out = '"';
    return *this;
}

JsonLine &JsonLine::addValue(const QString &name, const QJsonValue &value)
{
    if (!m_first)
        m_bytes += ',';
    m_first = false;
    appendString(&m_bytes, name);
    m_bytes += ':';
    m_bytes += compactJson(value).toUtf8();
    return *this;
}

QByteArray JsonLine::finish()
{
    m_bytes += "}\n";
    return std::move(m_bytes);
}

void JsonLine::appendString(QByteArray *out, QStringView text)
{
    static constexpr char digits[] = "0123456789abcdef";
    *out += '"';
    qsizetype plain = 0; // a run of characters that need no escape is converted in one go
    const auto flush = [&](qsizetype end) {
        if (end > plain)
            *out += text.mid(plain, end - plain).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c != u'"' && c != u'\\')
            continue;
        flush(i);
        plain = i + 1;
        switch (c) {
        case u'"': *out += "\\\""; break;
        case u'\\': *out += "\\\\"; break;
        case u'\n': *out += "\\n"; break;
        case u'\r': *out += "\\r"; break;
        case u'\t': *out += "\\t"; break;
        default:
            *out += "\\u00";
            *out += digits[(c >> 4) & 0xf];
            *out += digits[c & 0xf];
        }
    }
    flush(text.size());
    *out += '"';
}

} // namespace wirebench
