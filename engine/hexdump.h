#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QString>

namespace wirebench {

/**
 * The classic hex dump, 16 bytes a line:
 *
 *     00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 ff 7f  |Hello, world....|
 *     ^offset   ^eight bytes            ^eight more              ^printable ASCII, else '.'
 */
class HexDump
{
public:
    static constexpr int bytesPerLine = 16;

    /** At most @p maxBytes are dumped; a last line says how many were left out. */
    static QString format(QByteArrayView bytes, qsizetype maxBytes = 64 * 1024);
};

} // namespace wirebench
