#pragma once

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>

/**
 * Points the application's settings (QSettings, QStandardPaths) into @p dir, empty: a test
 * of the real window never reads or writes the user's own. Call it before the window exists.
 */
inline void isolateSettings(const QTemporaryDir &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    QSettings(QStringLiteral("Wirebench"), QStringLiteral("wirebench")).clear();
}
