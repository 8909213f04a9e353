#pragma once

#include <QtGui/QIcon>
#include <QtWidgets/QStyle>

namespace wirebench {

/**
 * The style's standard icons, kept readable on the application's palette.
 * Qt's media icons (play, pause, stop) are black glyphs: on a dark window
 * they vanish. A glyph in one grey tone that does not stand out from the
 * window (less than 3:1, WCAG's bar for graphics) is drawn in the palette's
 * button text colour instead, when it is painted, so a theme change needs no
 * refresh; coloured icons are left as they are.
 */
class ReadableIcon
{
public:
    static QIcon standard(const QStyle *style, QStyle::StandardPixmap which);

    /** WCAG's contrast ratio of two colours, 1 (none) to 21 (black on white). */
    static double contrast(const QColor &a, const QColor &b);
    /** The most common colour of @p image's opaque pixels (alpha ≥ 128); invalid if there are none. */
    static QColor dominantOpaqueColor(const QImage &image);
};

} // namespace wirebench
