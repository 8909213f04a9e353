#include "tableviews.h"

#include <QtWidgets/QHeaderView>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleOptionViewItem>
#include <QtWidgets/QTableView>

#include <algorithm>

namespace wirebench {

void TableViews::setUpCompact(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The stretched last column never shrinks below the default size: keep that small.
    view->horizontalHeader()->setDefaultSectionSize(50);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void TableViews::setColumnWidths(QTableView *view, std::initializer_list<int> widths)
{
    const QHeaderView *header = view->horizontalHeader();
    int column = 0;
    for (const int width : widths) {
        // Never cut a header off: its font and translation are not what these widths were chosen for.
        view->setColumnWidth(column, std::max(width, header->sectionSizeHint(column)));
        ++column;
    }
}

void TableViews::setColumnSamples(QTableView *view, std::initializer_list<ColumnSample> samples)
{
    const QHeaderView *header = view->horizontalHeader();
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.font = view->font();
    option.fontMetrics = view->fontMetrics();
    option.features = QStyleOptionViewItem::HasDisplay;
    for (const ColumnSample &sample : samples) {
        // What the delegate asks of the style for a cell showing this text.
        option.text = sample.text;
        const int width = view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), view).width();
        view->setColumnWidth(sample.column, std::max(width, header->sectionSizeHint(sample.column)));
    }
}

void TableViews::makeRoomForIcon(QTableView *view, int column)
{
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    view->setColumnWidth(column, view->columnWidth(column) + icon + 4);
}

} // namespace wirebench
