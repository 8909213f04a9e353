#pragma once

#include <app/cli/stepprinter.h>

#include <engine/scenarios/scenariorunner.h>

#include <QtCore/QObject>

namespace wirebench::cli {

/**
 * `wirebench-cli run SCENARIO.json`: runs a scenario (engine/scenarios)
 * against a server, prints a line per step, and exits 0 when every step
 * passed, 3 when one failed, 1 when a client could not connect, 2 for an
 * invalid file. --junit writes the JUnit report CI systems read.
 */
class RunCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RunCommand)

public:
    explicit RunCommand(QObject *parent = nullptr);
    ~RunCommand() override;

    static QString usage();

    /** Runs the whole scenario; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    void onStepFinished(const wirebench::StepResult &result);
    void onFinished(wirebench::ScenarioRunner::Outcome outcome);

    StepPrinter m_printer;
    ScenarioRunner::Outcome m_outcome = ScenarioRunner::Outcome::Failed;
};

} // namespace wirebench::cli
