#pragma once

#include <QtCore/QAbstractTableModel>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtGui/QColor>
#include <QtGui/QIcon>

namespace wirebench {

/**
 * A rules document (RuleBook, ServerSpec::rules) as a table a person edits
 * without writing the file: one row per rule, When and Reply as compact
 * JSON text, Delay in milliseconds, Then as "", "close" or "reset"; and
 * the on_connect greeting beside it. Every cell is checked as it is set,
 * with the engine's own parsers (MessageMatcher, ReplyTemplate): an invalid
 * cell keeps what was typed and says why (ProblemRole, tool tip, colour).
 * Keys it does not show, in a rule or in the document, go back out as they
 * came in.
 */
class RulesTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY(RulesTableModel)

public:
    enum Columns { WhenColumn, ReplyColumn, DelayColumn, ThenColumn, ColumnCount };
    Q_ENUM(Columns)

    enum Roles {
        ProblemRole = Qt::UserRole, ///< QString: why the cell is invalid, empty when it is fine
    };
    Q_ENUM(Roles)

    /** The longest delay a rule takes (RuleBook's limit: a day). */
    static constexpr int maxDelayMsecs = 86400000;

    explicit RulesTableModel(QObject *parent = nullptr);
    ~RulesTableModel() override;

    /** Shows @p document; what is wrong in it is marked, not refused. */
    void setDocument(const QJsonObject &document);
    /** The document as edited; a cell that is not JSON goes out as the string typed. */
    QJsonObject document() const;

    /** The on_connect reply (or array) as compact JSON text; empty for none. */
    QString greeting() const { return m_greeting; }
    void setGreeting(const QString &text);
    QString greetingProblem() const { return m_greetingProblem; }

    /** "rule 3, reply: ..." for the first thing wrong, in the greeting or a row; empty when all is valid. */
    QString firstProblem() const;
    bool isValid() const { return firstProblem().isEmpty(); }

    /** How an invalid cell looks: the theme's error colour and icon, which a model cannot know. */
    void setProblemLook(const QColor &color, const QIcon &icon);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    /** New rules match every message ({}) and answer nothing, until the user says otherwise. */
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;

    /** "none", "close", "reset": how the Then column names "", "close" and "reset". */
    static QString thenText(const QString &then);

signals:
    /** Something the document holds changed: a cell, a row, the greeting. */
    void documentChanged();

private:
    struct Row
    {
        QJsonObject source; ///< the rule as it came: its keys the table does not show stay
        QString when = QStringLiteral("{}");
        QString reply;
        int delayMsecs = 0;
        QString then;
        QString problems[ColumnCount];
    };

    static Row rowFrom(const QJsonObject &rule);
    static void check(Row *row);
    QString tooltip(const Row &row, int column) const;

    QList<Row> m_rows;
    QJsonObject m_documentSource; ///< the document as it came, for its other keys
    QString m_greeting;
    QString m_greetingProblem;
    QColor m_problemColor = Qt::red;
    QIcon m_problemIcon;
};

} // namespace wirebench
