#include "jsontreebuilder.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCoreApplication>
#include <QtWidgets/QTreeWidget>

namespace wirebench {

namespace {

/** Wide containers are cut, so a huge array cannot freeze the inspector. */
constexpr int maxChildren = 1000;

QString typeName(const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::Map: return QStringLiteral("object");
    case QCborValue::Array: return QStringLiteral("array");
    case QCborValue::String: return QStringLiteral("string");
    case QCborValue::Integer: return QStringLiteral("integer");
    case QCborValue::Double: return QStringLiteral("number");
    case QCborValue::True:
    case QCborValue::False: return QStringLiteral("bool");
    case QCborValue::Null: return QStringLiteral("null");
    case QCborValue::ByteArray: return QStringLiteral("bytes");
    default: return QStringLiteral("other");
    }
}

QString valueText(const QCborValue &value)
{
    switch (value.type()) {
    case QCborValue::Map:
        return QStringLiteral("{%1}").arg(value.toMap().size());
    case QCborValue::Array:
        return QStringLiteral("[%1]").arg(value.toArray().size());
    case QCborValue::String: return value.toString();
    default: return value.toDiagnosticNotation(QCborValue::Compact);
    }
}

} // namespace

void JsonTreeBuilder::fill(QTreeWidget *tree, const QCborValue &value, int expandDepth)
{
    tree->clear();
    QTreeWidgetItem *root = makeItem(QStringLiteral("$"), value);
    tree->addTopLevelItem(root);
    addChildren(root, value, 1, expandDepth);
    root->setExpanded(true);
}

void JsonTreeBuilder::addChildren(QTreeWidgetItem *parent, const QCborValue &value, int depth, int expandDepth)
{
    int added = 0;
    auto add = [&](const QString &key, const QCborValue &child) {
        QTreeWidgetItem *item = makeItem(key, child);
        parent->addChild(item);
        if (child.isMap() || child.isArray()) {
            addChildren(item, child, depth + 1, expandDepth);
            item->setExpanded(depth < expandDepth);
        }
    };
    if (value.isMap()) {
        const QCborMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend() && added < maxChildren; ++it, ++added)
            add(it.key().isString() ? it.key().toString() : it.key().toDiagnosticNotation(), it.value());
    } else if (value.isArray()) {
        const QCborArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && added < maxChildren; ++i, ++added)
            add(QStringLiteral("[%1]").arg(i), array.at(i));
    }
    const qsizetype total = value.isMap() ? value.toMap().size() : value.isArray() ? value.toArray().size() : 0;
    if (total > added) {
        auto *more = new QTreeWidgetItem(parent);
        more->setText(0, QCoreApplication::translate("wirebench::JsonTreeBuilder", "… %1 more").arg(total - added));
    }
}

QTreeWidgetItem *JsonTreeBuilder::makeItem(const QString &key, const QCborValue &value)
{
    auto *item = new QTreeWidgetItem;
    item->setText(0, key);
    item->setText(1, valueText(value));
    item->setText(2, typeName(value));
    item->setToolTip(1, item->text(1));
    return item;
}

} // namespace wirebench
