#pragma once

#include <engine/recording/conversationcomparer.h>

#include <QtCore/QAbstractTableModel>

namespace wirebench {

/**
 * One conversation of a replay side by side: row n is the n-th s2c message
 * the comparison looks at, as recorded (left) and as it came this time
 * (right). Rows a difference names are marked (DifferenceRole, and a red
 * background).
 */
class ReplayDiffModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayDiffModel)

public:
    enum Columns { NumberColumn, ExpectedColumn, GotColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        DifferenceRole = Qt::UserRole, ///< int: the row's difference in differences(), -1 if it has none
    };
    Q_ENUM(Roles)

    explicit ReplayDiffModel(QObject *parent = nullptr);
    ~ReplayDiffModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /**
     * Shows conversation @p number (from 1) of @p differences: @p expected as recorded and @p got as
     * replayed, the messages @p options compares.
     */
    void setConversation(const Conversation &expected, const Conversation &got, int number,
                         const QList<Difference> &differences, const CompareOptions &options);
    void clear();

    /** The row of the message @p difference names; -1 if it names none (an ending). */
    int rowOf(const Difference &difference) const;
    /** How many rows are marked. */
    int markedRows() const;

private:
    QList<netcore::Message> m_expected;
    QList<netcore::Message> m_got;
    QHash<int, int> m_differenceOfRow; ///< row -> index in the differences given
};

} // namespace wirebench
