#include <ui/widgets/apptheme.h>
#include <ui/widgets/mainwindow.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/serverdialog.h>

#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;

Q_DECLARE_METATYPE(Preferences::Theme)

/**
 * In the light and the dark theme, what the window shows must stand out
 * from its background: the media icons (black glyphs in Qt's styles, lost
 * on dark grey) and the composer's "✓" hint. Contrast is WCAG's ratio: at
 * least 3:1 for graphics, 4.5:1 for text.
 */
class tst_AppTheme : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void iconsStandOut_data();
    void iconsStandOut();
    void okHintIsReadable_data() { iconsStandOut_data(); }
    void okHintIsReadable();
    void dialogErrorsAreReadable_data() { iconsStandOut_data(); }
    void dialogErrorsAreReadable();

private:
    void openWindow(Preferences::Theme theme);
    QColor windowColor() const { return QApplication::palette().color(QPalette::Window); }
    /** Checks that @p label's text, as drawn, stands out from the window by WCAG's 4.5:1. */
    void verifyReadable(QLabel *label) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_AppTheme::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
}

void tst_AppTheme::cleanup() { m_window.reset(); }

void tst_AppTheme::openWindow(Preferences::Theme theme)
{
    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    Preferences preferences;
    preferences.theme = theme;
    m_window->applyPreferences(preferences);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_AppTheme::iconsStandOut_data()
{
    QTest::addColumn<Preferences::Theme>("theme");
    QTest::newRow("light") << Preferences::Theme::Light;
    QTest::newRow("dark") << Preferences::Theme::Dark;
}

void tst_AppTheme::iconsStandOut()
{
    QFETCH(Preferences::Theme, theme);
    openWindow(theme);
    for (const char *name : {"startServerButton", "stopServerButton", "pauseServerButton", "connectClientsButton",
                             "disconnectClientsButton", "pauseButton"}) {
        auto *button = m_window->findChild<QToolButton *>(QLatin1String(name));
        QVERIFY2(button, name);
        // The pixmap the button paints, enabled or not.
        const QIcon::Mode mode = button->isEnabled() ? QIcon::Normal : QIcon::Disabled;
        const QImage image = button->icon().pixmap(button->iconSize(), mode).toImage();
        const QColor glyph = ReadableIcon::dominantOpaqueColor(image);
        QVERIFY2(glyph.isValid(), name);
        const double contrast = ReadableIcon::contrast(glyph, windowColor());
        const double needed = mode == QIcon::Normal ? 3.0 : 1.5; // a disabled icon is dimmed on purpose
        QVERIFY2(contrast >= needed, qPrintable(QStringLiteral("%1: %2 on %3, contrast %4")
                                                    .arg(QLatin1String(name), glyph.name(), windowColor().name())
                                                    .arg(contrast, 0, 'f', 2)));
    }
}

void tst_AppTheme::okHintIsReadable()
{
    QFETCH(Preferences::Theme, theme);
    openWindow(theme);
    auto *hint = m_window->findChild<QLabel *>(QStringLiteral("validationLabel"));
    QVERIFY(hint->text().startsWith(QStringLiteral("\u2713"))); // the sample payload is valid json
    verifyReadable(hint);
}

void tst_AppTheme::dialogErrorsAreReadable()
{
    QFETCH(Preferences::Theme, theme);
    openWindow(theme);
    ServerDialog dialog(m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialogdriver::typeInto(dialog.findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("99999"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("portErrorLabel"));
    QVERIFY(error->isVisible());
    verifyReadable(error);
}

void tst_AppTheme::verifyReadable(QLabel *label) const
{
    const QImage shown = label->grab().toImage().convertToFormat(QImage::Format_RGB32);
    // The text's colour: of all the pixels drawn, the one that stands out most from the background.
    const QColor background = windowColor();
    double best = 1.0;
    QColor ink;
    for (int y = 0; y < shown.height(); ++y) {
        for (int x = 0; x < shown.width(); ++x) {
            const QColor pixel = shown.pixelColor(x, y);
            const double contrast = ReadableIcon::contrast(pixel, background);
            if (contrast > best) {
                best = contrast;
                ink = pixel;
            }
        }
    }
    QVERIFY2(best >= 4.5, qPrintable(QStringLiteral("\"%1\" in %2 on %3: contrast %4")
                                         .arg(label->text(), ink.name(), background.name())
                                         .arg(best, 0, 'f', 2)));
}

QTEST_MAIN(tst_AppTheme)
#include "tst_apptheme.moc"
