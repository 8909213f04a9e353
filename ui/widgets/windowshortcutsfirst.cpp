#include "windowshortcutsfirst.h"

#include <QtGui/QAction>
#include <QtGui/QKeyEvent>
#include <QtWidgets/QLineEdit>

namespace wirebench {

WindowShortcutsFirst::WindowShortcutsFirst(QWidget *window) : QObject(window), m_window(window) {}

void WindowShortcutsFirst::install(QWidget *window)
{
    auto *filter = new WindowShortcutsFirst(window);
    for (QLineEdit *edit : window->findChildren<QLineEdit *>())
        edit->installEventFilter(filter);
}

bool WindowShortcutsFirst::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return QObject::eventFilter(watched, event);
    const QKeySequence pressed(static_cast<QKeyEvent *>(event)->keyCombination());
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->isEnabled() && action->shortcuts().contains(pressed)) {
            event->ignore(); // not overridden: the shortcut map takes the key
            return true;
        }
    }
    return false;
}

} // namespace wirebench
