#pragma once

#include <engine/workspace.h>

#include <QtCore/QAbstractTableModel>

namespace wirebench {

/**
 * A list of saved payloads: the composer's library, in the order they were
 * saved, and the steps of its sequence (PayloadSequenceModel). A payload's
 * name can be edited in place; rows can be moved.
 */
class PayloadLibraryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(PayloadLibraryModel)

public:
    enum Columns { NameColumn, KindColumn, ChannelColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        PayloadRole = Qt::UserRole, ///< the SavedPayload (QVariant::fromValue)
    };
    Q_ENUM(Roles)

    explicit PayloadLibraryModel(QObject *parent = nullptr);
    ~PayloadLibraryModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /** Renames a payload (NameColumn, EditRole); an empty name is refused. */
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    /** removeRow(int) comes from QAbstractItemModel and lands here. */
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    /** moveRow(s) from QAbstractItemModel land here: @p count rows from @p sourceRow go before @p destinationChild. */
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;

    /** Replaces the whole library (a workspace was opened). */
    void setPayloads(const QList<SavedPayload> &payloads);
    QList<SavedPayload> payloads() const;
    /** Appends @p payload as the last row. */
    void add(const SavedPayload &payload);
    /** The payload at @p row; a default one if out of range. */
    SavedPayload payload(int row) const;

private:
    QList<SavedPayload> m_payloads;
};

} // namespace wirebench
