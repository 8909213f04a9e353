#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/logpage.h>
#include <ui/widgets/mainwindow.h>
#include <ui/widgets/ratechart.h>
#include <ui/widgets/serverdialog.h>
#include <ui/widgets/spawnclientsdialog.h>
#include <ui/widgets/trafficpage.h>

#include <ui/models/benchsession.h>
#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/connectionlistmodel.h>
#include <ui/models/messagelogfiltermodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/payloadlibrarymodel.h>
#include <ui/models/serverlistmodel.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeWidget>

#include <algorithm>
#include <functional>
#include <memory>

using namespace wirebench;

/**
 * The whole window, driven the way a person uses it: dialogs filled in and
 * accepted, rows clicked, payloads typed, then what the log, the lists, the
 * traffic counters and the inspector show is checked. The test functions
 * run in order and build on each other, like one session.
 */
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fitsAScreen1600PixelsWide();
    void addServerThroughItsDialog();
    void spawnThreeClients();
    void sendJsonToOneClient();
    void broadcastFromTheServer();
    void inspectorShowsTheSelectedMessage();
    void filtersHideWhatTheyShould();
    void exportWritesWhatTheLogShows();
    void pausedLogRecordsNothingButCountersGoOn();
    void sendToSelectedServerConnections();
    void kickedClientComesBack();
    void workspaceSavedAndOpenedAgain();
    void layoutAndWorkspaceComeBackAtNextStart();

private:
    template <typename T> T *find(const char *name) const { return dialogdriver::findNamed<T>(m_window.get(), name); }
    static void clickRow(QTableView *view, int row, Qt::KeyboardModifiers modifiers = {});
    static void typeInto(QWidget *edit, const QString &text);
    int logRows() const { return m_window->session()->logModel()->rowCount(); }
    ChannelStats channel(const QString &name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_workspacePath;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_workspacePath = m_dir.filePath(QStringLiteral("bench.json"));

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("new workspace[*]")); // the platform adds "— Wirebench"
}

void TestMainWindow::cleanupTestCase() { m_window.reset(); }

void TestMainWindow::clickRow(QTableView *view, int row, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

void TestMainWindow::typeInto(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

ChannelStats TestMainWindow::channel(const QString &name) const
{
    const ChannelStatsModel *model = m_window->session()->channelModel();
    return model->stats(model->rowOfChannel(name));
}

void TestMainWindow::addServerThroughItsDialog()
{
    dialogdriver::fillDialogOpenedBy<ServerDialog>(find<QToolButton>("addServerButton"), [](ServerDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("bench server"));
        auto *mode = dialog->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        mode->setCurrentIndex(mode->findData(int(ServerMode::Silent)));
        dialog->findChild<QSpinBox *>(QStringLiteral("maxClientsSpin"))->setValue(10);
    });

    const ServerListModel *servers = m_window->session()->serverModel();
    QTRY_COMPARE(servers->rowCount(), 1);
    QTRY_VERIFY(servers->server(0).listening && servers->server(0).boundPort != 0);
    QCOMPARE(servers->server(0).spec.name, QStringLiteral("bench server"));
    QCOMPARE(servers->server(0).spec.maxClients, 10);
    QVERIFY(find<QToolButton>("stopServerButton")->isEnabled()); // the new server is selected
}

void TestMainWindow::spawnThreeClients()
{
    const quint16 port = m_window->session()->serverModel()->server(0).boundPort;
    dialogdriver::fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"),
                                                         [port](SpawnClientsDialog *dialog) {
        // Aimed at the selected server already.
        QCOMPARE(dialog->spec().port, port);
        dialog->findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(3);
    });

    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_COMPARE(clients->rowCount(), 3);
    QTRY_VERIFY(clients->client(0).state == QLatin1String("connected")
                && clients->client(1).state == QLatin1String("connected")
                && clients->client(2).state == QLatin1String("connected"));
    QCOMPARE(clients->client(0).name, QStringLiteral("client 1"));
    QTRY_COMPARE(find<QTableView>("connectionView")->model()->rowCount(), 3);
    QTRY_COMPARE(find<QLabel>("countsLabel")->text(), QStringLiteral("Servers: 1 · Clients: 3"));
}

void TestMainWindow::sendJsonToOneClient()
{
    clickRow(find<QTableView>("clientView"), 0);
    auto *target = find<QComboBox>("targetCombo");
    target->setCurrentIndex(target->findData(int(ComposerPage::Target::SelectedClients)));
    typeInto(find<QLineEdit>("channelEdit"), QStringLiteral("chat"));
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"hello\": 1}"));
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);

    // Out at client 1, In at the server.
    QTRY_COMPARE(logRows(), 2);
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_COMPARE(clients->client(0).messagesOut, 1u);
    QCOMPARE(clients->client(1).messagesOut, 0u);
    QTRY_COMPARE(channel(QStringLiteral("chat")).messagesOut, 1u);
    QTRY_COMPARE(channel(QStringLiteral("chat")).messagesIn, 1u);
}

void TestMainWindow::broadcastFromTheServer()
{
    auto *target = find<QComboBox>("targetCombo");
    target->setCurrentIndex(target->findData(int(ComposerPage::Target::Broadcast)));
    typeInto(find<QLineEdit>("channelEdit"), QStringLiteral("news"));
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"headline\": \"all hands\"}"));
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);

    // Three Out at the server, one In at each client.
    QTRY_COMPARE(logRows(), 8);
    const ClientListModel *clients = m_window->session()->clientModel();
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE(clients->client(row).messagesIn, 1u);
    QTRY_COMPARE(channel(QStringLiteral("news")).messagesOut, 3u);
    QTRY_COMPARE(channel(QStringLiteral("news")).messagesIn, 3u);
    QCOMPARE(channel(QStringLiteral("news")).latest.toJson().object().value(QStringLiteral("headline")).toString(),
             QStringLiteral("all hands"));
    QTRY_COMPARE(find<QLabel>("rowsLabel")->text(), QStringLiteral("Log rows: 8"));

    auto *traffic = m_window->findChild<TrafficPage *>();
    traffic->sampleNow();
    QCOMPARE(traffic->messageRateChart()->seriesCount(), 4); // chat and news, in and out
    QCOMPARE(traffic->byteRateChart()->seriesCount(), 4);
}

void TestMainWindow::inspectorShowsTheSelectedMessage()
{
    auto *log = find<QTableView>("logView");
    int serverIn = -1;
    for (int row = 0; row < log->model()->rowCount(); ++row) {
        const QModelIndex index = log->model()->index(row, 0);
        if (index.data(MessageLogModel::ChannelRole).toString() == QLatin1String("chat")
            && index.data(MessageLogModel::DirectionRole).toInt() == int(Direction::In))
            serverIn = row;
    }
    QVERIFY(serverIn >= 0);
    clickRow(log, serverIn);

    QVERIFY(find<QLabel>("summaryLabel")->text().contains(QLatin1String("bench server")));
    QVERIFY(find<QPlainTextEdit>("hexView")->toPlainText().startsWith(QLatin1String("00000000  7b 22 68 65")));
    auto *tree = find<QTreeWidget>("jsonTree");
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("hello"));
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(1), QStringLiteral("1"));
}

void TestMainWindow::filtersHideWhatTheyShould()
{
    auto *log = find<QTableView>("logView");
    auto *channelFilter = find<QComboBox>("channelFilterCombo");
    QTest::keyClicks(channelFilter->lineEdit(), QStringLiteral("news"));
    QTRY_COMPARE(log->model()->rowCount(), 6);
    auto *direction = find<QComboBox>("directionFilterCombo");
    direction->setCurrentIndex(direction->findData(int(Direction::In)));
    QTRY_COMPARE(log->model()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QVERIFY(log->model()->index(row, 0).data(MessageLogModel::EndpointRole).toString().startsWith(
            QLatin1String("client ")));
    typeInto(find<QLineEdit>("endpointFilterEdit"), QStringLiteral("client 2"));
    QTRY_COMPARE(log->model()->rowCount(), 1);
    find<QLineEdit>("endpointFilterEdit")->clear();
    typeInto(find<QLineEdit>("textFilterEdit"), QStringLiteral("nothing like this"));
    QTRY_COMPARE(log->model()->rowCount(), 0);
    find<QLineEdit>("textFilterEdit")->clear();
    QTRY_COMPARE(log->model()->rowCount(), 3); // channel news, In: left for the export
}

void TestMainWindow::exportWritesWhatTheLogShows()
{
    auto *log = find<QTableView>("logView");
    QTRY_COMPARE(log->model()->rowCount(), 3);
    auto *page = m_window->findChild<LogPage *>();
    QString error;

    const QString jsonl = m_dir.filePath(QStringLiteral("log.jsonl"));
    QVERIFY2(page->exportToFile(jsonl, &error), qPrintable(error));
    QFile jsonFile(jsonl);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = jsonFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (const QByteArray &line : lines) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        QCOMPARE(record.value(QStringLiteral("channel")).toString(), QStringLiteral("news"));
        QCOMPARE(record.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    }

    const QString csv = m_dir.filePath(QStringLiteral("log.csv"));
    QVERIFY2(page->exportToFile(csv, &error), qPrintable(error));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csvFile.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 1 + 3); // the header, then the rows shown
    QVERIFY(rows.at(0).startsWith("time,direction,endpoint,channel"));

    // Back to everything.
    find<QComboBox>("channelFilterCombo")->lineEdit()->clear();
    find<QComboBox>("directionFilterCombo")->setCurrentIndex(0);
    QTRY_COMPARE(log->model()->rowCount(), 8);
}

void TestMainWindow::pausedLogRecordsNothingButCountersGoOn()
{
    QTest::mouseClick(find<QToolButton>("pauseButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton); // the broadcast again
    QTRY_COMPARE(channel(QStringLiteral("news")).messagesIn, 6u);
    QTRY_COMPARE(find<QLabel>("rowsLabel")->text(), QStringLiteral("Log rows: 8 (paused: 6 not recorded)"));
    QCOMPARE(logRows(), 8);

    QTest::mouseClick(find<QToolButton>("pauseButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_COMPARE(logRows(), 14);
}

void TestMainWindow::sendToSelectedServerConnections()
{
    auto *connections = find<QTableView>("connectionView");
    clickRow(connections, 0);
    clickRow(connections, 2, Qt::ControlModifier);
    auto *target = find<QComboBox>("targetCombo");
    target->setCurrentIndex(target->findData(int(ComposerPage::Target::SelectedConnections)));
    typeInto(find<QLineEdit>("channelEdit"), QStringLiteral("direct"));
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_COMPARE(channel(QStringLiteral("direct")).messagesOut, 2u);
    QTRY_COMPARE(channel(QStringLiteral("direct")).messagesIn, 2u);
}

void TestMainWindow::kickedClientComesBack()
{
    auto *connections = find<QTableView>("connectionView");
    clickRow(connections, 1);
    const quint64 kicked = connections->model()->index(1, 0).data(ConnectionListModel::ConnectionIdRole).toULongLong();
    QTest::mouseClick(find<QToolButton>("kickButton"), Qt::LeftButton);
    const ServerListModel *servers = m_window->session()->serverModel();
    QTRY_VERIFY(std::none_of(servers->server(0).connections.cbegin(), servers->server(0).connections.cend(),
                             [kicked](const netcore::ConnectionInfo &c) { return c.id == kicked; }));
    // Spawned clients reconnect by default.
    QTRY_COMPARE(servers->server(0).connections.size(), 3);
    QTRY_COMPARE(connections->model()->rowCount(), 3);
}

void TestMainWindow::workspaceSavedAndOpenedAgain()
{
    typeInto(find<QLineEdit>("libraryNameEdit"), QStringLiteral("headline"));
    QTest::mouseClick(find<QPushButton>("saveToLibraryButton"), Qt::LeftButton);
    const Workspace before = m_window->session()->workspace();
    QCOMPARE(before.servers.size(), 1);
    QCOMPARE(before.clients.size(), 3);
    QCOMPARE(before.payloads.size(), 1);

    QString error;
    QVERIFY2(m_window->saveWorkspace(m_workspacePath, &error), qPrintable(error));
    QVERIFY(m_window->windowTitle().contains(QLatin1String("bench.json")));

    m_window->newWorkspace();
    BenchSession *session = m_window->session();
    QTRY_COMPARE(session->serverModel()->rowCount(), 0);
    QTRY_COMPARE(session->clientModel()->rowCount(), 0);
    QCOMPARE(session->payloadLibrary()->rowCount(), 0);

    QVERIFY2(m_window->openWorkspace(m_workspacePath, &error), qPrintable(error));
    QTRY_COMPARE(session->serverModel()->rowCount(), 1);
    QTRY_COMPARE(session->clientModel()->rowCount(), 3);
    QTRY_COMPARE(session->workspace(), before);
    // The server came back on its port, so its clients find it again.
    QTRY_VERIFY(session->clientModel()->client(2).state == QLatin1String("connected"));
}

void TestMainWindow::layoutAndWorkspaceComeBackAtNextStart()
{
    const Workspace before = m_window->session()->workspace();
    // A layout of the user's own: another size, and the composer closed.
    const QSize chosen = m_window->size().expandedTo(m_window->minimumSizeHint()) + QSize(37, 23);
    m_window->resize(chosen);
    auto *composer = m_window->findChild<QDockWidget *>(QStringLiteral("composerDock"));
    QVERIFY(composer);
    QVERIFY(composer->isVisible());
    composer->close();
    QTRY_VERIFY(!composer->isVisible());
    QTRY_COMPARE(m_window->size(), chosen);
    m_window->close();
    m_window.reset();

    MainWindow next;
    next.restoreSettings();
    next.show();
    QVERIFY(QTest::qWaitForWindowExposed(&next));
    QCOMPARE(next.size(), chosen);
    QVERIFY(!next.findChild<QDockWidget *>(QStringLiteral("composerDock"))->isVisible());
    QVERIFY(next.findChild<QDockWidget *>(QStringLiteral("serversDock"))->isVisible());
    QCOMPARE(next.workspacePath(), QFileInfo(m_workspacePath).absoluteFilePath());
    QTRY_COMPARE(next.session()->clientModel()->rowCount(), 3);
    QTRY_COMPARE(next.session()->workspace(), before);
}

void TestMainWindow::fitsAScreen1600PixelsWide()
{
    // The README's pictures are 1600 px wide, and so are many laptops' screens: every panel shown
    // at once must fit. A button beside another in a panel's row widens the whole window.
    QVERIFY2(m_window->minimumSizeHint().width() <= 1600, qPrintable(QString::number(m_window->minimumSizeHint().width())));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
