#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/serverdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;

/**
 * The buttons of the servers, clients, events and log pages, clicked the way
 * a person clicks them, on a real bench: what each one did is read back from
 * the lists it changed. The functions run in order, as one session.
 */
class tst_BenchPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverButtonsStopStartPauseAndEdit();
    void clientButtonsDisconnectConnectAndRemove();
    void clearButtonsEmptyTheEventsAndTheLog();
    void removeServerButtonRemovesIt();

private:
    template <typename T> T *find(const char *name) const { return m_window->findChild<T *>(QLatin1String(name)); }
    void click(const char *button) const;
    static void clickRow(QTableView *view, int row, Qt::KeyboardModifiers modifiers = {});
    QString serverState() const;
    QString clientState(int row) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ServerListModel *m_servers = nullptr;
    ClientListModel *m_clients = nullptr;
};

void tst_BenchPages::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_servers = m_window->session()->serverModel();
    m_clients = m_window->session()->clientModel();

    ServerSpec server;
    server.name = QStringLiteral("echo");
    server.mode = ServerMode::Echo;
    m_window->session()->bench()->addServer(server);
    QTRY_VERIFY(m_servers->rowCount() == 1 && m_servers->server(0).listening);
    ClientSpec clients;
    clients.port = m_servers->server(0).boundPort;
    m_window->session()->bench()->spawnClients(clients, 2);
    QTRY_VERIFY(m_clients->rowCount() == 2 && clientState(0) == QLatin1String("connected")
                && clientState(1) == QLatin1String("connected"));
}

void tst_BenchPages::cleanupTestCase() { m_window.reset(); }

void tst_BenchPages::click(const char *button) const
{
    auto *widget = find<QToolButton>(button);
    QVERIFY2(widget, button);
    QVERIFY2(widget->isEnabled(), button);
    QTest::mouseClick(widget, Qt::LeftButton);
}

void tst_BenchPages::clickRow(QTableView *view, int row, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

QString tst_BenchPages::serverState() const
{
    return m_servers->index(0, ServerListModel::StateColumn).data().toString();
}

QString tst_BenchPages::clientState(int row) const { return m_clients->client(row).state; }

void tst_BenchPages::serverButtonsStopStartPauseAndEdit()
{
    clickRow(find<QTableView>("serverView"), 0);
    click("stopServerButton");
    QTRY_COMPARE(serverState(), QStringLiteral("stopped"));
    click("startServerButton");
    QTRY_COMPARE(serverState(), QStringLiteral("listening"));
    click("pauseServerButton");
    QTRY_COMPARE(serverState(), QStringLiteral("paused"));
    click("pauseServerButton"); // a toggle: clicked again, it resumes
    QTRY_COMPARE(serverState(), QStringLiteral("listening"));
    QTRY_COMPARE(m_servers->server(0).connections.size(), 2); // the clients came back after the stop

    QTimer::singleShot(0, [] {
        auto *dialog = qobject_cast<ServerDialog *>(QApplication::activeModalWidget());
        QVERIFY2(dialog, "the server dialog did not open");
        dialogdriver::typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("renamed"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QString question;
    dialogdriver::answerNextMessageBox(QStringLiteral("Restart"), &question); // it has clients to lose
    click("editServerButton");
    QVERIFY2(question.contains(QLatin1String("2 connected client")), qPrintable(question));
    QTRY_COMPARE(m_servers->server(0).spec.name, QStringLiteral("renamed"));
    QTRY_COMPARE(serverState(), QStringLiteral("listening"));
}

void tst_BenchPages::clientButtonsDisconnectConnectAndRemove()
{
    auto *view = find<QTableView>("clientView");
    clickRow(view, 0);
    clickRow(view, 1, Qt::ControlModifier);
    click("disconnectClientsButton");
    QTRY_VERIFY(clientState(0) == QLatin1String("closed") && clientState(1) == QLatin1String("closed"));
    click("connectClientsButton");
    QTRY_VERIFY(clientState(0) == QLatin1String("connected") && clientState(1) == QLatin1String("connected"));

    clickRow(view, 1); // only the second one now
    click("removeClientsButton");
    QTRY_COMPARE(m_clients->rowCount(), 1);
    QCOMPARE(m_clients->client(0).name, QStringLiteral("client 1"));
}

void tst_BenchPages::clearButtonsEmptyTheEventsAndTheLog()
{
    // Traffic for the log, and the connects above for the events.
    SendTarget target;
    target.kind = SendTarget::Kind::Clients;
    target.clientIds = {m_clients->client(0).id};
    m_window->session()->bench()->send(target, netcore::Message::text(QStringLiteral("hello")));
    MessageLogModel *log = m_window->session()->logModel();
    EventLogModel *events = m_window->session()->eventModel();
    QTRY_VERIFY(log->rowCount() >= 4); // out and in at the client, in and out at the server
    QVERIFY(events->rowCount() > 0);

    click("clearEventsButton");
    QCOMPARE(events->rowCount(), 0);
    click("clearButton");
    QCOMPARE(log->rowCount(), 0);
    // Cleared is not paused: the next message is logged.
    m_window->session()->bench()->send(target, netcore::Message::text(QStringLiteral("again")));
    QTRY_VERIFY(log->rowCount() >= 4);
}

void tst_BenchPages::removeServerButtonRemovesIt()
{
    clickRow(find<QTableView>("serverView"), 0);
    QTRY_COMPARE(m_servers->server(0).connections.size(), 1);
    QString question;
    dialogdriver::answerNextMessageBox(QStringLiteral("Remove"), &question); // its client is connected
    click("removeServerButton");
    QVERIFY2(question.contains(QLatin1String("1 connected client")), qPrintable(question));
    QTRY_COMPARE(m_servers->rowCount(), 0);
    QVERIFY(!find<QToolButton>("stopServerButton")->isEnabled()); // nothing selected is left
    // Its clients lost their server.
    QTRY_VERIFY(clientState(0) != QLatin1String("connected"));
}

QTEST_MAIN(tst_BenchPages)
#include "tst_benchpages.moc"
