#pragma once

#include <ui/widgets/apptheme.h>

#include <QtWidgets/QLabel>

namespace wirebench {

/** The dialogs' inline errors: a line under the field, shown only while there is something to say. */
namespace FormErrors {

/** In the theme's error colour, taken when it is shown: readable on the light and the dark theme. */
inline void show(QLabel *label, const QString &error)
{
    if (!error.isEmpty())
        AppTheme::setHintColor(label, true);
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

} // namespace FormErrors

} // namespace wirebench
