#include "apptheme.h"

#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleFactory>

#include <memory>

namespace wirebench {

namespace {

const QString fusion = QStringLiteral("Fusion");

/** The look the application had before any theme was applied: what System goes back to. */
struct SystemLook
{
    QString styleName;
    QPalette palette;
};

const SystemLook &systemLook()
{
    // Taken on the first call, which apply() makes before it changes anything.
    static const SystemLook look{QApplication::style()->name(), QApplication::palette()};
    return look;
}

Preferences::Theme currentTheme = Preferences::Theme::System;

void setStyleNamed(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return; // setStyle() would re-polish every widget for nothing
    if (QStyle *style = QStyleFactory::create(name))
        QApplication::setStyle(style); // the application owns it
}

} // namespace

void AppTheme::apply(Preferences::Theme theme)
{
    if (theme == currentTheme)
        return;
    const SystemLook &system = systemLook();
    switch (theme) {
    case Preferences::Theme::System:
        setStyleNamed(system.styleName);
        QApplication::setPalette(system.palette);
        break;
    case Preferences::Theme::Light:
        setStyleNamed(fusion);
        QApplication::setPalette(lightPalette());
        break;
    case Preferences::Theme::Dark:
        setStyleNamed(fusion);
        QApplication::setPalette(darkPalette());
        break;
    }
    currentTheme = theme;
}

Preferences::Theme AppTheme::current() { return currentTheme; }

QPalette AppTheme::lightPalette()
{
    // Fusion's own palette is light and does not depend on the platform's.
    static const QPalette palette = [] {
        const std::unique_ptr<QStyle> style(QStyleFactory::create(fusion));
        return style ? style->standardPalette() : QPalette(Qt::white);
    }();
    return palette;
}

QPalette AppTheme::darkPalette()
{
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x24, 0x24, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    const QColor highlight(0x2a, 0x82, 0xda);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x2e, 0x2e, 0x2e));
    palette.setColor(QPalette::ToolTipBase, QColor(0x19, 0x19, 0x19));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x55, 0x55));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::Dark, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Shadow, QColor(0x14, 0x14, 0x14));
    palette.setColor(QPalette::Link, QColor(0x5d, 0xa9, 0xf6));
    palette.setColor(QPalette::LinkVisited, QColor(0xa4, 0x8c, 0xf0));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return palette;
}

bool AppTheme::isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightness() < 128; }

// Both pairs keep a contrast of at least 4.5:1 (WCAG AA for text) on their themes' window colours.
QColor AppTheme::okColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x7f, 0xd8, 0x8f) : QColor(0x1e, 0x7b, 0x34);
}

QColor AppTheme::errorColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x2a, 0x1e);
}

void AppTheme::setHintColor(QLabel *label, bool isError)
{
    // The theme from the application: the label's own palette keeps the window colour it had when set.
    const QPalette theme = QApplication::palette(label);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, isError ? errorColor(theme) : okColor(theme));
    label->setPalette(palette);
}

} // namespace wirebench
