#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QString>

namespace wirebench {

/**
 * The classic hex dump, 16 bytes a line by default, with a gap after every
 * eight:
 *
 *     00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 ff 7f  |Hello, world....|
 *     ^offset   ^eight bytes            ^eight more              ^printable ASCII, else '.'
 *
 * Fewer bytes a line make a narrower dump (8: 45 characters, 4: 29) for a
 * view that cannot show 78 characters.
 */
class HexDump
{
public:
    static constexpr int defaultBytesPerLine = 16;
    static constexpr qsizetype defaultMaxBytes = 64 * 1024; ///< 4,096 lines: more is not read, only scrolled

    /** At most @p maxBytes are dumped; a last line says how many were left out. */
    static QString format(QByteArrayView bytes, qsizetype maxBytes = defaultMaxBytes,
                          int bytesPerLine = defaultBytesPerLine);
    /** The characters of a full line of @p bytesPerLine bytes, its line end not counted. */
    static int lineLength(int bytesPerLine);
};

} // namespace wirebench
