// The Scenarios panel's rows under QAbstractItemModelTester: a run's results as they come, the
// running row its result replaces, and the colours of each status.
#include <tests/ui/modelheaders.h>

#include <ui/models/scenarioresultsmodel.h>

#include <QtGui/QColor>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;
using Status = StepResult::Status;

namespace {

StepResult result(const QString &path, Status status, const QString &detail = {}, const QString &iteration = {})
{
    StepResult step;
    step.path = path;
    step.iteration = iteration;
    step.summary = QStringLiteral("summary of ") + path;
    step.status = status;
    step.elapsedMsecs = 12;
    step.detail = detail;
    return step;
}

} // namespace

class TestScenarioResultsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headers();
    void resultsAppendInOrder();
    void theRunningRowIsReplacedByItsResult();
    void aRepeatsRowGivesWayToItsBody();
    void colorsFollowTheStatus();
    void clearEmpties();

private:
    QString text(int row, int column) const { return m_model->index(row, column).data().toString(); }

    ScenarioResultsModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestScenarioResultsModel::init()
{
    m_model = new ScenarioResultsModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void TestScenarioResultsModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestScenarioResultsModel::headers()
{
    QCOMPARE(testdata::horizontalHeaders(*m_model),
             QStringList({QStringLiteral("Step"), QStringLiteral("Action"), QStringLiteral("Result"), QStringLiteral("ms"),
                          QStringLiteral("What came instead")}));
    QCOMPARE(m_model->columnCount(), int(ScenarioResultsModel::ColumnCount));
}

void TestScenarioResultsModel::resultsAppendInOrder()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->addResult(result(QStringLiteral("steps[0]"), Status::Passed));
    m_model->addResult(result(QStringLiteral("steps[1]"), Status::Failed, QStringLiteral("expected x; got y")));
    m_model->addResult(result(QStringLiteral("steps[2]"), Status::Skipped));
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(text(0, ScenarioResultsModel::StepColumn), QStringLiteral("steps[0]"));
    QCOMPARE(text(0, ScenarioResultsModel::ActionColumn), QStringLiteral("summary of steps[0]"));
    QCOMPARE(text(0, ScenarioResultsModel::ResultColumn), QStringLiteral("passed"));
    QCOMPARE(m_model->index(0, ScenarioResultsModel::TimeColumn).data().toLongLong(), 12);
    QCOMPARE(text(1, ScenarioResultsModel::ResultColumn), QStringLiteral("failed"));
    QCOMPARE(text(1, ScenarioResultsModel::DetailColumn), QStringLiteral("expected x; got y"));
    QCOMPARE(m_model->index(1, ScenarioResultsModel::DetailColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("expected x; got y"));
    QCOMPARE(text(2, ScenarioResultsModel::ResultColumn), QStringLiteral("skipped"));
    QCOMPARE(m_model->index(2, 0).data(ScenarioResultsModel::StatusRole).toInt(), int(Status::Skipped));
    QCOMPARE(m_model->index(1, 0).data(ScenarioResultsModel::ResultRole).value<StepResult>().detail,
             QStringLiteral("expected x; got y"));
    QCOMPARE(m_model->result(1).status, Status::Failed);
    QCOMPARE(m_model->result(7).path, QString());
}

void TestScenarioResultsModel::theRunningRowIsReplacedByItsResult()
{
    m_model->stepStarted(QStringLiteral("steps[0]"), {}, QStringLiteral("sleep 100 ms"));
    QVERIFY(m_model->hasRunningRow());
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(text(0, ScenarioResultsModel::ResultColumn), QStringLiteral("running…"));
    QCOMPARE(text(0, ScenarioResultsModel::ActionColumn), QStringLiteral("sleep 100 ms"));
    QCOMPARE(m_model->index(0, 0).data(ScenarioResultsModel::StatusRole).toInt(), ScenarioResultsModel::runningStatus);
    QVERIFY(!m_model->index(0, ScenarioResultsModel::TimeColumn).data().isValid());

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->addResult(result(QStringLiteral("steps[0]"), Status::Passed));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(!m_model->hasRunningRow());
    QCOMPARE(text(0, ScenarioResultsModel::ResultColumn), QStringLiteral("passed"));
}

void TestScenarioResultsModel::aRepeatsRowGivesWayToItsBody()
{
    m_model->stepStarted(QStringLiteral("steps[0]"), {}, QStringLiteral("repeat 2 times"));
    m_model->stepStarted(QStringLiteral("steps[0].steps[0]"), QStringLiteral("repeat 1 of 2"), QStringLiteral("send"));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(text(0, ScenarioResultsModel::StepColumn), QStringLiteral("steps[0].steps[0] (repeat 1 of 2)"));
    m_model->addResult(result(QStringLiteral("steps[0].steps[0]"), Status::Passed, {}, QStringLiteral("repeat 1 of 2")));
    m_model->stepStarted(QStringLiteral("steps[0].steps[0]"), QStringLiteral("repeat 2 of 2"), QStringLiteral("send"));
    m_model->addResult(result(QStringLiteral("steps[0].steps[0]"), Status::Passed, {}, QStringLiteral("repeat 2 of 2")));
    m_model->addResult(result(QStringLiteral("steps[0]"), Status::Passed));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(text(2, ScenarioResultsModel::StepColumn), QStringLiteral("steps[0]"));

    // A result for another step than the running one (a stop's skipped rows) takes the running row's place.
    m_model->stepStarted(QStringLiteral("steps[1]"), {}, QStringLiteral("sleep"));
    m_model->addResult(result(QStringLiteral("steps[2]"), Status::Skipped));
    QCOMPARE(m_model->rowCount(), 4);
    QVERIFY(!m_model->hasRunningRow());
    QCOMPARE(text(3, ScenarioResultsModel::StepColumn), QStringLiteral("steps[2]"));
}

void TestScenarioResultsModel::colorsFollowTheStatus()
{
    m_model->addResult(result(QStringLiteral("steps[0]"), Status::Passed));
    m_model->addResult(result(QStringLiteral("steps[1]"), Status::Failed, QStringLiteral("got y")));
    m_model->addResult(result(QStringLiteral("steps[2]"), Status::Skipped));
    const QModelIndex failed = m_model->index(1, ScenarioResultsModel::ResultColumn);
    QVERIFY(!failed.data(Qt::DecorationRole).isValid()); // no colours given yet: the view's own

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    const QColor green(0, 128, 0), red(200, 0, 0), grey(128, 128, 128);
    m_model->setStatusColors(green, red, grey);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0, ScenarioResultsModel::ResultColumn).data(Qt::DecorationRole).value<QColor>(), green);
    QCOMPARE(failed.data(Qt::DecorationRole).value<QColor>(), red);
    QCOMPARE(failed.data(Qt::ForegroundRole).value<QColor>(), red);
    QCOMPARE(m_model->index(1, ScenarioResultsModel::DetailColumn).data(Qt::ForegroundRole).value<QColor>(), red);
    QCOMPARE(m_model->index(2, ScenarioResultsModel::ResultColumn).data(Qt::DecorationRole).value<QColor>(), grey);
    QVERIFY(!m_model->index(0, ScenarioResultsModel::StepColumn).data(Qt::ForegroundRole).isValid());
}

void TestScenarioResultsModel::clearEmpties()
{
    m_model->addResult(result(QStringLiteral("steps[0]"), Status::Passed));
    m_model->stepStarted(QStringLiteral("steps[1]"), {}, QStringLiteral("sleep"));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->hasRunningRow());
}

QTEST_MAIN(TestScenarioResultsModel)
#include "tst_scenarioresultsmodel.moc"
