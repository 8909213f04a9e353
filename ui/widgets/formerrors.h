#pragma once

#include <QtWidgets/QLabel>

namespace wirebench {

/** The dialogs' inline errors: a red line under the field, shown only while there is something to say. */
namespace FormErrors {

inline void show(QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

} // namespace FormErrors

} // namespace wirebench
