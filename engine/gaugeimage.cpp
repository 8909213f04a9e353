#include "gaugeimage.h"

#include <QtCore/QtEndian>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace wirebench {

namespace {

constexpr int samplesPerAxis = 4;
constexpr double pi = 3.14159265358979323846;
constexpr double trackStartDegrees = 225; // bottom left, sweeping clockwise
constexpr double trackSweepDegrees = 270;

/** Straight (not premultiplied) colour with alpha, each in [0, 1]. */
struct Rgba
{
    double r = 0, g = 0, b = 0, a = 0;
};

Rgba rgb(int r, int g, int b, int a = 255)
{
    return {r / 255.0, g / 255.0, b / 255.0, a / 255.0};
}

/** @p top painted over @p bottom. */
Rgba over(const Rgba &top, const Rgba &bottom)
{
    const double a = top.a + bottom.a * (1 - top.a);
    if (a <= 0)
        return {};
    const auto mix = [&](double t, double b) { return (t * top.a + b * bottom.a * (1 - top.a)) / a; };
    return {mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b), a};
}

bool insideRoundedSquare(double x, double y, double size, double radius)
{
    const double cx = std::clamp(x, radius, size - radius);
    const double cy = std::clamp(y, radius, size - radius);
    return x >= 0 && y >= 0 && x <= size && y <= size && std::hypot(x - cx, y - cy) <= radius;
}

/** Degrees clockwise from the track's start to the point's direction, in [0, 360). */
double degreesAlongTrack(double dx, double dy)
{
    const double angle = std::atan2(-dy, dx) * 180 / pi; // counter-clockwise from 3 o'clock, y up
    return std::fmod(trackStartDegrees - angle + 720, 360);
}

/** Where everything is on a gauge of a given size and level: worked out once, not per sample. */
struct Geometry
{
    Geometry(double size, double level)
        : size(size), centre(size / 2), radius(size * 0.35), halfWidth(size / 32), hub(size / 14),
          sweep(trackSweepDegrees * level), capStart(pointAt(0)), capEnd(pointAt(sweep))
    {
    }

    /** The track's centre line, @p degrees clockwise from its start. */
    std::pair<double, double> pointAt(double degrees) const
    {
        const double angle = (trackStartDegrees - degrees) * pi / 180;
        return {centre + radius * std::cos(angle), centre - radius * std::sin(angle)};
    }

    double size, centre, radius, halfWidth, hub, sweep;
    std::pair<double, double> capStart, capEnd; ///< the arc's round ends
};

/** The colour at one sample point. */
Rgba colourAt(double x, double y, const Geometry &g)
{
    if (!insideRoundedSquare(x, y, g.size, g.size / 8))
        return {};
    const double t = (x + y) / (2 * g.size);
    Rgba colour = rgb(int(0x1f + t * (0x2f - 0x1f)), int(0x3b + t * (0x8f - 0x3b)), int(0x5c + t * (0x9d - 0x5c)));

    const double dx = x - g.centre, dy = y - g.centre;
    const double distance = std::hypot(dx, dy);
    const double along = degreesAlongTrack(dx, dy);
    const bool onTrack = std::abs(distance - g.radius) <= g.halfWidth;
    if (onTrack && along <= trackSweepDegrees)
        colour = over(rgb(255, 255, 255, 90), colour);

    const auto nearCap = [&](const std::pair<double, double> &cap) {
        return std::hypot(x - cap.first, y - cap.second) <= g.halfWidth;
    };
    if ((onTrack && along <= g.sweep) || nearCap(g.capStart) || nearCap(g.capEnd))
        colour = over(rgb(0xf2, 0x8e, 0x2b), colour);

    if (distance <= g.hub)
        colour = over(rgb(255, 255, 255), colour);
    return colour;
}

quint32 crc32(const QByteArray &bytes)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xffffffffu;
    for (const char byte : bytes)
        crc = table[(crc ^ quint8(byte)) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

void appendBigEndian(QByteArray *out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out->append(bytes, 4);
}

/** A PNG chunk: length, type, data, and the CRC of type and data. */
void appendChunk(QByteArray *png, const char *type, const QByteArray &data)
{
    appendBigEndian(png, quint32(data.size()));
    const QByteArray typed = QByteArray(type, 4) + data;
    png->append(typed);
    appendBigEndian(png, crc32(typed));
}

} // namespace

double GaugeImage::level(int frame)
{
    return 0.5 + 0.45 * std::sin(frame / 2.0);
}

QByteArray GaugeImage::png(int frame, int size)
{
    size = std::max(size, 8);
    const Geometry geometry(size, level(frame));
    // Scanlines, each led by filter type 0 (none), RGBA straight alpha.
    QByteArray pixels;
    pixels.reserve(size * (1 + 4 * size));
    for (int row = 0; row < size; ++row) {
        pixels.append('\0');
        for (int column = 0; column < size; ++column) {
            double r = 0, g = 0, b = 0, a = 0; // premultiplied sums over the samples
            for (int sy = 0; sy < samplesPerAxis; ++sy) {
                for (int sx = 0; sx < samplesPerAxis; ++sx) {
                    const Rgba c = colourAt(column + (sx + 0.5) / samplesPerAxis, row + (sy + 0.5) / samplesPerAxis,
                                            geometry);
                    r += c.r * c.a;
                    g += c.g * c.a;
                    b += c.b * c.a;
                    a += c.a;
                }
            }
            const auto channel = [a](double premultiplied) {
                return char(a > 0 ? std::lround(std::clamp(premultiplied / a, 0.0, 1.0) * 255) : 0);
            };
            pixels.append(channel(r)).append(channel(g)).append(channel(b));
            pixels.append(char(std::lround(a / (samplesPerAxis * samplesPerAxis) * 255)));
        }
    }

    QByteArray header;
    appendBigEndian(&header, quint32(size));
    appendBigEndian(&header, quint32(size));
    header.append(char(8)).append(char(6)).append(3, '\0'); // 8 bits, RGBA, deflate, no filter set, no interlace

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(&png, "IHDR", header);
    appendChunk(&png, "IDAT", qCompress(pixels).mid(4)); // qCompress() leads the zlib stream with the length
    appendChunk(&png, "IEND", {});
    return png;
}

} // namespace wirebench
