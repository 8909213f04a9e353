#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QString>
#include <QtCore/QStringView>

namespace netcore {

/**
 * Turns typed text with C-style escapes into the bytes it stands for, so a
 * user can type a delimiter or a payload with control bytes in it.
 *
 * | escape  | byte(s)              |
 * |---------|----------------------|
 * | `\n`    | 0a                   |
 * | `\r`    | 0d                   |
 * | `\t`    | 09                   |
 * | `\0`    | 00                   |
 * | `\\`    | 5c                   |
 * | `\xHH`  | the byte 0xHH (exactly two hex digits) |
 *
 * Every other character is encoded as UTF-8. On a bad escape (unknown
 * letter, short `\x`, trailing backslash) returns a null array and sets
 * @p error to a readable reason; on success @p error is cleared.
 */
NETCORE_EXPORT QByteArray unescape(QStringView text, QString *error = nullptr);

/**
 * The inverse of unescape(): backslash, control bytes and bytes that are
 * not part of valid UTF-8 are written as escapes, everything else (printable
 * ASCII and valid UTF-8) as is. unescape(escape(b)) == b for every @p bytes.
 */
NETCORE_EXPORT QString escape(QByteArrayView bytes);

/**
 * The bytes that hex digits stand for, as a user types them: "00ff",
 * "00 FF", "de ad\nbe ef". Whitespace anywhere is ignored; only ASCII
 * 0-9, a-f and A-F are digits. On a non-digit or an odd count of digits
 * returns false and sets @p error (if given) to a readable reason naming
 * the character and its position; @p bytes is then left alone.
 */
NETCORE_EXPORT bool parseHex(QStringView text, QByteArray *bytes, QString *error = nullptr);

} // namespace netcore
