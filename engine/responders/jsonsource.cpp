#include "jsonsource.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonParseError>

#include <cstring>

namespace wirebench {

/** Walks JSON text already known to be valid and notes the line of every value. */
class JsonSource::Scanner
{
public:
    Scanner(const QByteArray &text, QHash<QString, int> *lines) : m_text(text), m_lines(lines) {}

    void value(const QString &path)
    {
        skipSpace();
        m_lines->insert(path, m_line);
        if (m_at >= m_text.size())
            return;
        const char c = m_text.at(m_at);
        if (c == '{') {
            ++m_at;
            skipSpace();
            while (m_at < m_text.size() && m_text.at(m_at) != '}') {
                skipSpace();
                const int keyLine = m_line;
                const QString key = string();
                skipSpace();
                ++m_at; // ':'
                const QString child = path + JsonProblem::key(key);
                value(child);
                (*m_lines)[child] = keyLine; // a key's line reads better than its value's
                skipSpace();
                if (m_at < m_text.size() && m_text.at(m_at) == ',')
                    ++m_at;
                skipSpace();
            }
            ++m_at;
        } else if (c == '[') {
            ++m_at;
            skipSpace();
            for (qsizetype index = 0; m_at < m_text.size() && m_text.at(m_at) != ']'; ++index) {
                value(path + JsonProblem::index(index));
                skipSpace();
                if (m_at < m_text.size() && m_text.at(m_at) == ',')
                    ++m_at;
                skipSpace();
            }
            ++m_at;
        } else if (c == '"') {
            string();
        } else {
            while (m_at < m_text.size() && !std::strchr(",]} \t\r\n", m_text.at(m_at)))
                ++m_at;
        }
    }

private:
    void skipSpace()
    {
        while (m_at < m_text.size() && std::strchr(" \t\r\n", m_text.at(m_at))) {
            if (m_text.at(m_at) == '\n')
                ++m_line;
            ++m_at;
        }
    }

    QString string()
    {
        const qsizetype start = m_at;
        ++m_at; // '"'
        while (m_at < m_text.size() && m_text.at(m_at) != '"')
            m_at += m_text.at(m_at) == '\\' ? 2 : 1;
        ++m_at;
        // Let Qt undo the escapes: the string is valid JSON on its own.
        const QByteArray quoted = '[' + m_text.mid(start, m_at - start) + ']';
        return QJsonDocument::fromJson(quoted).array().at(0).toString();
    }

    const QByteArray &m_text;
    QHash<QString, int> *m_lines;
    qsizetype m_at = 0;
    int m_line = 1;
};

bool JsonSource::load(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("wirebench::JsonSource", "%1: cannot read: %2").arg(fileName, file.errorString());
        return false;
    }
    return parse(file.readAll(), fileName, error);
}

bool JsonSource::parse(const QByteArray &text, const QString &name, QString *error)
{
    m_name = name;
    m_lines.clear();
    QJsonParseError parseError;
    m_document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = int(text.left(parseError.offset).count('\n')) + 1;
        *error = QStringLiteral("%1:%2: %3").arg(name).arg(line).arg(parseError.errorString());
        return false;
    }
    Scanner(text, &m_lines).value(QString());
    return true;
}

int JsonSource::lineOf(const QString &path) const
{
    QString at = path;
    while (true) {
        const auto it = m_lines.constFind(at);
        if (it != m_lines.cend())
            return *it;
        if (at.isEmpty())
            return 1;
        at.truncate(at.lastIndexOf(QLatin1Char('/')));
    }
}

QString JsonSource::describe(const JsonProblem &problem) const
{
    return QStringLiteral("%1:%2: %3").arg(m_name).arg(lineOf(problem.path)).arg(problem.message);
}

} // namespace wirebench
