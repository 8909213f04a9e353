#include "iconbuttontooltips.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QAction>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QToolButton>

namespace wirebench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::IconButtonToolTips", text);
}

} // namespace

void IconButtonToolTips::fillIn(QWidget *window)
{
    // Qt's names for them; a line edit's button takes its tooltip from its action, and keeps it.
    for (const QLineEdit *edit : window->findChildren<QLineEdit *>())
        if (auto *clear = edit->findChild<QAction *>(QStringLiteral("_q_qlineeditclearaction"), Qt::FindDirectChildrenOnly))
            clear->setToolTip(tr("Clear"));
    for (const QMenuBar *menuBar : window->findChildren<QMenuBar *>())
        if (auto *more = menuBar->findChild<QToolButton *>(QStringLiteral("qt_menubar_ext_button")))
            more->setToolTip(tr("More menus"));
}

} // namespace wirebench
