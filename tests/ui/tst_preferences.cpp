#include <ui/models/messagelogmodel.h>
#include <ui/models/preferences.h>

#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtGui/QFontDatabase>
#include <QtTest/QTest>

using netcore::CodecConfig;
using wirebench::Preferences;
using Theme = Preferences::Theme;

/** Preferences through QSettings: what is saved comes back, and what is missing or unreadable is the default. */
class TestPreferences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void defaults();
    void nothingSavedGivesTheDefaults();
    void roundTrip_data();
    void roundTrip();
    void unreadableValueKeepsItsDefault_data();
    void unreadableValueKeepsItsDefault();
    void logCapacitySavedBeforeTheDialogCounts();
    void systemFontsAreNotWrittenDown();

private:
    /** A settings file of this test's own: the user's settings are never read or written. */
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("preferences.ini")); }

    QTemporaryDir m_dir;
};

void TestPreferences::initTestCase() { QVERIFY(m_dir.isValid()); }

void TestPreferences::init() { QFile::remove(settingsFile()); }

void TestPreferences::defaults()
{
    const Preferences preferences;
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QCOMPARE(preferences.defaultCodec, CodecConfig::envelope());
    QCOMPARE(preferences.logCapacity, wirebench::MessageLogModel::defaultCapacity);
    QCOMPARE(preferences.theme, Theme::System);
    QCOMPARE(preferences.hexFont, fixed);
    QCOMPARE(preferences.textFont, fixed);
}

void TestPreferences::nothingSavedGivesTheDefaults()
{
    const QSettings settings(settingsFile(), QSettings::IniFormat);
    QVERIFY(settings.allKeys().isEmpty());
    QCOMPARE(Preferences::load(settings), Preferences());
}

void TestPreferences::roundTrip_data()
{
    QTest::addColumn<Preferences>("saved");

    QTest::newRow("defaults") << Preferences();

    Preferences length;
    length.defaultCodec = CodecConfig::length(2, QSysInfo::LittleEndian);
    length.defaultCodec.lengthAdjustment = -2;
    length.defaultCodec.payloadType = netcore::MessageType::Json;
    length.logCapacity = Preferences::minLogCapacity;
    length.theme = Theme::Dark;
    length.hexFont = QFont(QStringLiteral("DejaVu Sans Mono"), 13);
    length.textFont = QFont(QStringLiteral("DejaVu Serif"), 11, QFont::Bold);
    QTest::newRow("length codec, smallest log, dark, other fonts") << length;

    Preferences line;
    line.defaultCodec = CodecConfig::line(QByteArrayLiteral("\r\n"));
    line.defaultCodec.maxLineLength = 512;
    line.logCapacity = Preferences::maxLogCapacity;
    line.theme = Theme::Light;
    line.textFont.setItalic(true);
    QTest::newRow("line codec with CRLF, largest log, light, italic text") << line;

    Preferences raw;
    raw.defaultCodec = CodecConfig::raw();
    raw.logCapacity = 25000;
    raw.hexFont.setPointSize(20);
    QTest::newRow("raw codec, bigger hex font") << raw;
}

void TestPreferences::roundTrip()
{
    QFETCH(Preferences, saved);
    {
        QSettings settings(settingsFile(), QSettings::IniFormat);
        saved.save(settings);
    } // written to the file here
    const QSettings settings(settingsFile(), QSettings::IniFormat);
    const Preferences loaded = Preferences::load(settings);
    QCOMPARE(loaded.defaultCodec, saved.defaultCodec);
    QCOMPARE(loaded.logCapacity, saved.logCapacity);
    QCOMPARE(loaded.theme, saved.theme);
    QCOMPARE(loaded.hexFont, saved.hexFont);
    QCOMPARE(loaded.textFont, saved.textFont);
    QCOMPARE(loaded, saved);
}

void TestPreferences::unreadableValueKeepsItsDefault_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");

    QTest::newRow("codec: not JSON") << QStringLiteral("defaults/codec") << QVariant(QStringLiteral("length"));
    QTest::newRow("codec: invalid parameters")
        << QStringLiteral("defaults/codec") << QVariant(QStringLiteral(R"({"kind":"length","lengthFieldLength":5})"));
    QTest::newRow("log: not a number") << QStringLiteral("log/capacity") << QVariant(QStringLiteral("lots"));
    QTest::newRow("log: below the smallest") << QStringLiteral("log/capacity") << QVariant(10);
    QTest::newRow("log: above the largest") << QStringLiteral("log/capacity") << QVariant(Preferences::maxLogCapacity + 1);
    QTest::newRow("theme: unknown") << QStringLiteral("appearance/theme") << QVariant(QStringLiteral("purple"));
    QTest::newRow("hex font: not a font") << QStringLiteral("appearance/hexFont") << QVariant(QString());
    QTest::newRow("text font: not a font") << QStringLiteral("appearance/textFont") << QVariant(QStringLiteral(",,"));
}

void TestPreferences::unreadableValueKeepsItsDefault()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QSettings settings(settingsFile(), QSettings::IniFormat);
    settings.setValue(key, value);
    QCOMPARE(Preferences::load(settings), Preferences());
}

void TestPreferences::logCapacitySavedBeforeTheDialogCounts()
{
    // View > Log Capacity wrote this key alone; a user upgrading keeps the size they chose.
    QSettings settings(settingsFile(), QSettings::IniFormat);
    settings.setValue(QStringLiteral("log/capacity"), 50000);
    Preferences expected;
    expected.logCapacity = 50000;
    QCOMPARE(Preferences::load(settings), expected);
}

void TestPreferences::systemFontsAreNotWrittenDown()
{
    // Left unsaved, the system's fixed font follows the desktop when it changes there.
    const QString hexFontKey = QStringLiteral("appearance/hexFont");
    QSettings settings(settingsFile(), QSettings::IniFormat);
    Preferences().save(settings);
    QVERIFY(!settings.contains(hexFontKey));
    QVERIFY(!settings.contains(QStringLiteral("appearance/textFont")));
    QCOMPARE(settings.value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("system"));

    Preferences bigger;
    bigger.hexFont.setPointSize(20);
    bigger.save(settings);
    QVERIFY(settings.contains(hexFontKey));
    Preferences().save(settings); // back to the system's
    QVERIFY(!settings.contains(hexFontKey));
    QCOMPARE(Preferences::load(settings), Preferences());
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
