#include "hexdump.h"

#include <QtCore/QCoreApplication>

namespace wirebench {

namespace {

constexpr int groupBytes = 8; ///< a gap after every eight bytes helps the eye count
constexpr int offsetChars = 8;

} // namespace

int HexDump::lineLength(int bytesPerLine)
{
    const int gaps = (bytesPerLine - 1) / groupBytes;
    // "00000000  " + "xx " per byte + gaps + " |" + ASCII + "|"
    return offsetChars + 2 + 3 * bytesPerLine + gaps + 2 + bytesPerLine + 1;
}

QString HexDump::format(QByteArrayView bytes, qsizetype maxBytes, int bytesPerLine)
{
    static const char digits[] = "0123456789abcdef";
    bytesPerLine = qMax(1, bytesPerLine);
    const qsizetype shown = qMin(bytes.size(), maxBytes);
    QString out;
    out.reserve((shown / bytesPerLine + 2) * (lineLength(bytesPerLine) + 1));
    for (qsizetype offset = 0; offset < shown; offset += bytesPerLine) {
        out += QStringLiteral("%1  ").arg(offset, offsetChars, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = 0; i < bytesPerLine; ++i) {
            if (i > 0 && i % groupBytes == 0)
                out += QLatin1Char(' ');
            if (offset + i < shown) {
                const auto byte = quint8(bytes.at(offset + i));
                out += QLatin1Char(digits[byte >> 4]);
                out += QLatin1Char(digits[byte & 0xf]);
                out += QLatin1Char(' ');
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
        }
        out += QLatin1String(" |") + ascii + QLatin1String("|\n");
    }
    if (shown < bytes.size())
        out += QCoreApplication::translate("wirebench::HexDump", "... %1 more bytes not shown\n")
                   .arg(bytes.size() - shown);
    return out;
}

} // namespace wirebench
