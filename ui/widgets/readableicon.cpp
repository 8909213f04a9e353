#include "readableicon.h"

#include <QtCore/QHash>
#include <QtGui/QGuiApplication>
#include <QtGui/QIconEngine>
#include <QtGui/QPainter>
#include <QtGui/QPalette>

#include <cmath>

namespace wirebench {

namespace {

constexpr double graphicsContrast = 3.0;
constexpr int greyTolerance = 40; ///< HSV saturation (0..255) below which a glyph counts as grey
/** Share of the opaque pixels near the glyph's colour for it to be one colour, a shape to recolour. */
constexpr double oneColourShare = 0.85;
constexpr int nearColour = 48; ///< per channel, out of 255

/** The share of @p image's opaque pixels within nearColour of @p colour. */
double shareNear(const QImage &source, const QColor &colour)
{
    const QImage image = source.convertToFormat(QImage::Format_ARGB32);
    int opaque = 0;
    int near = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) < 128)
                continue;
            ++opaque;
            near += qAbs(qRed(pixel) - colour.red()) <= nearColour && qAbs(qGreen(pixel) - colour.green()) <= nearColour
                && qAbs(qBlue(pixel) - colour.blue()) <= nearColour;
        }
    }
    return opaque > 0 ? double(near) / opaque : 0.0;
}

double relativeLuminance(const QColor &color)
{
    const auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

/** Paints the base icon, repainting a grey glyph that would vanish on the current window colour. */
class ReadableIconEngine : public QIconEngine
{
public:
    explicit ReadableIconEngine(const QIcon &base) : m_base(base) {}

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return readable(m_base.pixmap(size, mode, state), mode);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return readable(m_base.pixmap(size / scale, scale, mode, state), mode);
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal scale = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size() * scale, mode, state, scale));
    }

    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_base.actualSize(size, mode, state);
    }

    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return m_base.availableSizes(mode, state);
    }

    QIconEngine *clone() const override { return new ReadableIconEngine(m_base); }
    QString key() const override { return QStringLiteral("wirebench-readable"); }

private:
    static QPixmap readable(const QPixmap &pixmap, QIcon::Mode mode)
    {
        if (pixmap.isNull())
            return pixmap;
        const QPalette palette = QGuiApplication::palette();
        QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
        const QColor glyph = ReadableIcon::dominantOpaqueColor(image);
        if (!glyph.isValid() || glyph.hsvSaturation() > greyTolerance
            || ReadableIcon::contrast(glyph, palette.color(QPalette::Window)) >= graphicsContrast)
            return pixmap;
        // A picture of several tones (a floppy disk, a round button) would become a blot: only a
        // one-colour glyph is a shape that can take another colour.
        if (shareNear(image, glyph) < oneColourShare)
            return pixmap;
        const QColor ink = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                                         QPalette::ButtonText);
        // Keep the glyph's shape (its alpha), change its colour.
        QPainter painter(&image);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(image.rect(), ink);
        painter.end();
        QPixmap recoloured = QPixmap::fromImage(image);
        recoloured.setDevicePixelRatio(pixmap.devicePixelRatio());
        return recoloured;
    }

    QIcon m_base;
};

} // namespace

QIcon ReadableIcon::standard(const QStyle *style, QStyle::StandardPixmap which)
{
    return QIcon(new ReadableIconEngine(style->standardIcon(which)));
}

double ReadableIcon::contrast(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor ReadableIcon::dominantOpaqueColor(const QImage &source)
{
    const QImage image = source.convertToFormat(QImage::Format_ARGB32);
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) >= 128)
                ++counts[qRgb(qRed(pixel), qGreen(pixel), qBlue(pixel))];
        }
    }
    QRgb best = 0;
    int bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return bestCount > 0 ? QColor(best) : QColor();
}

} // namespace wirebench
