// The Scenarios panel driven as a user does, against a real netcore::Server in the test: paste a
// scenario, click Run, read the green and red rows; type a mistake and read its line; stop a long
// sleep; open and save the file; and the window keeping all of it in its workspace.
#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>
#include <tests/timefactor.h>

#include <ui/widgets/apptheme.h>
#include <ui/widgets/mainwindow.h>
#include <ui/widgets/scenariopage.h>

#include <ui/models/scenarioresultsmodel.h>

#include <netcore/server.h>

#include <QtCore/QFile>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QClipboard>
#include <QtGui/QTextBlock>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtGui/QAction>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;
using netcore::Message;

class tst_ScenarioPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aRunShowsGreenRowsAndARedOneWithWhatCameInstead();
    void aMistakeShowsItsLineAndDisablesRun();
    void stopDuringALongSleepSkipsTheRest();
    void closingThePanelMidRunEndsIt();
    void anotherScenarioMidRunEndsTheRunAndItsRows();
    void openAndSaveAsKeepTheFile();
    void theWindowKeepsTheScenarioInItsWorkspace();

private:
    template <typename T> T *find(const char *name) const { return dialogdriver::findNamed<T>(m_page.get(), name); }
    /** The scenario @p json (PORT: the test server's) pasted over the editor's text. */
    void paste(const char *json);
    /** Types @p lines into the editor over its text, Return between them, as a person does. */
    void typeLines(const QStringList &lines);
    QString cell(int row, int column) const;

    QTemporaryDir m_dir;
    std::unique_ptr<netcore::Server> m_server;
    std::unique_ptr<ScenarioPage> m_page;
};

void tst_ScenarioPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
}

void tst_ScenarioPage::init()
{
    m_server = std::make_unique<netcore::Server>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    // "ping" gets "pong"; anything else "huh?".
    connect(m_server.get(), &netcore::Server::messageReceived, this, [this](quint64 connection, const Message &message) {
        m_server->send(connection, Message::text(message.toText() == QLatin1String("ping") ? QStringLiteral("pong")
                                                                                           : QStringLiteral("huh?")));
    });
    m_page = std::make_unique<ScenarioPage>();
    m_page->resize(900, 400);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void tst_ScenarioPage::cleanup()
{
    m_page.reset();
    m_server.reset();
}

void tst_ScenarioPage::paste(const char *json)
{
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(json).replace(QLatin1String("PORT"), QString::number(m_server->serverPort())));
    auto *edit = find<QPlainTextEdit>("scenarioEdit");
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
}

void tst_ScenarioPage::typeLines(const QStringList &lines)
{
    auto *edit = find<QPlainTextEdit>("scenarioEdit");
    dialogdriver::typeInto(edit, lines.first());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, lines.at(i));
    }
}

QString tst_ScenarioPage::cell(int row, int column) const
{
    return m_page->resultsModel()->index(row, column).data().toString();
}

void tst_ScenarioPage::aRunShowsGreenRowsAndARedOneWithWhatCameInstead()
{
    auto *run = find<QToolButton>("runScenarioButton");
    QVERIFY(!run->isEnabled()); // nothing to run yet
    paste(R"({"name": "login", "connect": "127.0.0.1:PORT",
  "steps": [
    {"send": {"text": "ping"}},
    {"expect": {"text": "^pong$"}},
    {"send": {"text": "hello"}},
    {"expect": {"text": "^pong$"}, "timeout_ms": 5000},
    {"send": {"text": "ping"}}
  ]})");
    QTRY_VERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(find<QToolButton>("stopScenarioButton")->isEnabled());
    auto *summary = find<QLabel>("scenarioSummaryLabel");
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().startsWith(QLatin1String("Failed")), testing::scaled(10000));
    QVERIFY2(summary->text().startsWith(QLatin1String("Failed: 3 passed, 1 failed, 1 skipped in ")),
             qPrintable(summary->text()));

    const ScenarioResultsModel *rows = m_page->resultsModel();
    QCOMPARE(rows->rowCount(), 5);
    const QPalette colors = find<QTableView>("stepView")->palette();
    for (int row : {0, 1, 2}) {
        QCOMPARE(cell(row, ScenarioResultsModel::ResultColumn), QStringLiteral("passed"));
        QCOMPARE(rows->index(row, ScenarioResultsModel::ResultColumn).data(Qt::DecorationRole).value<QColor>(),
                 AppTheme::okColor(colors));
    }
    QCOMPARE(cell(1, ScenarioResultsModel::ActionColumn), QStringLiteral("expect text matching /^pong$/"));
    QCOMPARE(cell(3, ScenarioResultsModel::StepColumn), QStringLiteral("steps[3]"));
    QCOMPARE(cell(3, ScenarioResultsModel::ResultColumn), QStringLiteral("failed"));
    QCOMPARE(rows->index(3, ScenarioResultsModel::ResultColumn).data(Qt::DecorationRole).value<QColor>(),
             AppTheme::errorColor(colors));
    QCOMPARE(cell(3, ScenarioResultsModel::DetailColumn), QStringLiteral("expected text matching /^pong$/; got text \"huh?\""));
    QCOMPARE(cell(4, ScenarioResultsModel::ResultColumn), QStringLiteral("skipped"));
    QVERIFY(run->isEnabled()); // again
    QVERIFY(!find<QToolButton>("stopScenarioButton")->isEnabled());
    QVERIFY(find<QToolButton>("exportJunitButton")->isEnabled());

    // Export JUnit… writes the run as CI reads it.
    const QString report = m_dir.filePath(QStringLiteral("login.xml"));
    dialogdriver::browseTo(find<QToolButton>("exportJunitButton"), report);
    QFile xml(report);
    QVERIFY(xml.open(QIODevice::ReadOnly));
    const QByteArray written = xml.readAll();
    QVERIFY2(written.contains(R"(<testsuite name="login" tests="5" failures="1" errors="0" skipped="1")"), written.constData());
}

void tst_ScenarioPage::aMistakeShowsItsLineAndDisablesRun()
{
    auto *edit = find<QPlainTextEdit>("scenarioEdit");
    auto *error = find<QLabel>("scenarioErrorLabel");
    auto *run = find<QToolButton>("runScenarioButton");
    QVERIFY(!error->isVisibleTo(m_page.get()));
    typeLines({QStringLiteral("{\"connect\": \"127.0.0.1:7000\","), QStringLiteral("\"steps\": ["),
               QStringLiteral("{\"sned\": {}}]}")});
    QTRY_VERIFY(error->isVisibleTo(m_page.get()));
    QVERIFY2(error->text().startsWith(QLatin1String("line 3: ")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("sned")), qPrintable(error->text()));
    QVERIFY(!run->isEnabled());
    const QList<QTextEdit::ExtraSelection> marks = edit->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.blockNumber(), 2); // the third line is marked

    // Not JSON at all: its line too.
    typeLines({QStringLiteral("{\"connect\": \"127.0.0.1:7000\""), QStringLiteral("\"steps\": []}")});
    QTRY_VERIFY(error->text().startsWith(QLatin1String("line 2: ")));
    QVERIFY(!run->isEnabled());

    // Mended: the error goes, Run comes back.
    typeLines({QStringLiteral("{\"connect\": \"127.0.0.1:7000\","), QStringLiteral("\"steps\": [{\"sleep_ms\": 1}]}")});
    QTRY_VERIFY(run->isEnabled());
    QVERIFY(!error->isVisibleTo(m_page.get()));
    QVERIFY(edit->extraSelections().isEmpty());
}

void tst_ScenarioPage::stopDuringALongSleepSkipsTheRest()
{
    paste(R"({"connect": "127.0.0.1:PORT",
  "steps": [{"send": {"text": "ping"}}, {"sleep_ms": 3600000}, {"expect": {"text": "pong"}}]})");
    auto *run = find<QToolButton>("runScenarioButton");
    auto *stop = find<QToolButton>("stopScenarioButton");
    QTRY_VERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    const ScenarioResultsModel *rows = m_page->resultsModel();
    QTRY_COMPARE_WITH_TIMEOUT(cell(1, ScenarioResultsModel::ResultColumn), QStringLiteral("running…"), testing::scaled(5000));
    QCOMPARE(cell(1, ScenarioResultsModel::ActionColumn), QStringLiteral("sleep 3600000 ms"));
    QVERIFY(!run->isEnabled());

    QSignalSpy finished(m_page.get(), &ScenarioPage::runFinished);
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(finished.count() == 1 || finished.wait(testing::scaled(5000)));
    QCOMPARE(finished.first().first().value<ScenarioRun::Outcome>(), ScenarioRun::Outcome::Stopped);
    QVERIFY2(find<QLabel>("scenarioSummaryLabel")->text().startsWith(QLatin1String("Stopped: 1 passed, 0 failed, 2 skipped")),
             qPrintable(find<QLabel>("scenarioSummaryLabel")->text()));
    QCOMPARE(rows->rowCount(), 3);
    QCOMPARE(cell(0, ScenarioResultsModel::ResultColumn), QStringLiteral("passed"));
    QCOMPARE(cell(1, ScenarioResultsModel::ResultColumn), QStringLiteral("skipped"));
    QCOMPARE(cell(1, ScenarioResultsModel::DetailColumn), QStringLiteral("stopped while it ran"));
    QCOMPARE(cell(2, ScenarioResultsModel::ResultColumn), QStringLiteral("skipped"));
    QVERIFY(run->isEnabled());
    QVERIFY(!stop->isEnabled());
}

void tst_ScenarioPage::closingThePanelMidRunEndsIt()
{
    paste(R"({"connect": "127.0.0.1:PORT", "steps": [{"sleep_ms": 3600000}]})");
    QSignalSpy connected(m_server.get(), &netcore::Server::clientConnected);
    auto *run = find<QToolButton>("runScenarioButton");
    QTRY_VERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(connected.wait(testing::scaled(5000)));
    QTRY_VERIFY(m_page->resultsModel()->hasRunningRow());
    QSignalSpy disconnected(m_server.get(), &netcore::Server::clientDisconnected);
    m_page.reset(); // as the window closing: the run's thread ends with it, its client too
    QVERIFY(disconnected.wait(testing::scaled(5000)));
}

void tst_ScenarioPage::anotherScenarioMidRunEndsTheRunAndItsRows()
{
    paste(R"({"connect": "127.0.0.1:PORT", "steps": [{"sleep_ms": 3600000}, {"sleep_ms": 1}]})");
    auto *run = find<QToolButton>("runScenarioButton");
    QTRY_VERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_VERIFY(m_page->resultsModel()->hasRunningRow());
    QSignalSpy finished(m_page.get(), &ScenarioPage::runFinished);

    // As opening a workspace does: the old run's rows must not come back over the new text.
    m_page->setScenario({QStringLiteral(R"({"connect": "127.0.0.1:7000", "steps": []})"), {}});
    QVERIFY(!m_page->isRunning());
    QCOMPARE(m_page->resultsModel()->rowCount(), 0);
    QTRY_VERIFY(run->isEnabled());
    QCoreApplication::processEvents();
    QCOMPARE(m_page->resultsModel()->rowCount(), 0);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(find<QLabel>("scenarioSummaryLabel")->text(), QString());
}

void tst_ScenarioPage::openAndSaveAsKeepTheFile()
{
    const QString opened = m_dir.filePath(QStringLiteral("opened.json"));
    QFile file(opened);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"connect": "127.0.0.1:7000", "steps": [{"sleep_ms": 5}]})");
    file.close();
    QSignalSpy edited(m_page.get(), &ScenarioPage::edited);
    dialogdriver::browseTo(find<QToolButton>("openScenarioButton"), opened);
    QCOMPARE(find<QPlainTextEdit>("scenarioEdit")->toPlainText(),
             QStringLiteral(R"({"connect": "127.0.0.1:7000", "steps": [{"sleep_ms": 5}]})"));
    QCOMPARE(find<QLabel>("scenarioFileLabel")->text(), QDir::toNativeSeparators(opened));
    QCOMPARE(m_page->scenario().fileName, opened);
    QCOMPARE(edited.count(), 1);
    QTRY_VERIFY(find<QToolButton>("runScenarioButton")->isEnabled());

    QTest::keyClicks(find<QPlainTextEdit>("scenarioEdit"), QStringLiteral(" "));
    const QString saved = m_dir.filePath(QStringLiteral("saved"));
    dialogdriver::browseTo(find<QToolButton>("saveScenarioButton"), saved);
    QCOMPARE(m_page->scenario().fileName, saved + QStringLiteral(".json"));
    QFile written(saved + QStringLiteral(".json"));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(written.readAll()), find<QPlainTextEdit>("scenarioEdit")->toPlainText());
}

void tst_ScenarioPage::theWindowKeepsTheScenarioInItsWorkspace()
{
    m_page.reset();
    MainWindow window;
    window.setPersistent(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *dock = dialogdriver::findNamed<QDockWidget>(&window, "scenariosDock");
    QVERIFY(dock);
    QVERIFY(window.menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(dock->toggleViewAction()));
    dock->show();
    dock->raise();
    auto *edit = dialogdriver::findNamed<QPlainTextEdit>(&window, "scenarioEdit");
    QVERIFY(!window.isWindowModified());
    dialogdriver::typeInto(edit, QStringLiteral("{\"connect\": \"127.0.0.1:7000\", \"steps\": []}"));
    QVERIFY(window.isWindowModified()); // the scenario is part of the workspace

    const QString path = m_dir.filePath(QStringLiteral("workspace.json"));
    QString error;
    QVERIFY2(window.saveWorkspace(path, &error), qPrintable(error));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.newWorkspace());
    QCOMPARE(edit->toPlainText(), QString());
    QVERIFY(!window.isWindowModified());

    QVERIFY2(window.openWorkspace(path, &error), qPrintable(error));
    QCOMPARE(edit->toPlainText(), QStringLiteral("{\"connect\": \"127.0.0.1:7000\", \"steps\": []}"));
    QVERIFY(!window.isWindowModified()); // opening is not editing
    QTRY_VERIFY(dialogdriver::findNamed<QToolButton>(&window, "runScenarioButton")->isEnabled());
}

QTEST_MAIN(tst_ScenarioPage)
#include "tst_scenariopage.moc"
