#pragma once

#include <ui/models/preferences.h>

#include <QtGui/QPalette>

class QLabel;

namespace wirebench {

/**
 * Puts a Preferences::Theme on the whole application. Qt 6.4 has no
 * color-scheme API, so light and dark are the Fusion style with a palette
 * of their own; System goes back to the style and palette the application
 * had before the first theme was applied.
 */
class AppTheme
{
public:
    /** Sets the application's style and palette for @p theme; does nothing if it is already on. */
    static void apply(Preferences::Theme theme);
    /** The theme apply() put on last (System until then). */
    static Preferences::Theme current();

    static QPalette lightPalette();
    static QPalette darkPalette();

    /** Text that says "fine" (✓ ok), readable on @p palette's window: a dark green on light, a light one on dark. */
    static QColor okColor(const QPalette &palette);
    /** Text that says what is wrong, readable on @p palette's window. */
    static QColor errorColor(const QPalette &palette);
    /** True when @p palette's window is dark. */
    static bool isDark(const QPalette &palette);
    /** Gives @p label's text the error or the "ok" colour of its palette's theme (not a style sheet). */
    static void setHintColor(QLabel *label, bool isError);
};

} // namespace wirebench
