#pragma once

#include <netcore/escapes.h>

#include <QtCore/QByteArray>
#include <QtCore/QStringView>

#include <algorithm>

namespace wirebench {

/**
 * The bytes of hex digits with spaces between them ("0102", "01 02"), as
 * replies and matches take them: netcore::parseHex() without the other
 * whitespace (tabs, line breaks) it lets a typing user put in.
 */
inline bool parseSpacedHex(QStringView text, QByteArray *bytes)
{
    const bool onlySpaces = std::none_of(text.begin(), text.end(), [](QChar c) { return c.isSpace() && c != u' '; });
    return onlySpaces && netcore::parseHex(text, bytes);
}

} // namespace wirebench
