#pragma once

#include <QtWidgets/QWidget>

#include <memory>

class QTimer;

namespace Ui {
class ScriptEditor;
}

namespace wirebench {

/**
 * The Script behaviour of the server dialog: the JavaScript in a monospace
 * editor, checked as the user types (after a short pause, with
 * ScriptResponder::checkSyntax()), the line that does not parse marked and
 * named under it, and the handlers' timeout.
 */
class ScriptEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ScriptEditor)

public:
    /** The pause in typing after which the script is checked. */
    static constexpr int checkDelayMsecs = 300;

    explicit ScriptEditor(QWidget *parent = nullptr);
    ~ScriptEditor() override;

    QString script() const;
    /** Shows @p source and checks it at once. */
    void setScript(const QString &source);
    int timeoutMsecs() const;
    void setTimeoutMsecs(int msecs);

    /** "line N: ..." when the script as last checked does not parse; empty when it does. */
    QString problem() const { return m_problem; }
    /** Checks what was typed since the last check now, instead of after the pause (before OK takes it). */
    void checkNow();

    /** What a new server in Script mode starts with, so the user sees the API (docs/responders.md). */
    static QString exampleScript();

signals:
    /** A check ended, with problem() as it is now. */
    void checked();
    void timeoutChanged();

private:
    void markProblemLine(int line);

    std::unique_ptr<Ui::ScriptEditor> m_ui;
    QTimer *m_checkTimer = nullptr; ///< child
    QString m_problem;
};

} // namespace wirebench
