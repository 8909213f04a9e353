#pragma once

// Reads the vector tables of docs/protocol.md, in the format its section 8
// defines. Strict on purpose: a cell it cannot read is a problem reported
// with its line, never a row skipped in silence.

#include <netcore/enums.h>

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QMetaEnum>
#include <QtCore/QRegularExpression>
#include <QtCore/QStringList>
#include <QtCore/QSysInfo>

#include <optional>

namespace vectortables {

/** One vector: its cells by column name, and its line in the file (from 1). */
struct Row
{
    int line = 0;
    QHash<QString, QString> cells;
};

/** A table that follows a `<!-- vectors: NAME -->` line. */
struct Table
{
    QString name;
    QStringList columns;
    QList<Row> rows;
};

/** The cells of a table line `| a | b |`, trimmed; empty if it is not one. */
inline QStringList cellsOf(const QString &line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.size() < 2 || !trimmed.startsWith(QLatin1Char('|')) || !trimmed.endsWith(QLatin1Char('|')))
        return {};
    QStringList cells = trimmed.mid(1, trimmed.size() - 2).split(QLatin1Char('|'));
    for (QString &cell : cells)
        cell = cell.trimmed();
    return cells;
}

/** Every vector table of @p markdown by name; what cannot be read goes to @p problems. */
inline QHash<QString, Table> readTables(const QString &markdown, QStringList *problems)
{
    static const QRegularExpression marker(QStringLiteral(R"(^<!--\s*vectors:\s*(\S+)\s*-->$)"));
    static const QRegularExpression separator(QStringLiteral(R"(^\|(\s*:?-+:?\s*\|)+$)"));
    static const QRegularExpression vectorName(QStringLiteral("^[A-Za-z0-9-]+$"));
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    const auto problem = [problems](int index, const QString &why) {
        problems->append(QStringLiteral("line %1: %2").arg(index + 1).arg(why));
    };

    QHash<QString, Table> tables;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = marker.match(lines.at(i).trimmed());
        if (!match.hasMatch())
            continue;
        Table table;
        table.name = match.captured(1);
        if (tables.contains(table.name))
            problem(i, QStringLiteral("a second table \"%1\"").arg(table.name));
        table.columns = cellsOf(i + 1 < lines.size() ? lines.at(i + 1) : QString());
        if (table.columns.isEmpty() || i + 2 >= lines.size() || !separator.match(lines.at(i + 2).trimmed()).hasMatch()) {
            problem(i, QStringLiteral("table \"%1\": no header and separator rows after its marker").arg(table.name));
            continue;
        }
        QStringList names;
        int row = i + 3;
        for (; row < lines.size() && lines.at(row).trimmed().startsWith(QLatin1Char('|')); ++row) {
            const QStringList cells = cellsOf(lines.at(row));
            if (cells.size() != table.columns.size()) {
                problem(row, QStringLiteral("%1 cells for %2 columns").arg(cells.size()).arg(table.columns.size()));
                continue;
            }
            if (!vectorName.match(cells.first()).hasMatch() || names.contains(cells.first())) {
                problem(row, QStringLiteral("\"%1\" is not a new vector name").arg(cells.first()));
                continue;
            }
            names.append(cells.first());
            Row parsed{row + 1, {}};
            for (int column = 0; column < cells.size(); ++column)
                parsed.cells.insert(table.columns.at(column), cells.at(column));
            table.rows.append(parsed);
        }
        tables.insert(table.name, table);
        i = row - 1;
    }
    return tables;
}

/** Reads the cells of one row as typed values; each unreadable cell adds a problem. */
class RowReader
{
public:
    RowReader(const Row &row, QStringList *problems) : m_row(row), m_problems(problems) {}

    QString name() { return cell(QStringLiteral("vector")); }
    int line() const { return m_row.line; }
    /** No cell of this row failed to read. */
    bool ok() const { return m_ok; }
    void fail(const QString &column, const QString &why)
    {
        m_ok = false;
        m_problems->append(QStringLiteral("line %1, column %2: %3").arg(m_row.line).arg(column, why));
    }

    /** `-` or backticked tokens: two hex digits, or 'text' as UTF-8. */
    QByteArray bytes(const QString &column)
    {
        const QString text = cell(column);
        if (text == QLatin1String("-"))
            return {};
        const std::optional<QString> quoted = backticked(column, text);
        if (!quoted)
            return {};
        QByteArray bytes;
        const QString &tokens = *quoted;
        for (qsizetype i = 0; i < tokens.size();) {
            if (tokens.at(i) == QLatin1Char(' ')) {
                ++i;
            } else if (tokens.at(i) == QLatin1Char('\'')) {
                const qsizetype end = tokens.indexOf(QLatin1Char('\''), i + 1);
                if (end < 0) {
                    fail(column, QStringLiteral("unclosed quote in \"%1\"").arg(text));
                    return {};
                }
                bytes += tokens.mid(i + 1, end - i - 1).toUtf8();
                i = end + 1;
            } else {
                qsizetype end = tokens.indexOf(QLatin1Char(' '), i);
                if (end < 0)
                    end = tokens.size();
                static const QRegularExpression hexByte(QStringLiteral("^[0-9a-fA-F]{2}$"));
                const QString token = tokens.mid(i, end - i);
                if (!hexByte.match(token).hasMatch()) {
                    fail(column, QStringLiteral("\"%1\" is not a byte (two hex digits)").arg(token));
                    return {};
                }
                bytes += char(token.toUInt(nullptr, 16));
                i = end;
            }
        }
        return bytes;
    }

    /** `-` (the default channel) or the name between backticks. */
    QString channel(const QString &column)
    {
        const QString text = cell(column);
        return text == QLatin1String("-") ? QString() : backticked(column, text).value_or(QString());
    }

    /** Decimal, possibly negative, or hex after 0x. */
    qint64 integer(const QString &column) { return optionalInteger(column, false).value_or(0); }
    /** integer(), or nothing for `-`. */
    std::optional<qint64> integerOrDefault(const QString &column) { return optionalInteger(column, true); }

    netcore::MessageType type(const QString &column)
    {
        const QString text = cell(column);
        for (int value = 0; value <= int(netcore::MessageType::Cbor); ++value) {
            if (text == netcore::messageTypeName(netcore::MessageType(value)))
                return netcore::MessageType(value);
        }
        fail(column, QStringLiteral("\"%1\" is not binary, text, json or cbor").arg(text));
        return netcore::MessageType::Binary;
    }

    QSysInfo::Endian order(const QString &column)
    {
        const QString text = cell(column);
        if (text != QLatin1String("big") && text != QLatin1String("little"))
            fail(column, QStringLiteral("\"%1\" is not big or little").arg(text));
        return text == QLatin1String("little") ? QSysInfo::LittleEndian : QSysInfo::BigEndian;
    }

    netcore::ErrorCode errorCode(const QString &column)
    {
        const QString text = cell(column);
        bool known = false;
        const int value = QMetaEnum::fromType<netcore::ErrorCode>().keyToValue(text.toLatin1().constData(), &known);
        if (!known || value == int(netcore::ErrorCode::NoError))
            fail(column, QStringLiteral("\"%1\" is not an ErrorCode").arg(text));
        return netcore::ErrorCode(value);
    }

    /** True for `stream`, false for `frame`. */
    bool isStreamClass(const QString &column)
    {
        const QString text = cell(column);
        if (text != QLatin1String("stream") && text != QLatin1String("frame"))
            fail(column, QStringLiteral("\"%1\" is not stream or frame").arg(text));
        return text == QLatin1String("stream");
    }

private:
    QString cell(const QString &column)
    {
        if (!m_row.cells.contains(column))
            fail(column, QStringLiteral("the table has no such column"));
        return m_row.cells.value(column);
    }

    std::optional<QString> backticked(const QString &column, const QString &text)
    {
        if (text.size() < 3 || !text.startsWith(QLatin1Char('`')) || !text.endsWith(QLatin1Char('`'))) {
            fail(column, QStringLiteral("\"%1\" is neither - nor between backticks").arg(text));
            return std::nullopt;
        }
        return text.mid(1, text.size() - 2);
    }

    std::optional<qint64> optionalInteger(const QString &column, bool dashIsDefault)
    {
        static const QRegularExpression decimal(QStringLiteral("^-?[0-9]+$"));
        static const QRegularExpression hex(QStringLiteral("^0x[0-9a-fA-F]+$"));
        const QString text = cell(column);
        if (dashIsDefault && text == QLatin1String("-"))
            return std::nullopt;
        bool parsed = false;
        qint64 value = 0;
        if (decimal.match(text).hasMatch())
            value = text.toLongLong(&parsed, 10);
        else if (hex.match(text).hasMatch())
            value = text.mid(2).toLongLong(&parsed, 16);
        if (!parsed) {
            fail(column, QStringLiteral("\"%1\" is not an integer").arg(text));
            return std::nullopt;
        }
        return value;
    }

    Row m_row;
    QStringList *m_problems;
    bool m_ok = true;
};

} // namespace vectortables
