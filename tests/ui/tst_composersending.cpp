#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/composerpage.h>
#include <ui/widgets/mainwindow.h>

#include <ui/models/benchsession.h>
#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTableView>

#include <memory>

using namespace wirebench;

/**
 * The composer of the real window sending to a real bench, as a new user
 * tries it: to a closed client, to one that reconnects, to several at once,
 * to clients whose framing has no channels, and with selections that must
 * not move the panels. What the user reads (the composer, the status bar,
 * the events, the log, the counters) must say what really happened.
 */
class tst_ComposerSending : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sendToAClosedClientIsRefusedWhereTheUserLooks();
    void sendNToAClosedClientCountsNothingAsSent();
    void sendToAReconnectingClientIsQueuedAndSaysSo();
    void sendNCountsEveryClient();
    void channelStaysOffForCodecsWithoutChannels();
    void selectionNeverMovesThePanels();

private:
    template <typename T> T *find(const char *name) const { return dialogdriver::findNamed<T>(m_window.get(), name); }
    /** Spawns @p count clients per @p spec and waits until all are in @p state; returns their ids. */
    QList<int> spawn(const ClientSpec &spec, int count, const char *state);
    int addServer(const ServerSpec &spec);
    void selectOnly(const QList<int> &ids);
    void chooseTarget(ComposerPage::Target target);
    int logRowsOf(const QString &endpoint, Direction direction) const;
    bool eventSays(EventKind kind, const QString &text) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_ComposerSending::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "3,000"
}

void tst_ComposerSending::init()
{
    QSettings(QStringLiteral("Wirebench"), QStringLiteral("wirebench")).clear();
    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_ComposerSending::cleanup() { m_window.reset(); }

QList<int> tst_ComposerSending::spawn(const ClientSpec &spec, int count, const char *state)
{
    const QList<int> ids = m_window->session()->bench()->spawnClients(spec, count);
    const ClientListModel *clients = m_window->session()->clientModel();
    const auto allThere = [&] {
        for (const int id : ids) {
            const int row = clients->rowOfClient(id);
            if (row < 0 || clients->client(row).state != QLatin1String(state))
                return false;
        }
        return true;
    };
    if (!QTest::qWaitFor(allThere, 10000))
        qWarning("clients did not reach the state %s", state);
    return ids;
}

int tst_ComposerSending::addServer(const ServerSpec &spec)
{
    const int id = m_window->session()->bench()->addServer(spec);
    const ServerListModel *servers = m_window->session()->serverModel();
    const bool listening = QTest::qWaitFor([&] {
        for (int row = 0; row < servers->rowCount(); ++row) {
            if (servers->server(row).id == id && servers->server(row).listening)
                return true;
        }
        return false;
    }, 10000);
    if (!listening)
        qWarning("server %d is not listening", id);
    return id;
}

void tst_ComposerSending::selectOnly(const QList<int> &ids)
{
    // Clicks on the rows, Ctrl-clicks after the first, as a person selects.
    auto *view = find<QTableView>("clientView");
    const ClientListModel *clients = m_window->session()->clientModel();
    view->clearSelection();
    for (int i = 0; i < ids.size(); ++i) {
        const QModelIndex index = view->model()->index(clients->rowOfClient(ids.at(i)), 0);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, i == 0 ? Qt::NoModifier : Qt::ControlModifier,
                          view->visualRect(index).center());
    }
}

void tst_ComposerSending::chooseTarget(ComposerPage::Target target)
{
    auto *combo = find<QComboBox>("targetCombo");
    combo->setCurrentIndex(combo->findData(int(target)));
}

int tst_ComposerSending::logRowsOf(const QString &endpoint, Direction direction) const
{
    const MessageLogModel *log = m_window->session()->logModel();
    int rows = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEntry entry = log->entry(row);
        rows += entry.endpoint == endpoint && entry.direction == direction ? 1 : 0;
    }
    return rows;
}

bool tst_ComposerSending::eventSays(EventKind kind, const QString &text) const
{
    const EventLogModel *events = m_window->session()->eventModel();
    for (int row = 0; row < events->rowCount(); ++row) {
        const BenchEvent event = events->benchEvent(row);
        if (event.kind == kind && event.text.contains(text))
            return true;
    }
    return false;
}

void tst_ComposerSending::sendToAClosedClientIsRefusedWhereTheUserLooks()
{
    ClientSpec nowhere;
    nowhere.name = QStringLiteral("nowhere");
    nowhere.port = 1; // nothing listens there: refused at once
    nowhere.autoReconnect = false;
    const QList<int> ids = spawn(nowhere, 1, "closed");
    selectOnly(ids);
    chooseTarget(ComposerPage::Target::SelectedClients);
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);

    const QString why = QStringLiteral("nowhere 1 is closed: connect it first");
    auto *status = find<QLabel>("sendStatusLabel");
    QTRY_VERIFY2(status->text().contains(why), qPrintable(status->text()));
    QVERIFY(status->isVisible());
    QVERIFY2(m_window->statusBar()->currentMessage().contains(why), qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_VERIFY(eventSays(EventKind::Error, why));
    QCOMPARE(logRowsOf(QStringLiteral("nowhere 1"), Direction::Out), 0);
    QCOMPARE(m_window->session()->clientModel()->client(0).messagesOut, 0u);
}

void tst_ComposerSending::sendNToAClosedClientCountsNothingAsSent()
{
    ClientSpec nowhere;
    nowhere.name = QStringLiteral("nowhere");
    nowhere.port = 1;
    nowhere.autoReconnect = false;
    selectOnly(spawn(nowhere, 1, "closed"));
    find<QSpinBox>("loadCountSpin")->setValue(1000);
    find<QSpinBox>("loadRateSpin")->setValue(0); // unpaced: the run is over in a moment
    QTest::mouseClick(find<QPushButton>("startLoadButton"), Qt::LeftButton);

    auto *bar = find<QProgressBar>("loadProgressBar");
    QTRY_COMPARE(bar->text(), QStringLiteral("0 / 1,000 sent · 1,000 not sent"));
    QTRY_VERIFY(find<QPushButton>("startLoadButton")->isEnabled()); // the run ended
    QVERIFY2(find<QLabel>("sendStatusLabel")->text().contains(QLatin1String("nowhere 1 is closed")),
             qPrintable(find<QLabel>("sendStatusLabel")->text()));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("nowhere 1 is closed")));
    QTRY_VERIFY(eventSays(EventKind::Error, QStringLiteral("1000 of 1000 messages not sent")));
    QCOMPARE(logRowsOf(QStringLiteral("nowhere 1"), Direction::Out), 0);
}

// Auto-reconnect on: the message waits for the connection, the composer says "queued", and the
// log shows it Out when it really leaves.
void tst_ComposerSending::sendToAReconnectingClientIsQueuedAndSaysSo()
{
    ServerSpec spec;
    spec.name = QStringLiteral("flaky");
    const int server = addServer(spec);
    ClientSpec patient;
    patient.name = QStringLiteral("patient");
    patient.port = m_window->session()->serverModel()->server(0).boundPort;
    patient.autoReconnect = true;
    const QList<int> ids = spawn(patient, 1, "connected");
    m_window->session()->bench()->stopServer(server);
    QTRY_COMPARE(m_window->session()->clientModel()->client(0).state, QStringLiteral("reconnecting"));

    selectOnly(ids);
    dialogdriver::typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"later\": true}"));
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
    auto *status = find<QLabel>("sendStatusLabel");
    QTRY_VERIFY2(status->text().contains(QLatin1String("queued 1 message until connected")), qPrintable(status->text()));
    QCOMPARE(logRowsOf(QStringLiteral("patient 1"), Direction::Out), 0);

    m_window->session()->bench()->startServer(server); // on the same port
    QTRY_COMPARE_WITH_TIMEOUT(logRowsOf(QStringLiteral("patient 1"), Direction::Out), 1, 15000);
    QTRY_COMPARE(m_window->session()->clientModel()->client(0).messagesOut, 1u);
}

// "N ×" is N per selected client: the composer multiplies before, and counts every message.
void tst_ComposerSending::sendNCountsEveryClient()
{
    ServerSpec spec;
    addServer(spec);
    ClientSpec three;
    three.port = m_window->session()->serverModel()->server(0).boundPort;
    selectOnly(spawn(three, 3, "connected"));
    find<QSpinBox>("loadCountSpin")->setValue(200);
    find<QSpinBox>("loadRateSpin")->setValue(0);
    QCOMPARE(find<QLabel>("loadTotalLabel")->text(), QStringLiteral("3 × 200 = 600 messages, unpaced"));
    QTest::mouseClick(find<QPushButton>("startLoadButton"), Qt::LeftButton);

    auto *bar = find<QProgressBar>("loadProgressBar");
    QTRY_COMPARE(bar->text(), QStringLiteral("600 / 600 sent"));
    QCOMPARE(bar->value(), bar->maximum());
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_COMPARE(clients->client(0).messagesOut + clients->client(1).messagesOut + clients->client(2).messagesOut,
                 600u);
}

// A line server and line clients: the channel field is off, and a PING and its echo are one row of Traffic.
void tst_ComposerSending::channelStaysOffForCodecsWithoutChannels()
{
    ServerSpec spec;
    spec.codec = netcore::CodecConfig::line();
    spec.mode = ServerMode::Echo;
    addServer(spec);
    ClientSpec lines;
    lines.codec = netcore::CodecConfig::line();
    lines.port = m_window->session()->serverModel()->server(0).boundPort;
    selectOnly(spawn(lines, 1, "connected"));

    auto *channel = find<QLineEdit>("channelEdit");
    QVERIFY(!channel->isEnabled());
    QVERIFY2(channel->toolTip().contains(QLatin1String("no channel or id")), qPrintable(channel->toolTip()));
    auto *kind = find<QComboBox>("kindCombo");
    kind->setCurrentIndex(kind->findData(int(PayloadBuilder::Kind::Text)));
    dialogdriver::typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("PING"));
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);

    const ChannelStatsModel *traffic = m_window->session()->channelModel();
    QTRY_VERIFY(traffic->rowOfChannel(QString()) >= 0
                && traffic->stats(traffic->rowOfChannel(QString())).messagesIn == 2); // the server's, the reply
    QCOMPARE(traffic->rowCount(), 1);
    QCOMPARE(traffic->stats(0).messagesOut, 2u); // the PING, the echo

    // An envelope client selected with it: the field is back for the one that carries it.
    ClientSpec envelope;
    envelope.port = 1;
    envelope.autoReconnect = false;
    QList<int> both = {m_window->session()->clientModel()->client(0).id};
    both += spawn(envelope, 1, "closed");
    selectOnly(both);
    QVERIFY(channel->isEnabled());
    QVERIFY2(channel->toolTip().contains(QLatin1String("1 of the 2 selected clients")), qPrintable(channel->toolTip()));
}

// Selecting clients changes what the composer says, never the width of the panels.
void tst_ComposerSending::selectionNeverMovesThePanels()
{
    ClientSpec longNamed;
    longNamed.name = QStringLiteral("a client with a long and very descriptive name, as people give them");
    longNamed.port = 1;
    longNamed.autoReconnect = false;
    const QList<int> ids = spawn(longNamed, 12, "closed");
    auto *composer = find<QDockWidget>("composerDock");
    auto *log = find<QWidget>("logPage");
    // A dock's new minimum reaches the window's layout in a later request: deliver them all, in order.
    const auto settle = [] {
        for (int pass = 0; pass < 4; ++pass)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    };

    selectOnly({});
    settle();
    const int composerWidth = composer->width();
    const int logWidth = log->width();
    const QList<QList<int>> selections = {ids.mid(0, 1), ids.mid(0, 3), ids, {}, ids.mid(5, 1), ids};
    for (const QList<int> &selection : selections) {
        selectOnly(selection);
        settle();
        QCOMPARE(composer->width(), composerWidth);
        QCOMPARE(log->width(), logWidth);
    }
    // The summary is elided, the whole of it in the tooltip.
    auto *summary = find<QLabel>("targetSummaryLabel");
    QVERIFY(summary->toolTip().startsWith(QLatin1String("12 clients: a client with a long")));
    QVERIFY(summary->fontMetrics().horizontalAdvance(summary->text()) <= summary->contentsRect().width());
}

QTEST_MAIN(tst_ComposerSending)
#include "tst_composersending.moc"
