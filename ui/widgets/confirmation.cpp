#include "confirmation.h"

#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>

namespace wirebench {

bool Confirmation::ask(QWidget *parent, const QString &title, const QString &question, const QString &action)
{
    QMessageBox box(QMessageBox::Warning, title, question, QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("confirmation"));
    QPushButton *confirm = box.addButton(action, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == confirm;
}

} // namespace wirebench
