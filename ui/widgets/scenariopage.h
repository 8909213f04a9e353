#pragma once

#include <engine/scenarios/scenario.h>
#include <engine/scenarios/scenariorun.h>
#include <engine/workspace.h>

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <memory>

class QLabel;

namespace Ui {
class ScenarioPage;
}

namespace wirebench {

class ScenarioResultsModel;

/**
 * The Scenarios panel: a scenario's JSON, checked as it is typed (the line
 * of the first mistake under the editor, and marked in it), opened from and
 * saved to a file, run against its servers in a thread of its own
 * (ScenarioRun), a row per step green or red with what came instead, and a
 * summary of the run. Runs, stops and exports by itself; what a workspace
 * keeps of it is scenario().
 */
class ScenarioPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ScenarioPage)

public:
    /** How long typing must pause before the text is checked. */
    static constexpr int validateDelayMsecs = 300;

    explicit ScenarioPage(QWidget *parent = nullptr);
    ~ScenarioPage() override;

    /** The text as typed and the file it came from or went to: what a workspace keeps. */
    SavedScenario scenario() const;
    /** Shows @p scenario (from a workspace); ends a run under way and empties the results. Emits no edited(). */
    void setScenario(const SavedScenario &scenario);

    bool isRunning() const;
    /** The steps of the run under way or the last one (not owned by the caller). */
    ScenarioResultsModel *resultsModel() const { return m_results; }

    /** Runs the text as it is now, if it is a valid scenario and no run is under way. */
    void run();
    /** Ends the run under way; its steps left are shown skipped. */
    void stop();

Q_SIGNALS:
    /** The user changed the text or its file: what a workspace keeps of this page changed. */
    void edited();
    /** A run ended (passed, failed, could not connect, stopped). */
    void runFinished(wirebench::ScenarioRun::Outcome outcome);

protected:
    void changeEvent(QEvent *event) override;

private:
    void connectRun();
    /** Parses the text now; shows its first mistake, or clears it; enables Run. */
    void validate();
    void showError(int line, const QString &message);
    void updateButtons();
    void updateFileLabel();
    void applyThemeColors();
    void onStepStarted(const QString &path, const QString &iteration);
    void onRunFinished(ScenarioRun::Outcome outcome);
    enum class Tone { Plain, Ok, Error };
    void showSummary(const QString &text, Tone tone);
    void openFile();
    void saveFileAs();
    void exportJunit();

    std::unique_ptr<Ui::ScenarioPage> m_ui;
    ScenarioResultsModel *m_results = nullptr; ///< child
    ScenarioRun *m_run = nullptr;              ///< child
    QTimer m_validateTimer;
    Scenario m_scenario;          ///< the text, parsed, when m_valid
    Scenario m_running;           ///< what the run under way or the last one runs
    bool m_valid = false;
    int m_errorLine = 0;          ///< from 1; 0 when the text is valid or empty
    QString m_errorMessage;
    QString m_fileName;
    bool m_settingText = false;   ///< setScenario() or a file is filling the editor: not the user's edit
    QDateTime m_runStarted;
    ScenarioRun::Outcome m_lastOutcome = ScenarioRun::Outcome::Passed;
    QString m_summary;
    Tone m_summaryTone = Tone::Plain;
};

} // namespace wirebench
