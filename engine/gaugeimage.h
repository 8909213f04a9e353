#pragma once

#include <QtCore/QByteArray>

namespace wirebench {

/**
 * A small PNG of a gauge, drawn without Qt Gui so the engine can make it
 * (the demo sends one now and then on channel "image"): a rounded square
 * with a blue-green gradient, a pale 270° track, an orange arc whose sweep
 * follows the frame number, and a white hub.
 *
 * RGBA, 8 bits per channel, antialiased by 4 x 4 supersampling; the PNG
 * is written by hand (IHDR, one IDAT compressed with qCompress()'s zlib
 * stream, IEND), so any PNG reader takes it.
 */
class GaugeImage
{
public:
    /** The gauge for @p frame as PNG bytes, @p size pixels square (at least 8). */
    static QByteArray png(int frame, int size = 128);

    /** The arc's share of the track for @p frame, in [0.05, 0.95]. */
    static double level(int frame);
};

} // namespace wirebench
