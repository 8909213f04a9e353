#pragma once

#include <engine/responders/jsonproblem.h>

#include <QtCore/QHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QString>

namespace wirebench {

/**
 * A JSON file a user wrote (rules, a scenario), read so that what is wrong
 * in it can be told by line: "rules.json:12: unknown match key "txt"".
 * QJsonDocument keeps no positions, so the text is scanned once more for
 * the line where each value starts, by JSON Pointer.
 */
class JsonSource
{
public:
    /** Reads and parses @p fileName; false, with @p error naming the file and the line, if it cannot. */
    bool load(const QString &fileName, QString *error);
    /** The same for @p text, named @p name in errors. */
    bool parse(const QByteArray &text, const QString &name, QString *error);

    const QJsonDocument &document() const { return m_document; }
    QString name() const { return m_name; }
    /** The line (from 1) where the value at @p path starts, or its nearest enclosing value's. */
    int lineOf(const QString &path) const;
    /** "NAME:LINE: message" for @p problem, its path taken from the document's root. */
    QString describe(const JsonProblem &problem) const;

    /**
     * Reads the document's root object into @p result by T::fromJson(object, T *, JsonProblem *);
     * false, with @p error "NAME:LINE: what is wrong", if it cannot (@p rootIsAnObject says what
     * the root should have been).
     */
    template <typename T>
    bool readObject(T *result, const QString &rootIsAnObject, QString *error) const
    {
        JsonProblem problem;
        if (!m_document.isObject())
            problem = {{}, rootIsAnObject};
        else if (T::fromJson(m_document.object(), result, &problem))
            return true;
        *error = describe(problem);
        return false;
    }

private:
    class Scanner;

    QString m_name;
    QJsonDocument m_document;
    QHash<QString, int> m_lines; ///< JSON Pointer -> line
};

} // namespace wirebench
