#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace wirebench {

/**
 * Says where JSON that Qt's parser refused goes wrong and how to fix it, in
 * plain words: "line 1, column 15: a value is missing after "b":" rather
 * than Qt's "object is missing after a comma". Qt's parser stays the one that
 * decides; this only explains (PayloadBuilder uses it for the composer and
 * `wirebench-cli send`).
 */
class JsonDiagnosis
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::JsonDiagnosis)

public:
    /** Where the first fault of @p text is: 1-based line and column (in characters), and a hint. */
    struct Fault
    {
        int line = 0;
        int column = 0;
        QString hint;
        bool isValid() const { return line > 0; }
    };

    /** The first fault of @p text as one JSON value; invalid (line 0) if it finds none. */
    static Fault find(const QString &text);
    /** "line L, column C" of @p offset (in characters) in @p text. */
    static Fault at(const QString &text, int offset, const QString &hint);

    static constexpr int maxDepth = 1024; ///< as Qt's parser

private:
    explicit JsonDiagnosis(const QString &text) : m_text(text) {}

    enum class Separator { Comma, Close, Other };

    bool value(int depth);
    /** After an item: a comma or @p close (taken), or something else (left). */
    Separator separator(QChar close);
    /** The object or array opened at @p opened ends with the text. */
    bool failNotClosed(int opened);
    bool object(int depth);
    bool array(int depth);
    bool string(QString *contents);
    bool number();
    bool word();
    void skipSpace();
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    /** Records the fault at the current position; always false, to return it. */
    bool fail(const QString &hint);
    bool failUnexpected(const QString &expected);
    QString describeHere() const;
    /** "line L, column C" of @p offset. */
    QString positionOf(int offset) const;

    const QString &m_text;
    int m_pos = 0;
    Fault m_fault;
};

} // namespace wirebench
