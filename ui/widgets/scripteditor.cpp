#include "scripteditor.h"

#include "ui_scripteditor.h"

#include <ui/widgets/apptheme.h>
#include <ui/widgets/formerrors.h>

#include <engine/responders/scriptresponder.h>

#include <QtCore/QRegularExpression>
#include <QtCore/QTimer>
#include <QtGui/QFontDatabase>
#include <QtGui/QTextBlock>

namespace wirebench {

ScriptEditor::ScriptEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ScriptEditor>()), m_checkTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->scriptEdit->setFont(mono);
    m_ui->scriptEdit->setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_ui->timeoutSpin->setValue(ScriptResponder::defaultTimeoutMsecs);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(checkDelayMsecs);
    connect(m_checkTimer, &QTimer::timeout, this, &ScriptEditor::checkNow);
    // Checked after a pause, not per key: a half-typed line is always wrong, and says so only when left so.
    connect(m_ui->scriptEdit, &QPlainTextEdit::textChanged, m_checkTimer, qOverload<>(&QTimer::start));
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, &ScriptEditor::timeoutChanged);
    checkNow();
}

ScriptEditor::~ScriptEditor() = default;

QString ScriptEditor::exampleScript()
{
    return QStringLiteral(
        "function onConnect(conn) { conn.send({channel: \"hello\", text: \"welcome \" + conn.peer}); }\n"
        "function onMessage(conn, msg) {\n"
        "  conn.state.n = (conn.state.n || 0) + 1;\n"
        "  console.log(\"message \" + conn.state.n + \" from \" + conn.peer);\n"
        "  if (msg.channel === \"login\") return {json: {ok: msg.json.user === \"alice\", n: conn.state.n}};\n"
        "  if (msg.text === \"QUIT\") { conn.send({text: \"BYE\"}); conn.close(); return; }\n"
        "  return {text: \"#\" + conn.state.n + \" \" + msg.text};\n"
        "}\n"
        "function onDisconnect(conn, reason) {}\n");
}

QString ScriptEditor::script() const
{
    return m_ui->scriptEdit->toPlainText();
}

void ScriptEditor::setScript(const QString &source)
{
    m_ui->scriptEdit->setPlainText(source);
    checkNow();
}

int ScriptEditor::timeoutMsecs() const
{
    return m_ui->timeoutSpin->value();
}

void ScriptEditor::setTimeoutMsecs(int msecs)
{
    m_ui->timeoutSpin->setValue(msecs);
}

void ScriptEditor::checkNow()
{
    m_checkTimer->stop();
    m_problem = ScriptResponder::checkSyntax(script());
    FormErrors::show(m_ui->scriptErrorLabel, m_problem);
    static const QRegularExpression lineOf(QStringLiteral("^line (\\d+):"));
    const QRegularExpressionMatch match = lineOf.match(m_problem);
    markProblemLine(match.hasMatch() ? match.captured(1).toInt() : 0);
    emit checked();
}

void ScriptEditor::markProblemLine(int line)
{
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = m_ui->scriptEdit->document()->findBlockByNumber(line - 1);
    if (line > 0 && block.isValid()) {
        QTextEdit::ExtraSelection mark;
        QColor tint = AppTheme::errorColor(palette());
        tint.setAlpha(48); // the text stays readable over it, in either theme
        mark.format.setBackground(tint);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        marks.append(mark);
    }
    m_ui->scriptEdit->setExtraSelections(marks);
}

} // namespace wirebench
