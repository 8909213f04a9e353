#include "rulestablemodel.h"

#include <engine/compactjson.h>
#include <engine/responders/messagematcher.h>
#include <engine/responders/replytemplate.h>
#include <engine/responders/rulebook.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>

namespace wirebench {

namespace {

const QString whenKey = QStringLiteral("when");
const QString replyKey = QStringLiteral("reply");
const QString delayKey = QStringLiteral("delay_ms");
const QString thenKey = QStringLiteral("then");
const QString greetingKey = QStringLiteral("on_connect");
const QString rulesKey = QStringLiteral("rules");

/** Parses one JSON value of any type (QJsonDocument alone takes only objects and arrays). */
bool parseJsonText(const QString &text, QJsonValue *value, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray("[") + text.toUtf8() + QByteArray("]"), &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        *error = parseError.error != QJsonParseError::NoError
            ? RulesTableModel::tr("not JSON: %1 at character %2").arg(parseError.errorString()).arg(qMax(1, parseError.offset))
            : RulesTableModel::tr("not one JSON value");
        return false;
    }
    *value = document.array().at(0);
    return true;
}

/** The cell's value for the document: what it parses to, or the text itself if it does not parse. */
QJsonValue jsonValueOf(const QString &text)
{
    QJsonValue value;
    QString ignored;
    return parseJsonText(text, &value, &ignored) ? value : QJsonValue(text);
}

QString whenProblem(const QString &text, MessageMatcher *matcher)
{
    if (text.isEmpty())
        return RulesTableModel::tr("a rule needs \"when\" ({} matches every message)");
    QJsonValue value;
    QString error;
    if (!parseJsonText(text, &value, &error))
        return error;
    JsonProblem problem;
    return MessageMatcher::parse(value, matcher, &problem) ? QString() : problem.message;
}

/** A reply or an array of them, as RuleBook reads "reply" and "on_connect"; empty text is no reply. */
QString repliesProblem(const QString &text)
{
    if (text.isEmpty())
        return {};
    QJsonValue value;
    QString error;
    if (!parseJsonText(text, &value, &error))
        return error;
    const QJsonArray replies = value.isArray() ? value.toArray() : QJsonArray{value};
    for (qsizetype i = 0; i < replies.size(); ++i) {
        ReplyTemplate reply;
        JsonProblem problem;
        if (!ReplyTemplate::parse(replies.at(i), &reply, &problem))
            return value.isArray() ? RulesTableModel::tr("reply %1: %2").arg(i + 1).arg(problem.message) : problem.message;
    }
    return {};
}

const char *columnKey(int column)
{
    static const char *const keys[RulesTableModel::ColumnCount] = {
        QT_TRANSLATE_NOOP("wirebench::RulesTableModel", "when"), QT_TRANSLATE_NOOP("wirebench::RulesTableModel", "reply"),
        QT_TRANSLATE_NOOP("wirebench::RulesTableModel", "delay"), QT_TRANSLATE_NOOP("wirebench::RulesTableModel", "then")};
    return keys[column];
}

} // namespace

RulesTableModel::RulesTableModel(QObject *parent) : QAbstractTableModel(parent) {}

RulesTableModel::~RulesTableModel() = default;

QString RulesTableModel::thenText(const QString &then)
{
    return then.isEmpty() ? tr("none") : then;
}

RulesTableModel::Row RulesTableModel::rowFrom(const QJsonObject &rule)
{
    Row row;
    row.source = rule;
    row.when = rule.contains(whenKey) ? compactJson(rule.value(whenKey)) : QString();
    row.reply = rule.contains(replyKey) ? compactJson(rule.value(replyKey)) : QString();
    if (rule.contains(delayKey)) {
        const QJsonValue delay = rule.value(delayKey);
        const double msecs = delay.toDouble(-1);
        if (delay.isDouble() && msecs >= 0 && msecs <= maxDelayMsecs && msecs == double(int(msecs)))
            row.delayMsecs = int(msecs);
        else // the source keeps what was there until the user sets a delay
            row.problems[DelayColumn] = tr("\"delay_ms\" must be an integer from 0 to 86400000 (a day), not %1")
                                            .arg(compactJson(delay));
    }
    if (rule.contains(thenKey)) {
        const QJsonValue then = rule.value(thenKey);
        row.then = then.isString() ? then.toString() : compactJson(then);
        if (row.then != QLatin1String("close") && row.then != QLatin1String("reset"))
            row.problems[ThenColumn] = tr("\"then\" must be \"close\" or \"reset\"");
    }
    check(&row);
    return row;
}

void RulesTableModel::check(Row *row)
{
    MessageMatcher matcher;
    row->problems[WhenColumn] = whenProblem(row->when, &matcher);
    row->problems[ReplyColumn] = repliesProblem(row->reply);
}

void RulesTableModel::setDocument(const QJsonObject &document)
{
    beginResetModel();
    m_documentSource = document;
    m_rows.clear();
    const QJsonArray rules = document.value(rulesKey).toArray();
    for (const QJsonValue &rule : rules)
        m_rows.append(rowFrom(rule.toObject()));
    m_greeting = document.contains(greetingKey) ? compactJson(document.value(greetingKey)) : QString();
    m_greetingProblem = repliesProblem(m_greeting);
    endResetModel();
    emit documentChanged();
}

QJsonObject RulesTableModel::document() const
{
    QJsonObject document = m_documentSource;
    document.remove(greetingKey);
    if (!m_greeting.isEmpty())
        document.insert(greetingKey, jsonValueOf(m_greeting));
    QJsonArray rules;
    for (const Row &row : m_rows) {
        QJsonObject rule = row.source;
        rule.insert(whenKey, row.when.isEmpty() ? QJsonValue(QJsonObject()) : jsonValueOf(row.when));
        rule.remove(replyKey);
        if (!row.reply.isEmpty())
            rule.insert(replyKey, jsonValueOf(row.reply));
        if (row.problems[DelayColumn].isEmpty()) {
            rule.remove(delayKey);
            if (row.delayMsecs > 0)
                rule.insert(delayKey, row.delayMsecs);
        }
        if (row.problems[ThenColumn].isEmpty()) {
            rule.remove(thenKey);
            if (!row.then.isEmpty())
                rule.insert(thenKey, row.then);
        }
        rules.append(rule);
    }
    document.insert(rulesKey, rules);
    return document;
}

void RulesTableModel::setGreeting(const QString &text)
{
    const QString greeting = text.trimmed();
    if (greeting == m_greeting)
        return;
    m_greeting = greeting;
    m_greetingProblem = repliesProblem(m_greeting);
    emit documentChanged();
}

QString RulesTableModel::firstProblem() const
{
    if (!m_greetingProblem.isEmpty())
        return tr("greeting: %1").arg(m_greetingProblem);
    for (int row = 0; row < m_rows.size(); ++row) {
        for (int column = 0; column < ColumnCount; ++column) {
            if (!m_rows.at(row).problems[column].isEmpty())
                return tr("rule %1, %2: %3").arg(row + 1).arg(tr(columnKey(column)), m_rows.at(row).problems[column]);
        }
    }
    // What no cell shows (a key the table keeps but RuleBook refuses) is still checked the engine's way.
    RuleBook book;
    JsonProblem problem;
    if (RuleBook::fromJson(document(), &book, &problem))
        return {};
    static const QRegularExpression rulePath(QStringLiteral("^/rules/(\\d+)"));
    const QRegularExpressionMatch match = rulePath.match(problem.path);
    return match.hasMatch() ? tr("rule %1: %2").arg(match.captured(1).toInt() + 1).arg(problem.message) : problem.message;
}

void RulesTableModel::setProblemLook(const QColor &color, const QIcon &icon)
{
    m_problemColor = color;
    m_problemIcon = icon;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole, Qt::DecorationRole});
}

int RulesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RulesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RulesTableModel::tooltip(const Row &row, int column) const
{
    if (!row.problems[column].isEmpty())
        return row.problems[column];
    switch (column) {
    case WhenColumn: {
        MessageMatcher matcher;
        whenProblem(row.when, &matcher);
        return tr("Answers %1").arg(matcher.describe());
    }
    case ReplyColumn:
        return row.reply.isEmpty() ? tr("No reply") : tr("One reply, or an array of them, sent in order");
    case DelayColumn:
        return tr("How long to wait before replying; other messages are answered meanwhile");
    case ThenColumn:
        return tr("close: an orderly end after the replies; reset: the replies, then RST");
    default:
        return {};
    }
}

QVariant RulesTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const QString &problem = row.problems[column];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case WhenColumn:
            return row.when;
        case ReplyColumn:
            return row.reply;
        case DelayColumn:
            return row.delayMsecs;
        case ThenColumn:
            return role == Qt::EditRole ? row.then : thenText(row.then);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tooltip(row, column);
    case Qt::ForegroundRole:
        return problem.isEmpty() ? QVariant() : QVariant(m_problemColor);
    case Qt::DecorationRole:
        return problem.isEmpty() || m_problemIcon.isNull() ? QVariant() : QVariant(m_problemIcon);
    case ProblemRole:
        return problem;
    default:
        return {};
    }
}

QVariant RulesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1; // "rule 3" in the error line is the row headed 3
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ReplyColumn:
        return tr("Reply");
    case DelayColumn:
        return tr("Delay (ms)");
    case ThenColumn:
        return tr("Then");
    default:
        return {};
    }
}

Qt::ItemFlags RulesTableModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags base = QAbstractTableModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsEditable : base;
}

bool RulesTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row &row = m_rows[index.row()];
    switch (index.column()) {
    case WhenColumn: {
        const QString when = value.toString().trimmed();
        row.when = when.isEmpty() ? QStringLiteral("{}") : when; // an empty cell: any message, as the new row says
        break;
    }
    case ReplyColumn:
        row.reply = value.toString().trimmed();
        break;
    case DelayColumn: {
        bool ok = false;
        const int msecs = value.toInt(&ok);
        if (!ok || msecs < 0 || msecs > maxDelayMsecs)
            return false;
        row.delayMsecs = msecs;
        row.problems[DelayColumn].clear();
        break;
    }
    case ThenColumn: {
        QString then = value.toString();
        if (then == thenText(QString()))
            then.clear();
        if (!then.isEmpty() && then != QLatin1String("close") && then != QLatin1String("reset"))
            return false;
        row.then = then;
        row.problems[ThenColumn].clear();
        break;
    }
    default:
        return false;
    }
    check(&row);
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    emit documentChanged();
    return true;
}

bool RulesTableModel::insertRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || row > m_rows.size() || count <= 0)
        return false;
    beginInsertRows(parent, row, row + count - 1);
    for (int i = 0; i < count; ++i)
        m_rows.insert(row, rowFrom(QJsonObject{{whenKey, QJsonObject()}}));
    endInsertRows();
    emit documentChanged();
    return true;
}

bool RulesTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    emit documentChanged();
    return true;
}

bool RulesTableModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                               const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > m_rows.size() || destinationChild < 0 || destinationChild > m_rows.size())
        return false;
    if (!beginMoveRows(sourceParent, sourceRow, sourceRow + count - 1, destinationParent, destinationChild))
        return false;
    const QList<Row> moving = m_rows.mid(sourceRow, count);
    m_rows.remove(sourceRow, count);
    const int to = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        m_rows.insert(to + i, moving.at(i));
    endMoveRows();
    emit documentChanged();
    return true;
}

} // namespace wirebench
