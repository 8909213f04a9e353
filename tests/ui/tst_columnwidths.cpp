#include <tests/ui/logentries.h>

#include <ui/widgets/clientspage.h>
#include <ui/widgets/logpage.h>
#include <ui/widgets/proxiespage.h>
#include <ui/widgets/serverspage.h>

#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <QtTest/QTest>
#include <QtWidgets/QTableView>

using namespace wirebench;

/**
 * The tables' first widths show realistic values whole: 7-digit counts,
 * IPv4-mapped endpoints, long states. The last column stretches and is
 * left out; every other cell must need no more than its column gives.
 */
class TestColumnWidths : public QObject
{
    Q_OBJECT

private slots:
    void clientsTableShowsBigCountsWhole();
    void serversAndConnectionsTablesShowTheirValuesWhole();
    void logShowsItsColumnsWholeBesideThePreview();
    void logShowsAProxysDirectionWhole();
    void proxyTablesShowTheirValuesWhole();

private:
    static void verifyCellsFit(QWidget *page, const char *viewName);
};

void TestColumnWidths::verifyCellsFit(QWidget *page, const char *viewName)
{
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page));
    auto *view = page->findChild<QTableView *>(QLatin1String(viewName));
    QVERIFY(view && view->model()->rowCount() > 0);
    const QAbstractItemView *cells = view; // QTableView hides the cells' size hint it overrides
    for (int column = 0; column + 1 < view->model()->columnCount(); ++column) {
        const QString text = view->model()->index(0, column).data().toString();
        QVERIFY2(cells->sizeHintForColumn(column) <= view->columnWidth(column),
                 qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, has %4").arg(QLatin1String(viewName), text)
                                .arg(cells->sizeHintForColumn(column)).arg(view->columnWidth(column))));
    }
}

void TestColumnWidths::clientsTableShowsBigCountsWhole()
{
    ClientState client;
    client.id = 1;
    client.name = QStringLiteral("client 100");
    client.spec.host = QStringLiteral("::ffff:127.0.0.1");
    client.spec.port = 65535;
    client.spec.receipts = true;
    client.state = QStringLiteral("reconnecting");
    client.localPort = 65535;
    client.messagesIn = 1000000;
    client.messagesOut = 1234567;
    client.bytesIn = 1000 * 1024 * 1024;
    client.bytesOut = 999 * 1024;
    client.unconfirmedMessages = 20000;
    ClientListModel model;
    ClientsPage page;
    page.setClientModel(&model);
    model.setClients({client});
    verifyCellsFit(&page, "clientView");
}

void TestColumnWidths::serversAndConnectionsTablesShowTheirValuesWhole()
{
    ServerState server;
    server.id = 1;
    server.spec.name = QStringLiteral("server 10");
    server.spec.address = QStringLiteral("::ffff:127.0.0.1");
    server.spec.port = 65535;
    server.listening = true;
    server.boundPort = 65535;
    netcore::ConnectionInfo connection;
    connection.id = 1000;
    connection.peerAddress = QHostAddress(QStringLiteral("2001:db8::1"));
    connection.peerPort = 65535;
    connection.connectedSince = QDateTime::currentDateTime();
    connection.messagesIn = 1000000;
    connection.messagesOut = 1000000;
    connection.bytesIn = 1000 * 1024 * 1024;
    server.connections = {connection};
    ServerListModel model;
    ServersPage page;
    page.setServerModel(&model);
    model.setServers({server});
    verifyCellsFit(&page, "serverView");
    auto *servers = page.findChild<QTableView *>(QStringLiteral("serverView"));
    servers->setCurrentIndex(model.index(0, 0));
    page.refreshConnections();
    verifyCellsFit(&page, "connectionView");
}

void TestColumnWidths::logShowsItsColumnsWholeBesideThePreview()
{
    LogEntry entry = testdata::entry(1, Direction::Out, QStringLiteral("server 1 #12 127.0.0.1:54321"),
                                     netcore::Message::binary(QByteArray(100, 'x'), QStringLiteral("telemetry"), 100000));
    entry.size = 3355443; // 3.2 MiB
    MessageLogModel model;
    LogPage page;
    page.setLogModel(&model);
    model.append({entry});
    verifyCellsFit(&page, "logView");
}

void TestColumnWidths::logShowsAProxysDirectionWhole()
{
    for (const Direction direction : {Direction::ClientToServer, Direction::ServerToClient}) {
        LogEntry entry = testdata::entry(1, direction, QStringLiteral("proxy 10 #1000"), netcore::Message::text(QStringLiteral("x")));
        MessageLogModel model;
        LogPage page;
        page.setLogModel(&model);
        model.append({entry});
        verifyCellsFit(&page, "logView");
    }
}

void TestColumnWidths::proxyTablesShowTheirValuesWhole()
{
    ProxyState proxy;
    proxy.id = 10;
    proxy.spec.name = QStringLiteral("proxy 10");
    proxy.spec.listenPort = 65535;
    proxy.spec.upstreamPort = 65535;
    proxy.listening = true;
    proxy.boundPort = 65535;
    ProxyConnectionState connection;
    connection.id = 1000;
    connection.clientPeer = QStringLiteral("127.0.0.1:65535");
    connection.upstreamLocal = QStringLiteral("127.0.0.1:65535");
    connection.upstreamConnected = true;
    connection.messages[0] = connection.messages[1] = 1000000;
    connection.bytes[0] = connection.bytes[1] = 1000 * 1024 * 1024;
    proxy.connections = {connection};
    Fault delay;
    delay.kind = Fault::Kind::DelayChannel;
    delay.channel = QStringLiteral("telemetry");
    delay.amount = 1000;
    Fault drop;
    drop.kind = Fault::Kind::Drop;
    drop.probability = 0.125;
    proxy.spec.faults = {delay, drop};
    ProxyListModel model;
    ProxiesPage page;
    page.setProxyModel(&model);
    model.setProxies({proxy});
    verifyCellsFit(&page, "proxyView");
    verifyCellsFit(&page, "proxyConnectionView");
    verifyCellsFit(&page, "faultView");
}

QTEST_MAIN(TestColumnWidths)
#include "tst_columnwidths.moc"
