#pragma once

#include <engine/scenarios/stepresult.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QList>

namespace wirebench {

/**
 * A finished scenario run as JUnit XML, the report CI systems read:
 *
 *     <testsuites name=.. tests=.. failures=.. errors=.. skipped=.. time=..>
 *       <testsuite name=.. tests=.. failures=.. errors=.. skipped=.. time=.. timestamp=..>
 *         <testcase classname=.. name="steps[0] send alice {...}" time="0.001"/>
 *         <testcase ..><failure message="steps[1]: alice expected ...; got ...">..</failure></testcase>
 *         <testcase ..><skipped/></testcase>
 *
 * One testcase per top-level step (a repeat is one, failing with the step in
 * it that failed); when a client could not connect, a first testcase
 * "connect" carries that as an <error>. Times are in seconds.
 */
class JunitReport
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::JunitReport)

public:
    struct Run
    {
        QString name;              ///< the suite's name and the testcases' classname: the scenario's
        QDateTime started;         ///< when the run began; no timestamp if invalid
        qint64 elapsedMsecs = 0;
        QList<StepResult> steps;   ///< the top-level steps' results, in order
        QString connectError;      ///< why a client could not connect; empty if all did
    };

    static QByteArray toXml(const Run &run);
    /** Writes toXml() to @p fileName; false, with @p error, if it cannot. */
    static bool write(const QString &fileName, const Run &run, QString *error);
};

} // namespace wirebench
