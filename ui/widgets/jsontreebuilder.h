#pragma once

#include <QtCore/QCborValue>

class QTreeWidget;
class QTreeWidgetItem;

namespace wirebench {

/** Fills a three-column tree (key, value, type) with a JSON or CBOR value. */
class JsonTreeBuilder
{
public:
    /** Replaces the tree's items with @p value; containers deeper than @p expandDepth start collapsed. */
    static void fill(QTreeWidget *tree, const QCborValue &value, int expandDepth = 2);

private:
    static void addChildren(QTreeWidgetItem *parent, const QCborValue &value, int depth, int expandDepth);
    static QTreeWidgetItem *makeItem(const QString &key, const QCborValue &value);
};

} // namespace wirebench
