#pragma once

#include <engine/proxy/fault.h>

#include <QtCore/QAbstractTableModel>

namespace wirebench {

/**
 * A proxy's faults, one row each: a switch (the kind column's check box),
 * its parameters and its directions. Switching one by the check box changes
 * the list and says so with faultsEdited(); setFaults() (a new snapshot, an
 * added or edited fault) does not.
 */
class FaultListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(FaultListModel)

public:
    enum Columns { KindColumn, ParametersColumn, DirectionsColumn, ColumnCount };
    Q_ENUM(Columns)

    explicit FaultListModel(QObject *parent = nullptr);
    ~FaultListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /** Qt::CheckStateRole on the kind column switches the fault. */
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QList<Fault> faults() const { return m_faults; }
    /** Shows @p faults; rows that stayed are updated in place, so a selection survives a snapshot. */
    void setFaults(const QList<Fault> &faults);
    /** The fault at @p row; a default one if out of range. */
    Fault fault(int row) const;

signals:
    /** The user switched a fault on or off: the whole list as it is now. */
    void faultsEdited(const QList<wirebench::Fault> &faults);

private:
    QList<Fault> m_faults;
};

} // namespace wirebench
