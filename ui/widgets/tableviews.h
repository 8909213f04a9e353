#pragma once

#include <initializer_list>

class QTableView;

namespace wirebench {

/** The look every table of the app shares. */
class TableViews
{
public:
    /**
     * One line per row at a fixed height (no per-row measuring, so a million
     * rows scroll as fast as ten), whole-row selection, no row numbers, the
     * last column stretched.
     */
    static void setUpCompact(QTableView *view);
    /** Sets the first columns' widths, in order, each at least its header's width; the model must be set. */
    static void setColumnWidths(QTableView *view, std::initializer_list<int> widths);
};

} // namespace wirebench
