#include "jsondiagnosis.h"

namespace wirebench {

namespace {

bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; }

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

} // namespace

JsonDiagnosis::Fault JsonDiagnosis::find(const QString &text)
{
    JsonDiagnosis parser(text);
    parser.skipSpace();
    if (parser.atEnd())
        return at(text, 0, tr("there is nothing to send: type a JSON value"));
    if (parser.value(0)) {
        parser.skipSpace();
        if (!parser.atEnd())
            parser.fail(tr("more follows after the end of the value (%1): one JSON value only; wrap several in [ ]")
                            .arg(parser.describeHere()));
    }
    return parser.m_fault;
}

JsonDiagnosis::Fault JsonDiagnosis::at(const QString &text, int offset, const QString &hint)
{
    Fault fault;
    fault.line = 1;
    fault.column = 1;
    const int end = qBound(0, offset, int(text.size()));
    for (int i = 0; i < end; ++i) {
        if (text.at(i) == u'\n') {
            ++fault.line;
            fault.column = 1;
        } else {
            ++fault.column;
        }
    }
    fault.hint = hint;
    return fault;
}

bool JsonDiagnosis::fail(const QString &hint)
{
    if (!m_fault.isValid())
        m_fault = at(m_text, m_pos, hint);
    return false;
}

QString JsonDiagnosis::describeHere() const
{
    return atEnd() ? tr("the end of the text") : tr("\u201c%1\u201d").arg(peek());
}

QString JsonDiagnosis::positionOf(int offset) const
{
    const Fault where = at(m_text, offset, QString());
    return tr("line %1, column %2").arg(where.line).arg(where.column);
}

bool JsonDiagnosis::failUnexpected(const QString &expected)
{
    if (atEnd())
        return fail(tr("the text ends where %1 is expected").arg(expected));
    return fail(tr("%1 is expected here, not %2").arg(expected, describeHere()));
}

void JsonDiagnosis::skipSpace()
{
    while (!atEnd()) {
        const QChar c = peek();
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r')
            ++m_pos;
        else
            return;
    }
}

bool JsonDiagnosis::value(int depth)
{
    if (depth >= maxDepth)
        return fail(tr("nested deeper than %1 levels").arg(maxDepth));
    skipSpace();
    const QChar c = peek();
    if (atEnd())
        return fail(tr("the text ends where a value is expected"));
    if (c == u'{')
        return object(depth + 1);
    if (c == u'[')
        return array(depth + 1);
    if (c == u'"')
        return string(nullptr);
    if (c == u'\'')
        return fail(tr("single quotes are not JSON: use double quotes"));
    if (c == u'-' || c.isDigit() || c == u'+' || c == u'.')
        return number();
    if (c == u'/')
        return fail(tr("comments are not JSON"));
    if (isIdentifierChar(c))
        return word();
    return failUnexpected(tr("a value"));
}

bool JsonDiagnosis::object(int depth)
{
    const int opened = m_pos;
    ++m_pos; // {
    skipSpace();
    if (peek() == u'}') {
        ++m_pos;
        return true;
    }
    for (;;) {
        skipSpace();
        const QChar c = peek();
        if (c == u'\'')
            return fail(tr("single quotes are not JSON: use double quotes"));
        if (c == u'}')
            return fail(tr("a comma before } : remove the last comma"));
        if (isIdentifierChar(c) && !c.isDigit()) {
            int end = m_pos;
            while (end < m_text.size() && isIdentifierChar(m_text.at(end)))
                ++end;
            const QString name = m_text.mid(m_pos, end - m_pos);
            return fail(tr("a key must be in double quotes: \"%1\"").arg(name));
        }
        if (c != u'"') {
            if (atEnd())
                return failNotClosed(opened);
            return failUnexpected(tr("a key in double quotes"));
        }
        QString key;
        if (!string(&key))
            return false;
        skipSpace();
        if (peek() != u':')
            return fail(tr("a colon is missing after \"%1\"").arg(key));
        ++m_pos;
        skipSpace();
        if (atEnd() || peek() == u'}' || peek() == u',')
            return fail(tr("a value is missing after \"%1\":").arg(key));
        if (!value(depth))
            return false;
        const Separator next = separator(u'}');
        if (next == Separator::Comma)
            continue;
        if (next == Separator::Close)
            return true;
        if (atEnd())
            return failNotClosed(opened);
        if (peek() == u'"')
            return fail(tr("a comma is missing before this key"));
        return failUnexpected(tr("a comma or }"));
    }
}

JsonDiagnosis::Separator JsonDiagnosis::separator(QChar close)
{
    skipSpace();
    if (peek() != u',' && peek() != close)
        return Separator::Other;
    const Separator found = peek() == close ? Separator::Close : Separator::Comma;
    ++m_pos;
    return found;
}

bool JsonDiagnosis::failNotClosed(int opened)
{
    const bool isObject = m_text.at(opened) == u'{';
    return fail(isObject ? tr("the object opened at %1 is not closed: } is missing").arg(positionOf(opened))
                         : tr("the array opened at %1 is not closed: ] is missing").arg(positionOf(opened)));
}

bool JsonDiagnosis::array(int depth)
{
    const int opened = m_pos;
    ++m_pos; // [
    skipSpace();
    if (peek() == u']') {
        ++m_pos;
        return true;
    }
    for (;;) {
        skipSpace();
        if (peek() == u']')
            return fail(tr("a comma before ] : remove the last comma"));
        if (peek() == u',')
            return fail(tr("a value is missing between two commas"));
        if (atEnd())
            return failNotClosed(opened);
        if (!value(depth))
            return false;
        const Separator next = separator(u']');
        if (next == Separator::Comma)
            continue;
        if (next == Separator::Close)
            return true;
        if (atEnd())
            return failNotClosed(opened);
        if (peek() == u'}')
            return fail(tr("} closes an array: use ]"));
        return fail(tr("a comma is missing before this value"));
    }
}

bool JsonDiagnosis::string(QString *contents)
{
    const int opened = m_pos;
    ++m_pos; // "
    while (!atEnd()) {
        const QChar c = peek();
        if (c == u'"') {
            if (contents)
                *contents = m_text.mid(opened + 1, m_pos - opened - 1);
            ++m_pos;
            return true;
        }
        if (c.unicode() < 0x20)
            return fail(tr("a line break or control character inside a string: write it as \\n, \\t or \\u00XX"));
        if (c == u'\\') {
            ++m_pos;
            const QChar escaped = peek();
            if (escaped == u'u') {
                for (int i = 1; i <= 4; ++i) {
                    const int at = m_pos + i;
                    if (at >= m_text.size() || !isHexDigit(m_text.at(at))) {
                        m_pos = qMin(at, int(m_text.size()));
                        return fail(tr("\\u takes four hex digits"));
                    }
                }
                m_pos += 4;
            } else if (!QStringLiteral("\"\\/bfnrt").contains(escaped) || atEnd()) {
                --m_pos;
                return fail(tr("not a JSON escape: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
            }
        }
        ++m_pos;
    }
    m_pos = opened;
    return fail(tr("this string is not closed: a \" is missing"));
}

bool JsonDiagnosis::number()
{
    if (peek() == u'+')
        return fail(tr("a number does not start with +"));
    if (peek() == u'-')
        ++m_pos;
    const auto digits = [this] {
        const int from = m_pos;
        while (!atEnd() && peek().isDigit() && peek().unicode() < 0x80)
            ++m_pos;
        return m_pos - from;
    };
    const int start = m_pos;
    const int whole = digits();
    if (whole == 0)
        return fail(peek() == u'.' ? tr("a number needs a digit before the decimal point: 0.5")
                                   : tr("a digit is expected"));
    if (whole > 1 && m_text.at(start) == u'0') {
        m_pos = start;
        return fail(tr("a number does not start with 0 (but for 0 itself and 0.x)"));
    }
    if (peek() == u'.') {
        ++m_pos;
        if (digits() == 0)
            return fail(tr("a digit is expected after the decimal point"));
    }
    if (peek() == u'e' || peek() == u'E') {
        ++m_pos;
        if (peek() == u'+' || peek() == u'-')
            ++m_pos;
        if (digits() == 0)
            return fail(tr("a digit is expected in the exponent"));
    }
    return true;
}

bool JsonDiagnosis::word()
{
    int end = m_pos;
    while (end < m_text.size() && isIdentifierChar(m_text.at(end)))
        ++end;
    const QString name = m_text.mid(m_pos, end - m_pos);
    if (name == QLatin1String("true") || name == QLatin1String("false") || name == QLatin1String("null")) {
        m_pos = end;
        return true;
    }
    const QString lower = name.toLower();
    if (lower == QLatin1String("true") || lower == QLatin1String("false") || lower == QLatin1String("null")
        || lower == QLatin1String("none") || lower == QLatin1String("nil") || lower == QLatin1String("undefined"))
        return fail(tr("%1 is not JSON: its words are true, false and null, in lower case").arg(name));
    if (lower == QLatin1String("nan") || lower == QLatin1String("infinity"))
        return fail(tr("%1 is not a JSON number").arg(name));
    return fail(tr("%1 is not a JSON value: text goes in double quotes, \"%1\"").arg(name));
}

} // namespace wirebench
