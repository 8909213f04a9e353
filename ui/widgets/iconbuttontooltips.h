#pragma once

class QWidget;

namespace wirebench {

/**
 * Tooltips for the icon-only buttons Qt makes itself, which have none: a
 * line edit's clear button and the menu bar's "more menus" button. The
 * app's own buttons have theirs in their .ui forms.
 */
class IconButtonToolTips
{
public:
    /** Gives every such button under @p window its tooltip. */
    static void fillIn(QWidget *window);
};

} // namespace wirebench
