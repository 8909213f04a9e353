#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonValue>
#include <QtCore/QStringView>

namespace wirebench {

/**
 * Builds one compact JSON object, keys in the order added, straight into
 * bytes: a recording writes 100,000 of them a second, where a QJsonObject
 * and a QJsonDocument per line would cost more than the rest of the work.
 *
 *     JsonLine line;
 *     line.add("t_us", 12).add("event", u"message");
 *     QByteArray bytes = line.finish(); // {"t_us":12,"event":"message"}\n
 */
class JsonLine
{
public:
    JsonLine() { m_bytes.reserve(256); m_bytes += '{'; }

    JsonLine &add(const char *key, qint64 number);
    JsonLine &add(const char *key, QStringView text);
    JsonLine &add(const char *key, const QString &text) { return add(key, QStringView(text)); }
    /** @p bytes written as lower-case hex, as a string. */
    JsonLine &addHex(const char *key, QByteArrayView bytes);
    /** Any JSON value, written as QJsonDocument writes it (compact). */
    JsonLine &addValue(const QString &key, const QJsonValue &value);

    /** The object, closed, with a "\n"; the builder is spent. */
    QByteArray finish();

    /** Appends @p text to @p out as a JSON string, quotes included (RFC 8259 escapes). */
    static void appendString(QByteArray *out, QStringView text);

private:
    void key(const char *name);

    QByteArray m_bytes;
    bool m_first = true;
};

} // namespace wirebench
