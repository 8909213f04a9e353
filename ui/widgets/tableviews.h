#pragma once

#include <QtCore/QString>

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

    /** A realistic widest text of a column: "1,000,000" for a count, "[::ffff:127.0.0.1]:65535" for an endpoint. */
    struct ColumnSample
    {
        int column = 0;
        QString text;
    };
    /**
     * Sets each listed column's width to show its sample whole in the view's font, with the
     * cell's margins, and never less than its header; columns not listed keep theirs. The model
     * must be set. Widths follow the fonts and translation, where fixed pixels did not.
     */
    static void setColumnSamples(QTableView *view, std::initializer_list<ColumnSample> samples);
    /** Widens @p column by a small icon (a mark some rows carry, the recording dot), so its text keeps its room. */
    static void makeRoomForIcon(QTableView *view, int column);

    // Samples the tables share.
    static QString countSample() { return QStringLiteral("1,000,000"); }
    static QString bytesSample() { return QStringLiteral("1023.9 MiB"); }
    static QString endpointSample() { return QStringLiteral("[::ffff:127.0.0.1]:65535"); }
};

} // namespace wirebench
