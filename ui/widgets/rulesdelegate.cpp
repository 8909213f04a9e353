#include "rulesdelegate.h"

#include <ui/models/rulestablemodel.h>

#include <QtWidgets/QComboBox>
#include <QtWidgets/QSpinBox>

namespace wirebench {

RulesDelegate::RulesDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

RulesDelegate::~RulesDelegate() = default;

QWidget *RulesDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case RulesTableModel::DelayColumn: {
        auto *spin = new QSpinBox(parent);
        spin->setObjectName(QStringLiteral("delayEditor"));
        spin->setRange(0, RulesTableModel::maxDelayMsecs);
        spin->setSingleStep(100);
        spin->setFrame(false);
        return spin;
    }
    case RulesTableModel::ThenColumn: {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("thenEditor"));
        for (const QString &then : {QString(), QStringLiteral("close"), QStringLiteral("reset")})
            combo->addItem(RulesTableModel::thenText(then), then);
        return combo;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void RulesDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole).toString())));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void RulesDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData());
        return;
    }
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->interpretText(); // a value typed and not stepped yet
        model->setData(index, spin->value());
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace wirebench
