#pragma once

#include <QtCore/QString>

class QWidget;

namespace wirebench {

/**
 * Asks before an action that loses something (clients dropped by a restart,
 * a server removed with its clients): a question whose default answer is
 * Cancel, and a button that names the action, so Enter never destroys.
 */
namespace Confirmation {

/** True when the user chose @p action ("Restart", "Remove") over Cancel. */
bool ask(QWidget *parent, const QString &title, const QString &question, const QString &action);

} // namespace Confirmation

} // namespace wirebench
