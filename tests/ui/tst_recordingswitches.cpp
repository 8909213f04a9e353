#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/recordingactions.h>
#include <ui/widgets/recordingwindow.h>

#include <ui/models/benchsession.h>
#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>
#include <engine/recording/recording.h>

#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtGui/QAction>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * The Record switches of the Servers, Clients and Proxies pages, used as a
 * person uses them on a real bench: click, pick a file in the dialog, let
 * traffic pass, click again (or stop the proxy); the file is read back. The
 * functions run in order, as one session.
 */
class tst_RecordingSwitches : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverSwitchRecordsUntilSwitchedOff();
    void clientSwitchRecordsTheSelectedGroup();
    void proxySwitchRecordsUntilTheProxyStops();
    void cancellingTheFileDialogLeavesItOff();
    void saveLogAsRecordingAsksWhoseAndRoundTrips();
    void openRecordingShowsItReadOnly();
    void openingADamagedRecordingSaysWhere();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_window.get(), name); }
    static void clickRow(QTableView *view, int row);
    void sendFromClients(const QList<int> &ids, const QString &text) const;
    /** The clients' In rows in the log whose payload holds @p text. */
    int echoes(const QString &text) const;
    bool savedEventFor(const QString &file) const;
    /** Loads @p file once the Events panel says it was saved. */
    bool loadSaved(const QString &file, Recording *recording) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    Bench *m_bench = nullptr;
    int m_serverId = 0;
    QList<int> m_clients;
};

namespace {

/**
 * Handles the next modal dialog of type D that opens within 10 s with @p handle: call it before
 * what opens it, as the dialog runs its own loop.
 */
template <typename D> void answerNext(const std::function<void(D *)> &handle)
{
    auto *poll = new QTimer(qApp);
    QObject::connect(poll, &QTimer::timeout, [poll, handle, started = QDateTime::currentMSecsSinceEpoch()] {
        auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget());
        if ((!dialog || !dialog->isVisible()) && QDateTime::currentMSecsSinceEpoch() - started < 10000)
            return;
        poll->stop();
        poll->deleteLater();
        // After what the dialog posted to itself on showing (a file dialog selects its initial name then).
        if (dialog)
            QTimer::singleShot(0, dialog, [dialog, handle] { handle(dialog); });
    });
    poll->start(10);
}

/** Types @p file into a shown file dialog's name box, as a person does, and accepts. */
std::function<void(QFileDialog *)> typeFileName(const QString &file)
{
    return [file](QFileDialog *dialog) {
        // selectFile() leaves a name box that has the focus alone.
        dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(file);
        static_cast<QDialog *>(dialog)->accept();
    };
}

int messages(const Recording &recording, ProxyDirection direction)
{
    int count = 0;
    for (const RecordedEvent &event : recording.events())
        count += event.kind == RecordedEvent::Kind::Message && event.direction == direction ? 1 : 0;
    return count;
}

} // namespace

void tst_RecordingSwitches::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_bench = m_window->session()->bench();

    ServerSpec echo;
    echo.name = QStringLiteral("echo");
    echo.mode = ServerMode::Echo;
    m_serverId = m_bench->addServer(echo);
    const ServerListModel *servers = m_window->session()->serverModel();
    QTRY_VERIFY(servers->rowCount() == 1 && servers->server(0).listening);
    ClientSpec client;
    client.name = QStringLiteral("probe");
    client.port = servers->server(0).boundPort;
    m_clients = m_bench->spawnClients(client, 2);
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_VERIFY(clients->rowCount() == 2 && clients->client(0).state == QLatin1String("connected")
                && clients->client(1).state == QLatin1String("connected"));
}

void tst_RecordingSwitches::cleanupTestCase() { m_window.reset(); }

void tst_RecordingSwitches::clickRow(QTableView *view, int row)
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

void tst_RecordingSwitches::sendFromClients(const QList<int> &ids, const QString &text) const
{
    SendTarget target;
    target.clientIds = ids;
    m_bench->send(target, netcore::Message::text(text, QStringLiteral("chat")));
}

int tst_RecordingSwitches::echoes(const QString &text) const
{
    int found = 0;
    const QAbstractItemModel *log = m_window->session()->logModel();
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEntry entry = log->index(row, 0).data(MessageLogModel::EntryRole).value<LogEntry>();
        found += entry.clientId != 0 && entry.direction == Direction::In && entry.message.payload() == text.toUtf8();
    }
    return found;
}

bool tst_RecordingSwitches::savedEventFor(const QString &file) const
{
    const EventLogModel *events = m_window->session()->eventModel();
    for (int row = 0; row < events->rowCount(); ++row) {
        if (events->index(row, EventLogModel::TextColumn).data().toString().contains(QStringLiteral("recording saved: %1").arg(file)))
            return true;
    }
    return false;
}

bool tst_RecordingSwitches::loadSaved(const QString &file, Recording *recording) const
{
    if (!QTest::qWaitFor([&] { return savedEventFor(file); }, 10000))
        return false;
    QString error;
    if (!Recording::load(file, recording, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void tst_RecordingSwitches::serverSwitchRecordsUntilSwitchedOff()
{
    auto *view = find<QTableView>("serverView");
    auto *button = find<QToolButton>("recordServerButton");
    clickRow(view, 0);
    QTRY_VERIFY(button->isEnabled());
    QVERIFY(!button->isChecked());

    const QString file = m_dir.filePath(QStringLiteral("server.jsonl"));
    browseTo(button, file);
    const ServerListModel *servers = m_window->session()->serverModel();
    QTRY_COMPARE(servers->server(0).recordingFile, file);
    QVERIFY(button->isChecked());
    QCOMPARE(button->text(), QStringLiteral("REC"));
    QVERIFY(!servers->index(0, ServerListModel::NameColumn).data(Qt::DecorationRole).isNull()); // the red dot
    QVERIFY(servers->index(0, ServerListModel::NameColumn).data(Qt::ToolTipRole).toString().contains(file));

    sendFromClients(m_clients, QStringLiteral("recorded"));
    QTRY_COMPARE(echoes(QStringLiteral("recorded")), 2);
    QTest::mouseClick(button, Qt::LeftButton); // off
    QTRY_VERIFY(servers->server(0).recordingFile.isEmpty());
    QVERIFY(!button->isChecked());
    QVERIFY(servers->index(0, ServerListModel::NameColumn).data(Qt::DecorationRole).isNull());

    Recording recording;
    QVERIFY(loadSaved(file, &recording));
    QCOMPARE(recording.header().recorder, QStringLiteral("app"));
    QCOMPARE(recording.conversations().size(), 2);
    QCOMPARE(messages(recording, ProxyDirection::ClientToServer), 2);
    QCOMPARE(messages(recording, ProxyDirection::ServerToClient), 2);
}

void tst_RecordingSwitches::clientSwitchRecordsTheSelectedGroup()
{
    find<QTableView>("clientView")->selectAll();
    auto *button = find<QToolButton>("recordClientsButton");
    QTRY_VERIFY(button->isEnabled());
    const QString file = m_dir.filePath(QStringLiteral("clients.jsonl"));
    browseTo(button, file);
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_VERIFY(clients->client(0).recordingFile == file && clients->client(1).recordingFile == file);
    QTRY_COMPARE(button->text(), QStringLiteral("REC")); // the snapshot's, not only the click's
    QVERIFY(button->isChecked());

    sendFromClients({m_clients[0]}, QStringLiteral("one"));
    sendFromClients(m_clients, QStringLiteral("both"));
    QTRY_VERIFY(echoes(QStringLiteral("one")) == 1 && echoes(QStringLiteral("both")) == 2);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(clients->client(0).recordingFile.isEmpty() && clients->client(1).recordingFile.isEmpty());
    QTRY_COMPARE(button->text(), QStringLiteral("Record"));

    Recording recording;
    QVERIFY(loadSaved(file, &recording));
    const QList<Conversation> conversations = recording.conversations();
    QCOMPARE(conversations.size(), 2);
    QCOMPARE(conversations[0].connection, quint64(m_clients[0]));
    QCOMPARE(conversations[0].messagesOf(ProxyDirection::ClientToServer).size(), 2);
    QCOMPARE(conversations[0].messagesOf(ProxyDirection::ServerToClient).size(), 2);
    QCOMPARE(conversations[1].messagesOf(ProxyDirection::ClientToServer).size(), 1);
}

void tst_RecordingSwitches::proxySwitchRecordsUntilTheProxyStops()
{
    find<QDockWidget>("proxiesDock")->raise();
    ProxySpec spec;
    spec.name = QStringLiteral("front");
    spec.upstreamPort = m_window->session()->serverModel()->server(0).boundPort;
    m_bench->addProxy(spec);
    const ProxyListModel *proxies = m_window->session()->proxyModel();
    QTRY_VERIFY(proxies->rowCount() == 1 && proxies->proxy(0).listening);
    clickRow(find<QTableView>("proxyView"), 0);
    auto *button = find<QToolButton>("recordProxyButton");
    QTRY_VERIFY(button->isEnabled());

    const QString file = m_dir.filePath(QStringLiteral("proxy.jsonl"));
    browseTo(button, file);
    QTRY_COMPARE(proxies->proxy(0).recordingFile, file);
    ClientSpec client;
    client.name = QStringLiteral("via");
    client.port = proxies->proxy(0).boundPort;
    const int via = m_bench->spawnClients(client, 1).constFirst();
    QTRY_COMPARE(proxies->proxy(0).connections.size(), 1);
    QTRY_VERIFY(proxies->proxy(0).connections.constFirst().upstreamConnected);
    sendFromClients({via}, QStringLiteral("through"));
    QTRY_COMPARE(echoes(QStringLiteral("through")), 1);

    QTest::mouseClick(find<QToolButton>("stopProxyButton"), Qt::LeftButton); // stopping ends the file
    QTRY_VERIFY(proxies->proxy(0).recordingFile.isEmpty());
    QTRY_VERIFY(!button->isChecked());
    QVERIFY(!button->isEnabled()); // a stopped proxy has nothing to record
    Recording recording;
    QVERIFY(loadSaved(file, &recording));
    QCOMPARE(messages(recording, ProxyDirection::ClientToServer), 1);
    QCOMPARE(messages(recording, ProxyDirection::ServerToClient), 1);
}

void tst_RecordingSwitches::cancellingTheFileDialogLeavesItOff()
{
    clickRow(find<QTableView>("serverView"), 0);
    auto *button = find<QToolButton>("recordServerButton");
    QTRY_VERIFY(button->isEnabled());
    bool cancelled = false;
    QTimer::singleShot(0, [&cancelled] {
        if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
            dialog->reject();
            cancelled = true;
        }
    });
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(cancelled);
    QVERIFY(!button->isChecked());
    QVERIFY(m_window->session()->serverModel()->server(0).recordingFile.isEmpty());
}

void tst_RecordingSwitches::saveLogAsRecordingAsksWhoseAndRoundTrips()
{
    // The log holds the server's, the clients' and the proxy's rows: it asks whose.
    QStringList offered;
    answerNext<QInputDialog>([&offered](QInputDialog *dialog) {
        offered = dialog->comboBoxItems();
        dialog->setTextValue(QStringLiteral("echo (server)"));
        dialog->accept();
    });
    const QString file = m_dir.filePath(QStringLiteral("fromlog.jsonl"));
    answerNext<QFileDialog>(typeFileName(file));
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionSaveLogAsRecording"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(offered, (QStringList{QStringLiteral("echo (server)"), QStringLiteral("clients (envelope)"),
                                   QStringLiteral("front (proxy)")}));

    Recording recording;
    QString error;
    QVERIFY2(Recording::load(file, &recording, &error), qPrintable(error));
    QCOMPARE(recording.header().recorder, QStringLiteral("app"));
    int in = 0;
    int out = 0;
    const MessageLogModel *log = m_window->session()->logModel();
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEntry entry = log->entry(row);
        in += entry.serverId == m_serverId && entry.direction == Direction::In;
        out += entry.serverId == m_serverId && entry.direction == Direction::Out;
    }
    QVERIFY(in >= 6); // "recorded" ×2, "one", "both" ×2, "through"
    QCOMPARE(messages(recording, ProxyDirection::ClientToServer), in);
    QCOMPARE(messages(recording, ProxyDirection::ServerToClient), out);
    QCOMPARE(recording.conversations().size(), 3); // two clients, and the proxy's upstream connection
}

void tst_RecordingSwitches::openRecordingShowsItReadOnly()
{
    const QString file = m_dir.filePath(QStringLiteral("server.jsonl")); // recorded by the server's switch above
    answerNext<QFileDialog>(typeFileName(file));
    m_window->findChild<QAction *>(QStringLiteral("actionOpenRecording"))->trigger();
    auto *shown = m_window->findChild<RecordingWindow *>();
    QVERIFY(shown);
    QVERIFY(QTest::qWaitForWindowExposed(shown));
    QVERIFY(shown->windowTitle().contains(QLatin1String("server.jsonl")));
    QVERIFY(shown->windowTitle().contains(QLatin1String("read-only")));
    const QString banner = findNamed<QLabel>(shown, "recordingBanner")->text();
    QVERIFY2(banner.contains(QLatin1String("nothing is sent")), qPrintable(banner));
    QVERIFY2(banner.contains(QLatin1String("4 message(s) in 2 connection(s)")), qPrintable(banner));

    // The two echoed messages, both ways, on the recording's time line.
    Recording recording;
    QString error;
    QVERIFY(Recording::load(file, &recording, &error));
    QCOMPARE(shown->logModel()->rowCount(), 4);
    const LogEntry first = shown->logModel()->entry(0);
    QCOMPARE(first.direction, Direction::ClientToServer);
    QCOMPARE(first.message.payload(), QByteArray("recorded"));
    QCOMPARE(first.time, recording.header().started.addMSecs(recording.events().at(2).timeUs / 1000));
    QCOMPARE(shown->eventModel()->rowCount(), 2); // the two connections it found open
    const int chat = shown->channelModel()->rowOfChannel(QStringLiteral("chat"));
    QVERIFY(chat >= 0);
    QCOMPARE(shown->channelModel()->stats(chat).messagesIn, quint64(2));
    QCOMPARE(shown->channelModel()->stats(chat).messagesOut, quint64(2));
    // Nothing of it reached the bench's own log.
    QCOMPARE(echoes(QStringLiteral("recorded")), 2);
    shown->close();
    QTRY_VERIFY(!m_window->findChild<RecordingWindow *>());
}

void tst_RecordingSwitches::openingADamagedRecordingSaysWhere()
{
    const QString file = m_dir.filePath(QStringLiteral("damaged.jsonl"));
    QFile damaged(file);
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    QFile good(m_dir.filePath(QStringLiteral("server.jsonl")));
    QVERIFY(good.open(QIODevice::ReadOnly));
    damaged.write(good.readLine());
    damaged.write("{\"t_us\":1,\"conn\":1,\"event\":\"message\",\"dir\":\"c2s\",\"payload_hex\":\"zz\"}\n");
    damaged.close();
    auto *actions = m_window->findChild<RecordingActions *>();
    QString error;
    QVERIFY(!actions->openRecording(file, &error));
    QVERIFY2(error.contains(QLatin1String("damaged.jsonl:2:")), qPrintable(error));
    QVERIFY(!m_window->findChild<RecordingWindow *>());
}

QTEST_MAIN(tst_RecordingSwitches)
#include "tst_recordingswitches.moc"
