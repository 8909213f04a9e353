#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace wirebench {

/**
 * Edits a RulesTableModel's cells with what fits each: a spin box for the
 * delay (0 to a day), a list of none / close / reset for Then, and a line
 * edit for the JSON of When and Reply.
 */
class RulesDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY(RulesDelegate)

public:
    explicit RulesDelegate(QObject *parent = nullptr);
    ~RulesDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace wirebench
