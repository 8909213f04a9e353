#pragma once

// The header row of a table model, as a test compares it.

#include <QtCore/QAbstractItemModel>
#include <QtCore/QStringList>

namespace testdata {

/** The horizontal header of every column of @p model for @p role, in column order. */
inline QStringList horizontalHeaders(const QAbstractItemModel &model, int role = Qt::DisplayRole)
{
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers.append(model.headerData(column, Qt::Horizontal, role).toString());
    return headers;
}

} // namespace testdata
