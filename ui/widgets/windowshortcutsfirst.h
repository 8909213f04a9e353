#pragma once

#include <QtCore/QObject>

class QWidget;

namespace wirebench {

/**
 * Lets a window's own shortcuts (its actions' keys, Ctrl+E: export the log)
 * work while a line edit has focus. On X11 a line edit claims Emacs-style
 * keys (Ctrl+E: end of line, Ctrl+A, ...) before any shortcut sees them, so
 * Ctrl+E did nothing while a filter box had focus. A key that is one of the
 * window's shortcuts goes to the shortcut instead; End still moves to the end.
 */
class WindowShortcutsFirst : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(WindowShortcutsFirst)

public:
    /** Watches every line edit under @p window now (editable combo boxes' too); owned by @p window. */
    static void install(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit WindowShortcutsFirst(QWidget *window);

    QWidget *m_window = nullptr;
};

} // namespace wirebench
