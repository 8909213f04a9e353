#include <netcore/escapes.h>

namespace netcore {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

void appendHexEscape(QString &out, quint8 byte)
{
    static const char digits[] = "0123456789abcdef";
    out += QLatin1String("\\x");
    out += QLatin1Char(digits[byte >> 4]);
    out += QLatin1Char(digits[byte & 0x0f]);
}

/** Length of the valid UTF-8 sequence at @p pos, or 0 if the bytes there are not one. */
qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype pos, char32_t *codePoint)
{
    const auto at = [&](qsizetype i) { return quint8(bytes[i]); };
    const quint8 lead = at(pos);
    qsizetype length = 0;
    char32_t value = 0;
    quint8 low = 0x80, high = 0xbf;  // allowed range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
        value = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        value = lead & 0x0f;
        if (lead == 0xe0)
            low = 0xa0;  // overlong
        if (lead == 0xed)
            high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xf0)
            low = 0x90;  // overlong
        if (lead == 0xf4)
            high = 0x8f; // above U+10FFFF
    } else {
        return 0;
    }
    if (pos + length > bytes.size())
        return 0;
    for (qsizetype i = 1; i < length; ++i) {
        const quint8 byte = at(pos + i);
        const quint8 min = i == 1 ? low : 0x80;
        const quint8 max = i == 1 ? high : 0xbf;
        if (byte < min || byte > max)
            return 0;
        value = (value << 6) | (byte & 0x3f);
    }
    *codePoint = value;
    return length;
}

} // namespace

QByteArray unescape(QStringView text, QString *error)
{
    if (error)
        error->clear();
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };

    QByteArray out;
    out.reserve(text.size());
    qsizetype literalStart = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != u'\\') {
            ++i;
            continue;
        }
        out += text.mid(literalStart, i - literalStart).toUtf8();
        if (i + 1 >= text.size())
            return fail(QStringLiteral("trailing backslash at position %1").arg(i));
        const QChar kind = text[i + 1];
        switch (kind.unicode()) {
        case u'n': out += '\n'; break;
        case u'r': out += '\r'; break;
        case u't': out += '\t'; break;
        case u'0': out += '\0'; break;
        case u'\\': out += '\\'; break;
        case u'x': {
            const int high = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
            const int low = i + 3 < text.size() ? hexValue(text[i + 3]) : -1;
            if (high < 0 || low < 0)
                return fail(QStringLiteral("\\x at position %1 needs two hex digits").arg(i));
            out += char(high * 16 + low);
            i += 2;
            break;
        }
        default:
            return fail(QStringLiteral("unknown escape \\%1 at position %2").arg(kind).arg(i));
        }
        i += 2;
        literalStart = i;
    }
    out += text.mid(literalStart).toUtf8();
    return out;
}

QString escape(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size());
    qsizetype i = 0;
    while (i < bytes.size()) {
        const quint8 byte = quint8(bytes[i]);
        if (byte < 0x80) {
            switch (byte) {
            case '\n': out += QLatin1String("\\n"); break;
            case '\r': out += QLatin1String("\\r"); break;
            case '\t': out += QLatin1String("\\t"); break;
            case '\0': out += QLatin1String("\\0"); break;
            case '\\': out += QLatin1String("\\\\"); break;
            default:
                if (byte < 0x20 || byte == 0x7f)
                    appendHexEscape(out, byte);
                else
                    out += QLatin1Char(char(byte));
            }
            ++i;
            continue;
        }
        char32_t codePoint = 0;
        const qsizetype length = utf8SequenceLength(bytes, i, &codePoint);
        // C1 controls are valid UTF-8 but invisible; show them as their bytes.
        if (length == 0 || (codePoint >= 0x80 && codePoint <= 0x9f)) {
            const qsizetype count = length == 0 ? 1 : length;
            for (qsizetype k = 0; k < count; ++k)
                appendHexEscape(out, quint8(bytes[i + k]));
            i += count;
            continue;
        }
        out += QString::fromUcs4(&codePoint, 1);
        i += length;
    }
    return out;
}

bool parseHex(QStringView text, QByteArray *bytes, QString *error)
{
    QByteArray result;
    result.reserve(text.size() / 2);
    int high = -1; // the first digit of a byte, waiting for its second
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace())
            continue;
        const int value = hexValue(c);
        if (value < 0) {
            if (error)
                *error = QStringLiteral("'%1' at position %2 is not a hex digit").arg(c).arg(i + 1);
            return false;
        }
        if (high < 0) {
            high = value;
        } else {
            result.append(char(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0) {
        if (error)
            *error = QStringLiteral("an odd number of hex digits (%1)").arg(result.size() * 2 + 1);
        return false;
    }
    *bytes = result;
    return true;
}

} // namespace netcore
