#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/faultdialog.h>
#include <ui/widgets/mainwindow.h>
#include <ui/widgets/proxydialog.h>
#include <ui/widgets/spawnclientsdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/faultlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxyconnectionlistmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStyleOptionViewItem>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * The Proxies panel, used as a person uses it, on a real bench: an echo
 * server, a proxy added in front of it through the dialog, a client through
 * the proxy; its connection row and counters, a fault added and switched
 * while the connection stays, a kick, and the workspace that keeps it all.
 * The functions run in order, as one session.
 */
class tst_ProxyPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void addProxyThroughItsDialog();
    void clientThroughTheProxyIsARowWithCounters();
    void bothDirectionsAreInTheLog();
    void faultSwitchesWorkOnTheOpenConnection();
    void kickEndsTheSelectedConnection();
    void stopAndStartButtons();
    void workspaceKeepsTheProxyAndItsFaults();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_window.get(), name); }
    void click(const char *button) const;
    static void clickRow(QTableView *view, int row);
    /** Clicks the check box of @p row's first column, as a person ticks it. */
    static void clickCheckBox(QTableView *view, int row);
    ProxyState proxy() const { return m_proxies->proxy(0); }
    void send(const QString &channel, const QString &text) const;
    /** The echoes the client got back whose payload is @p text. */
    int echoes(const QString &text) const;
    int dropEvents() const;
    /**
     * Sends on "chat" until a message is dropped (@p dropped) or passes: a switch reaches the proxy's I/O
     * thread a moment after the click, so the first ones may meet the faults from before it.
     */
    bool sendUntil(bool dropped);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ProxyListModel *m_proxies = nullptr;
    int m_clientId = 0;
};

void tst_ProxyPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_proxies = m_window->session()->proxyModel();
    find<QDockWidget>("proxiesDock")->raise(); // its tab, clicked

    ServerSpec echo;
    echo.name = QStringLiteral("echo");
    echo.mode = ServerMode::Echo;
    m_window->session()->bench()->addServer(echo);
    const ServerListModel *servers = m_window->session()->serverModel();
    QTRY_VERIFY(servers->rowCount() == 1 && servers->server(0).listening);
}

void tst_ProxyPanel::cleanupTestCase() { m_window.reset(); }

void tst_ProxyPanel::click(const char *button) const
{
    auto *widget = find<QToolButton>(button);
    QVERIFY2(widget && widget->isEnabled(), button);
    QTest::mouseClick(widget, Qt::LeftButton);
}

void tst_ProxyPanel::clickRow(QTableView *view, int row)
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

void tst_ProxyPanel::clickCheckBox(QTableView *view, int row)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.rect = view->visualRect(view->model()->index(row, 0));
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
}

void tst_ProxyPanel::send(const QString &channel, const QString &text) const
{
    SendTarget target;
    target.clientIds = {m_clientId};
    m_window->session()->bench()->send(target, netcore::Message::text(text, channel));
}

int tst_ProxyPanel::echoes(const QString &text) const
{
    const MessageLogModel *log = m_window->session()->logModel();
    int found = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEntry entry = log->entry(row);
        found += entry.clientId == m_clientId && entry.direction == Direction::In
            && entry.message.payload() == text.toUtf8();
    }
    return found;
}

int tst_ProxyPanel::dropEvents() const
{
    const EventLogModel *events = m_window->session()->eventModel();
    int drops = 0;
    for (int row = 0; row < events->rowCount(); ++row)
        drops += events->benchEvent(row).text.startsWith(QLatin1String("drop:"));
    return drops;
}

bool tst_ProxyPanel::sendUntil(bool dropped)
{
    for (int probe = 1; probe <= 100; ++probe) {
        const QString text = QStringLiteral("probe %1").arg(probe);
        const int drops = dropEvents();
        send(QStringLiteral("chat"), text);
        if (!QTest::qWaitFor([&] { return dropEvents() > drops || echoes(text) == 1; }))
            return false;
        if ((dropEvents() > drops) == dropped)
            return true;
    }
    return false;
}

void tst_ProxyPanel::addProxyThroughItsDialog()
{
    const quint16 serverPort = m_window->session()->serverModel()->server(0).boundPort;
    fillDialogOpenedBy<ProxyDialog>(find<QToolButton>("addProxyButton"), [serverPort](ProxyDialog *dialog) {
        // In front of the selected server already.
        QCOMPARE(dialog->spec().upstreamPort, serverPort);
        QCOMPARE(dialog->spec().upstreamHost, QStringLiteral("127.0.0.1"));
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("front"));
    });
    QTRY_COMPARE(m_proxies->rowCount(), 1);
    QTRY_VERIFY(proxy().listening && proxy().boundPort != 0);
    QCOMPARE(proxy().spec.name, QStringLiteral("front"));
    QTRY_COMPARE(m_proxies->index(0, ProxyListModel::StateColumn).data().toString(), QStringLiteral("listening"));
    QVERIFY(find<QToolButton>("stopProxyButton")->isEnabled()); // the new proxy is selected
    QVERIFY(m_window->isWindowModified());
    // Its seed is shown, so a run can be repeated.
    QTRY_COMPARE(find<QLabel>("seedLabel")->text(), QStringLiteral("Seed of this run: %1").arg(proxy().seed));
}

void tst_ProxyPanel::clientThroughTheProxyIsARowWithCounters()
{
    const quint16 proxyPort = proxy().boundPort;
    fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"), [proxyPort](SpawnClientsDialog *dialog) {
        QCOMPARE(dialog->spec().port, proxyPort); // aimed at the proxy just added, not at the server behind it
        dialog->findChild<QSpinBox *>(QStringLiteral("countSpin"))->setValue(1);
    });
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_COMPARE(clients->rowCount(), 1);
    m_clientId = clients->client(0).id;
    auto *connections = find<QTableView>("proxyConnectionView");
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    const auto cell = [connections](int column) { return connections->model()->index(0, column).data().toString(); };
    QTRY_COMPARE(clients->client(clients->rowOfClient(m_clientId)).state, QStringLiteral("connected"));
    const quint16 clientPort = clients->client(clients->rowOfClient(m_clientId)).localPort;
    QTRY_VERIFY(cell(ProxyConnectionListModel::ClientColumn).endsWith(QStringLiteral(":%1").arg(clientPort)));
    QTRY_VERIFY(cell(ProxyConnectionListModel::UpstreamColumn).startsWith(QStringLiteral("127.0.0.1:")));
    QVERIFY(find<QLabel>("proxyConnectionsLabel")->text().contains(QStringLiteral("front")));

    send(QStringLiteral("chat"), QStringLiteral("hello"));
    QTRY_COMPARE(cell(ProxyConnectionListModel::MessagesC2sColumn), QStringLiteral("1"));
    QTRY_COMPARE(cell(ProxyConnectionListModel::MessagesS2cColumn), QStringLiteral("1"));
    QVERIFY(cell(ProxyConnectionListModel::BytesC2sColumn).endsWith(QStringLiteral(" B")));
    QTRY_COMPARE(m_proxies->index(0, ProxyListModel::ConnectionsColumn).data().toString(), QStringLiteral("1"));
}

void tst_ProxyPanel::bothDirectionsAreInTheLog()
{
    const MessageLogModel *log = m_window->session()->logModel();
    QStringList directions;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row, MessageLogModel::EndpointColumn).data().toString() == QLatin1String("front #1"))
            directions.append(log->index(row, MessageLogModel::DirectionColumn).data().toString());
    }
    QCOMPARE(directions, (QStringList{QStringLiteral("c2s"), QStringLiteral("s2c")}));
    const EventLogModel *events = m_window->session()->eventModel();
    bool upstream = false;
    for (int row = 0; row < events->rowCount(); ++row)
        upstream = upstream || events->benchEvent(row).text.contains(QLatin1String("connected to the upstream"));
    QVERIFY(upstream);
}

void tst_ProxyPanel::faultSwitchesWorkOnTheOpenConnection()
{
    fillDialogOpenedBy<FaultDialog>(find<QToolButton>("addFaultButton"), [](FaultDialog *dialog) {
        auto *kinds = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        chooseWithKeys(kinds, kinds->findData(int(Fault::Kind::Drop)));
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("channelEdit")), QStringLiteral("chat"));
    });
    auto *faults = find<QTableView>("faultView");
    QCOMPARE(faults->model()->rowCount(), 1);
    QCOMPARE(faults->model()->index(0, FaultListModel::ParametersColumn).data().toString(), QStringLiteral("chat, p 1"));
    QTRY_COMPARE(proxy().spec.faults.size(), 1); // the bench took it, live
    QCOMPARE(proxy().spec.faults.constFirst().kind, Fault::Kind::Drop);
    QVERIFY(sendUntil(true));

    send(QStringLiteral("chat"), QStringLiteral("dropped"));
    send(QStringLiteral("other"), QStringLiteral("passed"));
    // One connection keeps its order: once "passed" is back, "dropped" would have been back before it.
    QTRY_COMPARE(echoes(QStringLiteral("passed")), 1);
    QCOMPARE(echoes(QStringLiteral("dropped")), 0);

    clickCheckBox(faults, 0); // the switch, off
    QCOMPARE(faults->model()->index(0, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QTRY_VERIFY(!proxy().spec.faults.constFirst().enabled);
    QVERIFY(sendUntil(false));
    send(QStringLiteral("chat"), QStringLiteral("through again"));
    QTRY_COMPARE(echoes(QStringLiteral("through again")), 1);

    clickCheckBox(faults, 0); // and on again
    QTRY_VERIFY(proxy().spec.faults.constFirst().enabled);
    QCOMPARE(proxy().connections.size(), 1);
    QCOMPARE(proxy().connections.constFirst().id, quint64(1)); // the same connection all along
}

void tst_ProxyPanel::kickEndsTheSelectedConnection()
{
    auto *connections = find<QTableView>("proxyConnectionView");
    clickRow(connections, 0);
    click("kickProxyConnectionButton");
    // The client comes back by itself, through a new connection.
    QTRY_VERIFY(connections->model()->rowCount() == 1
                && connections->model()->index(0, 0).data(ProxyConnectionListModel::ConnectionIdRole).toULongLong() == 2);
}

void tst_ProxyPanel::stopAndStartButtons()
{
    click("stopProxyButton");
    QTRY_COMPARE(m_proxies->index(0, ProxyListModel::StateColumn).data().toString(), QStringLiteral("stopped"));
    QTRY_COMPARE(find<QTableView>("proxyConnectionView")->model()->rowCount(), 0);
    click("startProxyButton");
    QTRY_COMPARE(m_proxies->index(0, ProxyListModel::StateColumn).data().toString(), QStringLiteral("listening"));
}

void tst_ProxyPanel::workspaceKeepsTheProxyAndItsFaults()
{
    const QString path = m_dir.filePath(QStringLiteral("proxied.json"));
    QString error;
    QVERIFY2(m_window->saveWorkspace(path, &error), qPrintable(error));
    Workspace saved;
    QVERIFY2(Workspace::load(path, &saved, &error), qPrintable(error));
    QCOMPARE(saved.proxies.size(), 1);
    QCOMPARE(saved.proxies.constFirst().name, QStringLiteral("front"));
    QCOMPARE(saved.proxies.constFirst().listenPort, proxy().boundPort); // "any port" saved as the one it got
    QCOMPARE(saved.proxies.constFirst().faults, proxy().spec.faults);

    QVERIFY(m_window->newWorkspace());
    QTRY_COMPARE(m_proxies->rowCount(), 0);
    QVERIFY2(m_window->openWorkspace(path, &error), qPrintable(error));
    QTRY_VERIFY(m_proxies->rowCount() == 1 && proxy().listening);
    QCOMPARE(proxy().spec.faults, saved.proxies.constFirst().faults);
    QCOMPARE(proxy().boundPort, saved.proxies.constFirst().listenPort);
    QTRY_COMPARE(find<QTableView>("faultView")->model()->rowCount(), 1);
}

QTEST_MAIN(tst_ProxyPanel)
#include "tst_proxypanel.moc"
