#pragma once

#include <netcore/codecconfig.h>

#include <QtCore/QString>
#include <QtGui/QFont>

class QSettings;

namespace wirebench {

/**
 * What the user sets in Edit > Preferences: the framing new servers and
 * client groups start with, the message log's size, the theme, and the
 * fonts of the hex view and of the text views. A plain value; MainWindow
 * applies it, QSettings keeps it. Needs a QGuiApplication: the default
 * fonts are the system's.
 */
struct Preferences
{
    /** Light and dark are Fusion palettes; System is the platform's style and palette as found at start-up. */
    enum class Theme { System, Light, Dark };

    static constexpr int minLogCapacity = 1000;
    static constexpr int maxLogCapacity = 100000000;

    Preferences();

    netcore::CodecConfig defaultCodec;
    int logCapacity; ///< rows the message log keeps; MessageLogModel::defaultCapacity unless set
    Theme theme = Theme::System;
    QFont hexFont;  ///< the inspector's hex dump
    QFont textFont; ///< the inspector's text and JSON views, the composer's editor

    /** What @p settings holds, each value missing or unreadable there at its default. */
    static Preferences load(const QSettings &settings);
    void save(QSettings &settings) const;

    /** "system", "light" or "dark": how settings spell a theme. */
    static QString themeName(Theme theme);
    /** Parses a theme name; false if unknown. */
    static bool parseThemeName(const QString &name, Theme *theme);

    friend bool operator==(const Preferences &a, const Preferences &b);
    friend bool operator!=(const Preferences &a, const Preferences &b) { return !(a == b); }
};

} // namespace wirebench
