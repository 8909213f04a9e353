#include "preferences.h"

#include <ui/models/messagelogmodel.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QSettings>
#include <QtGui/QFontDatabase>

namespace wirebench {

namespace {

// "log/capacity" predates the dialog (View > Log Capacity): a size saved then still counts.
const QString logCapacityKey = QStringLiteral("log/capacity");
const QString defaultCodecKey = QStringLiteral("defaults/codec");
const QString themeKey = QStringLiteral("appearance/theme");
const QString hexFontKey = QStringLiteral("appearance/hexFont");
const QString textFontKey = QStringLiteral("appearance/textFont");

/** The font saved under @p key; @p fallback when there is none or it does not parse. */
QFont loadFont(const QSettings &settings, const QString &key, const QFont &fallback)
{
    const QString saved = settings.value(key).toString();
    QFont font;
    // fromString() warns about an empty string, which is only a font never saved.
    return !saved.isEmpty() && font.fromString(saved) ? font : fallback;
}

void saveFont(QSettings &settings, const QString &key, const QFont &font, const QFont &systemDefault)
{
    // The system's font is not written down, so a change of it on the desktop still reaches the app.
    if (font == systemDefault)
        settings.remove(key);
    else
        settings.setValue(key, font.toString());
}

} // namespace

Preferences::Preferences()
    : logCapacity(MessageLogModel::defaultCapacity),
      hexFont(QFontDatabase::systemFont(QFontDatabase::FixedFont)),
      textFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
}

Preferences Preferences::load(const QSettings &settings)
{
    Preferences preferences;
    // Saved as a JSON string rather than a map: an INI file then shows it as text, not as a binary blob.
    const QJsonDocument codec = QJsonDocument::fromJson(settings.value(defaultCodecKey).toString().toUtf8());
    if (codec.isObject()) {
        const netcore::CodecConfig config = netcore::CodecConfig::fromJson(codec.object());
        if (config.validate().isEmpty())
            preferences.defaultCodec = config;
    }
    bool ok = false;
    const int capacity = settings.value(logCapacityKey).toInt(&ok);
    if (ok && capacity >= minLogCapacity && capacity <= maxLogCapacity)
        preferences.logCapacity = capacity;
    parseThemeName(settings.value(themeKey).toString(), &preferences.theme);
    preferences.hexFont = loadFont(settings, hexFontKey, preferences.hexFont);
    preferences.textFont = loadFont(settings, textFontKey, preferences.textFont);
    return preferences;
}

void Preferences::save(QSettings &settings) const
{
    settings.setValue(defaultCodecKey,
                      QString::fromUtf8(QJsonDocument(defaultCodec.toJson()).toJson(QJsonDocument::Compact)));
    settings.setValue(logCapacityKey, logCapacity);
    settings.setValue(themeKey, themeName(theme));
    const Preferences defaults;
    saveFont(settings, hexFontKey, hexFont, defaults.hexFont);
    saveFont(settings, textFontKey, textFont, defaults.textFont);
}

QString Preferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::System: return QStringLiteral("system");
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    }
    return {};
}

bool Preferences::parseThemeName(const QString &name, Theme *theme)
{
    for (const Theme candidate : {Theme::System, Theme::Light, Theme::Dark}) {
        if (name == themeName(candidate)) {
            *theme = candidate;
            return true;
        }
    }
    return false;
}

bool operator==(const Preferences &a, const Preferences &b)
{
    return a.defaultCodec == b.defaultCodec && a.logCapacity == b.logCapacity && a.theme == b.theme
        && a.hexFont == b.hexFont && a.textFont == b.textFont;
}

} // namespace wirebench
