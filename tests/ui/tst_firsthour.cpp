#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/serverdialog.h>
#include <ui/widgets/spawnclientsdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <functional>
#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * The first hour with the window, as a new user lives it: where to begin, a
 * server that cannot listen and a client that cannot connect saying why,
 * questions before what loses clients or changes, the title. Driven through
 * the window's own buttons and dialogs; the functions run in order, as one
 * session.
 */
class tst_FirstHour : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anEmptyWindowSaysWhereToBegin();
    void quickStartIsInTheHelpMenu();
    void theGuidesFirstButtonAddsAnEchoServer();
    void aServerThatCannotListenSaysWhyOnItsRowAndInTheStatusBar();
    void editingAFailedServerStartsItAgain();
    void aClientThatCannotConnectSaysWhy();
    void restartingAServerWithClientsAsksFirst();
    void removingAServerWithClientsAsksFirst();
    void theTitleNamesTheWorkspaceAndItsUnsavedChanges();
    void quittingWithUnsavedChangesAsks();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_window.get(), name); }
    void selectServerRow(int row);
    QString serverCell(int row, int column) const;
    QString clientCell(int row, int column) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ServerListModel *m_servers = nullptr;
    ClientListModel *m_clients = nullptr;
    QTcpServer m_portTaker; ///< holds a port, so that a server added on it cannot listen
};

void tst_FirstHour::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    QVERIFY(m_portTaker.listen(QHostAddress::LocalHost));
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_servers = m_window->session()->serverModel();
    m_clients = m_window->session()->clientModel();
}

void tst_FirstHour::cleanupTestCase() { m_window.reset(); }

void tst_FirstHour::selectServerRow(int row)
{
    auto *view = find<QTableView>("serverView");
    const QModelIndex index = view->model()->index(row, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->currentIndex().row(), row);
}

QString tst_FirstHour::serverCell(int row, int column) const { return m_servers->index(row, column).data().toString(); }

QString tst_FirstHour::clientCell(int row, int column) const { return m_clients->index(row, column).data().toString(); }

void tst_FirstHour::anEmptyWindowSaysWhereToBegin()
{
    auto *guide = find<QWidget>("startGuide");
    QVERIFY(guide);
    QVERIFY(guide->isVisible());
    const QString steps = find<QLabel>("startSteps")->text();
    for (const char *step : {"Add a server", "Spawn clients", "Select them", "Send"})
        QVERIFY2(steps.contains(QLatin1String(step)), step);
    // Over the log, whole: a guide cut by the window's edge helps nobody.
    QVERIFY(guide->parentWidget()->rect().contains(guide->geometry()));
}

void tst_FirstHour::quickStartIsInTheHelpMenu()
{
    QAction *quickStart = nullptr;
    const QList<QAction *> menus = m_window->menuBar()->actions();
    for (QAction *menu : menus) {
        if (menu->text().remove(QLatin1Char('&')) != QLatin1String("Help"))
            continue;
        const QList<QAction *> items = menu->menu()->actions();
        for (QAction *item : items) {
            if (item->text().remove(QLatin1Char('&')) == QLatin1String("Quick Start"))
                quickStart = item;
        }
    }
    QVERIFY2(quickStart, "no Help > Quick Start");
    QCOMPARE(quickStart->shortcut(), QKeySequence(Qt::Key_F1));
    QString shown;
    answerNextMessageBox(QStringLiteral("Close"), &shown);
    quickStart->trigger();
    QVERIFY2(shown.contains(QLatin1String("Spawn clients")), qPrintable(shown));
}

void tst_FirstHour::theGuidesFirstButtonAddsAnEchoServer()
{
    fillDialogOpenedBy<ServerDialog>(find<QPushButton>("startAddServerButton"), [](ServerDialog *dialog) {
        // What people try first, without choosing it.
        QCOMPARE(dialog->spec().mode, ServerMode::Echo);
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("echo"));
    });
    QTRY_VERIFY(m_servers->rowCount() == 1 && m_servers->server(0).listening);
    QCOMPARE(serverCell(0, ServerListModel::ModeColumn), QStringLiteral("echo"));
    QCOMPARE(serverCell(0, ServerListModel::CodecColumn), QStringLiteral("envelope"));
    QTRY_VERIFY(!find<QWidget>("startGuide")->isVisible()); // the workspace has begun
}

void tst_FirstHour::aServerThatCannotListenSaysWhyOnItsRowAndInTheStatusBar()
{
    fillDialogOpenedBy<ServerDialog>(find<QToolButton>("addServerButton"), [this](ServerDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("taken"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QString::number(m_portTaker.serverPort()));
    });
    QTRY_COMPARE(m_servers->rowCount(), 2);
    QTRY_VERIFY(!m_servers->server(1).error.isEmpty());
    const QString reason = m_servers->server(1).error;
    QCOMPARE(serverCell(1, ServerListModel::StateColumn), QStringLiteral("failed: %1").arg(reason));
    QCOMPARE(m_servers->index(1, ServerListModel::StateColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("failed: %1").arg(reason));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("taken failed: %1").arg(reason));
}

void tst_FirstHour::editingAFailedServerStartsItAgain()
{
    selectServerRow(1);
    fillDialogOpenedBy<ServerDialog>(find<QToolButton>("editServerButton"), [](ServerDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("0")); // any free port
    });
    QTRY_VERIFY(m_servers->server(1).listening);
    QVERIFY(m_servers->server(1).error.isEmpty());
    QCOMPARE(serverCell(1, ServerListModel::StateColumn), QStringLiteral("listening"));
}

void tst_FirstHour::aClientThatCannotConnectSaysWhy()
{
    selectServerRow(0);
    fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"), [](SpawnClientsDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("nowhere"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("1"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("countSpin")), QStringLiteral("1"));
        auto *reconnect = dialog->findChild<QCheckBox *>(QStringLiteral("autoReconnectCheck"));
        if (reconnect->isChecked())
            clickCheckBox(reconnect);
    });
    QTRY_COMPARE(m_clients->rowCount(), 1);
    QTRY_VERIFY(!m_clients->client(0).problem.isEmpty());
    const QString problem = m_clients->client(0).problem;
    QVERIFY2(problem.contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(problem));
    QCOMPARE(clientCell(0, ClientListModel::StateColumn), QStringLiteral("closed: %1").arg(problem));
    QCOMPARE(clientCell(0, ClientListModel::CodecColumn), QStringLiteral("envelope"));
    QTRY_VERIFY2(m_window->statusBar()->currentMessage().contains(problem),
                 qPrintable(m_window->statusBar()->currentMessage()));

    // Asked to close, a client has nothing to explain.
    m_window->session()->bench()->removeClient(m_clients->client(0).id);
    QTRY_COMPARE(m_clients->rowCount(), 0);
}

void tst_FirstHour::restartingAServerWithClientsAsksFirst()
{
    ClientSpec clients;
    clients.port = m_servers->server(0).boundPort;
    m_window->session()->bench()->spawnClients(clients, 2);
    QTRY_COMPARE(m_servers->server(0).connections.size(), 2);
    selectServerRow(0);
    const auto rename = [this](const QString &name) {
        fillDialogOpenedBy<ServerDialog>(find<QToolButton>("editServerButton"), [name](ServerDialog *dialog) {
            typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), name);
        });
    };

    QString question;
    answerNextMessageBox(QStringLiteral("Cancel"), &question);
    rename(QStringLiteral("renamed"));
    QVERIFY2(question.contains(QLatin1String("2 connected client")), qPrintable(question));
    // Cancelled: nothing restarted, nobody dropped.
    QCOMPARE(m_servers->server(0).spec.name, QStringLiteral("echo"));
    QCOMPARE(m_servers->server(0).connections.size(), 2);

    answerNextMessageBox(QStringLiteral("Restart"), &question);
    rename(QStringLiteral("renamed"));
    QTRY_COMPARE(m_servers->server(0).spec.name, QStringLiteral("renamed"));
}

void tst_FirstHour::removingAServerWithClientsAsksFirst()
{
    QTRY_COMPARE(m_servers->server(0).connections.size(), 2); // back after the restart
    selectServerRow(0);
    QString question;
    answerNextMessageBox(QStringLiteral("Cancel"), &question);
    QTest::mouseClick(find<QToolButton>("removeServerButton"), Qt::LeftButton);
    QVERIFY2(question.contains(QLatin1String("2 connected client")), qPrintable(question));
    QCOMPARE(m_servers->rowCount(), 2);

    // Without clients it goes at once: nothing is lost that a click does not bring back.
    selectServerRow(1);
    QCOMPARE(m_servers->server(1).connections.size(), 0);
    QTest::mouseClick(find<QToolButton>("removeServerButton"), Qt::LeftButton);
    QTRY_COMPARE(m_servers->rowCount(), 1);
}

void tst_FirstHour::theTitleNamesTheWorkspaceAndItsUnsavedChanges()
{
    // The platform adds the application's name: the title must not say it again.
    QCOMPARE(m_window->windowTitle(), QStringLiteral("new workspace[*]"));
    QVERIFY(m_window->isWindowModified());
    const QString path = m_dir.filePath(QStringLiteral("ws1.json"));
    QString error;
    QVERIFY2(m_window->saveWorkspace(path, &error), qPrintable(error));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("ws1.json[*]"));
    QVERIFY(!m_window->isWindowModified());

    // Starting and stopping change nothing a workspace holds; adding a client does.
    QTest::mouseClick(find<QToolButton>("stopServerButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_servers->server(0).listening);
    QVERIFY(!m_window->isWindowModified());
    fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"), [](SpawnClientsDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("7")); // the server is stopped
    });
    QVERIFY(m_window->isWindowModified());
}

void tst_FirstHour::quittingWithUnsavedChangesAsks()
{
    QString question;
    answerNextMessageBox(QStringLiteral("Cancel"), &question);
    QVERIFY(!m_window->close());
    QVERIFY2(question.contains(QLatin1String("ws1.json")), qPrintable(question));
    QVERIFY(m_window->isVisible());

    answerNextMessageBox(QStringLiteral("Discard"), &question);
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isVisible());
}

QTEST_MAIN(tst_FirstHour)
#include "tst_firsthour.moc"
