#include "scenariopage.h"

#include "ui_scenariopage.h"

#include <ui/widgets/apptheme.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/scenarioresultsmodel.h>

#include <engine/responders/jsonsource.h>
#include <engine/scenarios/junitreport.h>

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>
#include <QtGui/QFontDatabase>
#include <QtGui/QTextBlock>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QStyle>

#include <algorithm>

namespace wirebench {

namespace {

/** The summary of the step at @p path among @p steps and the repeats in them; empty if none is there. */
QString summaryAt(const QList<ScenarioStep> &steps, const QString &path)
{
    for (const ScenarioStep &step : steps) {
        if (step.path == path)
            return step.summary;
        if (path.startsWith(step.path + QLatin1Char('.')))
            return summaryAt(step.steps, path);
    }
    return {};
}

} // namespace

ScenarioPage::ScenarioPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ScenarioPage>()), m_results(new ScenarioResultsModel(this)),
      m_run(new ScenarioRun(this))
{
    m_ui->setupUi(this);
    m_ui->openScenarioButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogOpenButton));
    m_ui->saveScenarioButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogSaveButton));
    m_ui->runScenarioButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPlay));
    m_ui->stopScenarioButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaStop));
    m_ui->scenarioEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->scenarioEdit->setPlaceholderText(
        tr("A scenario in JSON, for example:\n"
           "{\"connect\": \"127.0.0.1:7000\", \"codec\": \"line\",\n"
           " \"steps\": [{\"send\": {\"text\": \"ping\"}},\n"
           "           {\"expect\": {\"text\": \"^pong\"}, \"timeout_ms\": 2000}]}"));
    m_ui->scenarioSplitter->setStretchFactor(0, 1);
    m_ui->scenarioSplitter->setStretchFactor(1, 2);
    m_ui->stepView->setModel(m_results);
    TableViews::setUpCompact(m_ui->stepView);
    TableViews::setColumnSamples(m_ui->stepView, {{ScenarioResultsModel::StepColumn, QStringLiteral("steps[2].steps[1] (repeat 2 of 3)")},
                                                  {ScenarioResultsModel::ActionColumn, QStringLiteral("expect alice text matching")},
                                                  {ScenarioResultsModel::ResultColumn, QStringLiteral("■■■ running…")},
                                                  {ScenarioResultsModel::TimeColumn, QStringLiteral("100000")}});

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(validateDelayMsecs);
    connect(&m_validateTimer, &QTimer::timeout, this, &ScenarioPage::validate);
    connect(m_ui->scenarioEdit, &QPlainTextEdit::textChanged, this, [this] {
        m_valid = false; // until checked: Run waits for the pause in typing
        updateButtons();
        m_validateTimer.start();
        if (!m_settingText)
            emit edited();
    });
    connect(m_ui->openScenarioButton, &QToolButton::clicked, this, &ScenarioPage::openFile);
    connect(m_ui->saveScenarioButton, &QToolButton::clicked, this, &ScenarioPage::saveFileAs);
    connect(m_ui->runScenarioButton, &QToolButton::clicked, this, &ScenarioPage::run);
    connect(m_ui->stopScenarioButton, &QToolButton::clicked, this, &ScenarioPage::stop);
    connect(m_ui->exportJunitButton, &QToolButton::clicked, this, &ScenarioPage::exportJunit);
    connectRun();

    applyThemeColors();
    validate();
    updateFileLabel();
}

ScenarioPage::~ScenarioPage() = default;

void ScenarioPage::connectRun()
{
    connect(m_run, &ScenarioRun::stepStarted, this, &ScenarioPage::onStepStarted);
    connect(m_run, &ScenarioRun::stepFinished, m_results, &ScenarioResultsModel::addResult);
    connect(m_run, &ScenarioRun::finished, this, &ScenarioPage::onRunFinished);
}

SavedScenario ScenarioPage::scenario() const { return {m_ui->scenarioEdit->toPlainText(), m_fileName}; }

void ScenarioPage::setScenario(const SavedScenario &scenario)
{
    if (m_run->isRunning()) {
        // Ended at once, not stopped: what it would still report belongs to the text being replaced.
        delete m_run;
        m_run = new ScenarioRun(this);
        connectRun();
    }
    m_results->clear();
    showSummary({}, Tone::Plain);
    m_fileName = scenario.fileName;
    m_settingText = true;
    m_ui->scenarioEdit->setPlainText(scenario.text);
    m_settingText = false;
    validate();
    updateFileLabel();
}

bool ScenarioPage::isRunning() const { return m_run->isRunning(); }

void ScenarioPage::run()
{
    if (m_validateTimer.isActive())
        validate(); // clicked within the pause after typing: check what is there now
    if (!m_valid || m_run->isRunning())
        return;
    m_running = m_scenario;
    m_results->clear();
    m_runStarted = QDateTime::currentDateTime();
    m_run->start(m_running);
    showSummary(tr("Running…"), Tone::Plain);
    updateButtons();
}

void ScenarioPage::stop()
{
    m_run->stop();
    updateButtons();
}

void ScenarioPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyThemeColors();
}

void ScenarioPage::validate()
{
    m_validateTimer.stop();
    const QString text = m_ui->scenarioEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_valid = false;
        showError(0, {});
        updateButtons();
        return;
    }
    JsonSource source;
    QString error;
    Scenario parsed;
    // Named "" so the problem reads ":LINE: message", its line taken apart below.
    m_valid = source.parse(text.toUtf8(), QString(), &error) && Scenario::parse(source, &parsed, &error);
    if (m_valid) {
        m_scenario = parsed;
        showError(0, {});
    } else {
        static const QRegularExpression located(QStringLiteral("^:(\\d+): (.*)$"),
                                                QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = located.match(error);
        if (match.hasMatch())
            showError(match.captured(1).toInt(), match.captured(2));
        else
            showError(1, error);
    }
    updateButtons();
}

void ScenarioPage::showError(int line, const QString &message)
{
    m_errorLine = line;
    m_errorMessage = message;
    m_ui->scenarioErrorLabel->setVisible(line > 0);
    m_ui->scenarioErrorLabel->setText(line > 0 ? tr("line %1: %2").arg(line).arg(message) : QString());
    AppTheme::setHintColor(m_ui->scenarioErrorLabel, true);
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = m_ui->scenarioEdit->document()->findBlockByNumber(line - 1);
    if (line > 0 && block.isValid()) {
        QTextEdit::ExtraSelection mark;
        QColor tint = AppTheme::errorColor(palette());
        tint.setAlpha(48);
        mark.format.setBackground(tint);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        marks.append(mark);
    }
    m_ui->scenarioEdit->setExtraSelections(marks);
}

void ScenarioPage::updateButtons()
{
    const bool running = m_run->isRunning();
    m_ui->runScenarioButton->setEnabled(m_valid && !running);
    m_ui->stopScenarioButton->setEnabled(running);
    m_ui->exportJunitButton->setEnabled(!running && !m_run->results().isEmpty());
    m_ui->openScenarioButton->setEnabled(!running);
}

void ScenarioPage::updateFileLabel()
{
    m_ui->scenarioFileLabel->setText(m_fileName.isEmpty() ? tr("not saved to a file")
                                                          : QDir::toNativeSeparators(m_fileName));
    m_ui->scenarioFileLabel->setToolTip(m_fileName);
}

void ScenarioPage::applyThemeColors()
{
    const QPalette colors = m_ui->stepView->palette();
    m_results->setStatusColors(AppTheme::okColor(colors), AppTheme::errorColor(colors),
                               colors.color(QPalette::PlaceholderText));
    showError(m_errorLine, m_errorMessage);
    showSummary(m_summary, m_summaryTone);
}

void ScenarioPage::onStepStarted(const QString &path, const QString &iteration)
{
    m_results->stepStarted(path, iteration, summaryAt(m_running.steps(), path));
    m_ui->stepView->scrollToBottom();
}

void ScenarioPage::onRunFinished(ScenarioRun::Outcome outcome)
{
    const QList<StepResult> &steps = m_run->results();
    const auto count = [&steps](StepResult::Status which) {
        return std::count_if(steps.cbegin(), steps.cend(), [which](const StepResult &step) { return step.status == which; });
    };
    const QString counts = tr("%1 passed, %2 failed, %3 skipped in %4 ms")
                               .arg(count(StepResult::Status::Passed))
                               .arg(count(StepResult::Status::Failed))
                               .arg(count(StepResult::Status::Skipped))
                               .arg(m_run->elapsedMsecs());
    m_lastOutcome = outcome;
    switch (outcome) {
    case ScenarioRun::Outcome::Passed: showSummary(tr("Passed: %1").arg(counts), Tone::Ok); break;
    case ScenarioRun::Outcome::Failed:
        // What came instead, whole, where the detail column may cut it.
        showSummary(tr("Failed: %1. %2").arg(counts, m_run->failure()), Tone::Error);
        break;
    case ScenarioRun::Outcome::ConnectFailed:
        showSummary(tr("Could not connect: %1").arg(m_run->failure()), Tone::Error);
        break;
    case ScenarioRun::Outcome::Stopped: showSummary(tr("Stopped: %1").arg(counts), Tone::Plain); break;
    }
    m_ui->scenarioSummaryLabel->setToolTip(m_run->failure());
    m_ui->stepView->scrollToBottom();
    updateButtons();
    emit runFinished(outcome);
}

void ScenarioPage::showSummary(const QString &text, Tone tone)
{
    m_summary = text;
    m_summaryTone = tone;
    m_ui->scenarioSummaryLabel->setText(text);
    if (tone == Tone::Plain)
        m_ui->scenarioSummaryLabel->setPalette(QPalette()); // the inherited colours again
    else
        AppTheme::setHintColor(m_ui->scenarioSummaryLabel, tone == Tone::Error);
}

void ScenarioPage::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), m_fileName,
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open Scenario"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    setScenario({QString::fromUtf8(file.readAll()), QFileInfo(path).absoluteFilePath()});
    emit edited();
}

void ScenarioPage::saveFileAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario"),
                                                m_fileName.isEmpty() ? tr("scenario.json") : m_fileName,
                                                tr("Scenarios (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_ui->scenarioEdit->toPlainText().toUtf8()) < 0
        || !file.commit()) {
        QMessageBox::warning(this, tr("Save Scenario"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    m_fileName = QFileInfo(path).absoluteFilePath();
    updateFileLabel();
    emit edited();
}

void ScenarioPage::exportJunit()
{
    const QString base = m_fileName.isEmpty() ? tr("scenario") : QFileInfo(m_fileName).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export JUnit Report"), base + QStringLiteral(".xml"),
                                                      tr("JUnit XML (*.xml);;All files (*)"));
    if (path.isEmpty())
        return;
    JunitReport::Run report;
    report.name = m_running.name().isEmpty() ? base : m_running.name();
    report.started = m_runStarted;
    report.elapsedMsecs = m_run->elapsedMsecs();
    report.steps = m_run->results();
    if (m_lastOutcome == ScenarioRun::Outcome::ConnectFailed)
        report.connectError = m_run->failure();
    QString error;
    if (!JunitReport::write(path, report, &error))
        QMessageBox::warning(this, tr("Export JUnit Report"), error);
}

} // namespace wirebench
