#include "jsonindenter.h"

namespace wirebench {

namespace {

constexpr int indentWidth = 4;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/** Where a number or a word (true, false, null) ends. */
bool endsToken(char c)
{
    switch (c) {
    case '{': case '}': case '[': case ']': case ',': case ':': case '"':
        return true;
    default:
        return isJsonSpace(c);
    }
}

/** Where the string starting at the quote @p begin ends: just past its closing quote. */
qsizetype endOfString(const QByteArray &json, qsizetype begin)
{
    qsizetype i = begin + 1;
    while (i < json.size() && json.at(i) != '"')
        i += json.at(i) == '\\' ? 2 : 1;
    return qMin(i + 1, json.size());
}

/** The index of the next character that is not white space, from @p i. */
qsizetype skipSpace(const QByteArray &json, qsizetype i)
{
    while (i < json.size() && isJsonSpace(json.at(i)))
        ++i;
    return i;
}

} // namespace

QByteArray JsonIndenter::indent(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    const auto newLine = [&out, &depth] { out.append('\n').append(QByteArray(depth * indentWidth, ' ')); };

    for (qsizetype i = skipSpace(json, 0); i < json.size(); i = skipSpace(json, i)) {
        const char c = json.at(i);
        switch (c) {
        case '{':
        case '[': {
            const qsizetype next = skipSpace(json, i + 1);
            const char close = c == '{' ? '}' : ']';
            if (next < json.size() && json.at(next) == close) { // empty: "{}" on its line
                out.append(c).append(close);
                i = next + 1;
                break;
            }
            out.append(c);
            ++depth;
            newLine();
            ++i;
            break;
        }
        case '}':
        case ']':
            --depth;
            newLine();
            out.append(c);
            ++i;
            break;
        case ',':
            out.append(',');
            newLine();
            ++i;
            break;
        case ':':
            out.append(": ");
            ++i;
            break;
        case '"': {
            const qsizetype end = endOfString(json, i);
            out.append(json.constData() + i, end - i);
            i = end;
            break;
        }
        default: { // a number, true, false or null: copied as written
            const qsizetype begin = i;
            while (i < json.size() && !endsToken(json.at(i)))
                ++i;
            out.append(json.constData() + begin, i - begin);
            break;
        }
        }
    }
    out.append('\n');
    return out;
}

} // namespace wirebench
