#include <tests/ui/modelheaders.h>

#include <ui/models/faultlistmodel.h>
#include <ui/models/proxyconnectionlistmodel.h>
#include <ui/models/proxylistmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

/** The Proxies panel's three models: proxies, one proxy's connections, and its faults as switches. */
class tst_ProxyModels : public QObject
{
    Q_OBJECT

private slots:
    void proxiesAreKeptInStepById();
    void proxyTexts();
    void connectionsShowBothEndsAndBothWays();
    void faultsShowTheirParameters_data();
    void faultsShowTheirParameters();
    void aFaultIsSwitchedByItsCheckBox();
    void newFaultsUpdateRowsInPlace();
};

namespace {

ProxyState proxy(int id, int connections = 0)
{
    ProxyState state;
    state.id = id;
    state.spec.name = QStringLiteral("proxy %1").arg(id);
    state.spec.upstreamPort = 5000;
    state.listening = true;
    state.boundPort = quint16(6000 + id);
    state.seed = 77;
    for (int i = 1; i <= connections; ++i) {
        ProxyConnectionState connection;
        connection.id = quint64(i);
        state.connections.append(connection);
    }
    return state;
}

Fault fault(Fault::Kind kind, qint64 amount = 0, qint64 extra = 0)
{
    Fault made;
    made.kind = kind;
    made.amount = amount;
    made.extra = extra;
    return made;
}

} // namespace

void tst_ProxyModels::proxiesAreKeptInStepById()
{
    ProxyListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProxies({proxy(1), proxy(2)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfProxy(2), 1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setProxies({proxy(1), proxy(2, 3)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ProxyListModel::ConnectionsColumn));
    QCOMPARE(model.index(1, ProxyListModel::ConnectionsColumn).data().toString(), QStringLiteral("3"));

    model.setProxies({proxy(2, 3)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.proxy(0).id, 2);
    QCOMPARE(model.index(0, 0).data(ProxyListModel::ProxyIdRole).toInt(), 2);
    QCOMPARE(model.proxy(5).id, 0);
}

void tst_ProxyModels::proxyTexts()
{
    ProxyListModel model;
    ProxyState running = proxy(1);
    running.spec.faults = {fault(Fault::Kind::Latency, 10), fault(Fault::Kind::Corrupt)};
    running.spec.faults[1].enabled = false;
    ProxyState failed = proxy(2);
    failed.listening = false;
    failed.error = QStringLiteral("address in use");
    ProxyState stopped = proxy(3);
    stopped.listening = false;
    model.setProxies({running, failed, stopped});
    QCOMPARE(testdata::horizontalHeaders(model),
             (QStringList{QStringLiteral("Name"), QStringLiteral("Listens on"), QStringLiteral("Upstream"),
                          QStringLiteral("State"), QStringLiteral("Conns"), QStringLiteral("Codec")}));
    const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, ProxyListModel::ListenColumn), QStringLiteral("127.0.0.1:6001"));
    QCOMPARE(text(0, ProxyListModel::UpstreamColumn), QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(text(0, ProxyListModel::CodecColumn), QStringLiteral("envelope"));
    QCOMPARE(text(0, ProxyListModel::StateColumn), QStringLiteral("listening"));
    QCOMPARE(text(1, ProxyListModel::StateColumn), QStringLiteral("failed: address in use"));
    QCOMPARE(text(2, ProxyListModel::StateColumn), QStringLiteral("stopped"));
    QCOMPARE(text(2, ProxyListModel::ListenColumn), QStringLiteral("127.0.0.1:any")); // not bound: the spec's any port
    QCOMPARE(model.index(0, ProxyListModel::NameColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("proxy 1: 1 fault(s) on, seed 77"));
}

void tst_ProxyModels::connectionsShowBothEndsAndBothWays()
{
    ProxyConnectionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ProxyConnectionState connection;
    connection.id = 4;
    connection.clientPeer = QStringLiteral("127.0.0.1:50001");
    ProxyConnectionState up = connection;
    model.setConnections({connection});
    QCOMPARE(model.index(0, ProxyConnectionListModel::UpstreamColumn).data().toString(), QStringLiteral("connecting…"));

    up.upstreamConnected = true;
    up.upstreamLocal = QStringLiteral("127.0.0.1:50002");
    up.messages[0] = 3;
    up.messages[1] = 2;
    up.bytes[0] = 30;
    up.bytes[1] = 2048;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setConnections({up});
    QCOMPARE(changed.count(), 1);
    const auto text = [&](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(text(ProxyConnectionListModel::IdColumn), QStringLiteral("4"));
    QCOMPARE(text(ProxyConnectionListModel::ClientColumn), QStringLiteral("127.0.0.1:50001"));
    QCOMPARE(text(ProxyConnectionListModel::UpstreamColumn), QStringLiteral("127.0.0.1:50002"));
    QCOMPARE(text(ProxyConnectionListModel::MessagesC2sColumn), QStringLiteral("3"));
    QCOMPARE(text(ProxyConnectionListModel::MessagesS2cColumn), QStringLiteral("2"));
    QCOMPARE(text(ProxyConnectionListModel::BytesC2sColumn), QStringLiteral("30 B"));
    QCOMPARE(text(ProxyConnectionListModel::BytesS2cColumn), QStringLiteral("2.0 KiB"));
    QCOMPARE(model.index(0, 0).data(ProxyConnectionListModel::ConnectionIdRole).toULongLong(), quint64(4));
    QCOMPARE(testdata::horizontalHeaders(model).mid(3),
             (QStringList{QStringLiteral("c2s"), QStringLiteral("s2c"), QStringLiteral("Bytes c2s"),
                          QStringLiteral("Bytes s2c")}));
    QCOMPARE(model.rowOfConnection(4), 0);
    model.setConnections({});
    QCOMPARE(model.rowCount(), 0);
}

void tst_ProxyModels::faultsShowTheirParameters_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("parameters");

    Fault drop = fault(Fault::Kind::Drop);
    drop.channel = QStringLiteral("chat");
    drop.probability = 0.5;
    Fault duplicate = fault(Fault::Kind::Duplicate);
    Fault corrupt = fault(Fault::Kind::Corrupt);
    corrupt.probability = 0.25;
    Fault delayed = fault(Fault::Kind::DelayChannel, 300);
    delayed.channel = QStringLiteral("telemetry");
    QTest::newRow("latency") << fault(Fault::Kind::Latency, 100, 20) << "latency" << "100 ms ± 20 ms";
    QTest::newRow("latency, no jitter") << fault(Fault::Kind::Latency, 100) << "latency" << "100 ms";
    QTest::newRow("bandwidth") << fault(Fault::Kind::Bandwidth, 64) << "bandwidth" << "64 KiB/s";
    QTest::newRow("slice") << fault(Fault::Kind::Slice, 16, 500) << "slice" << "16 B writes, 500 µs apart";
    QTest::newRow("limit data") << fault(Fault::Kind::LimitData, 2048) << "limit data" << "after 2.0 KiB";
    QTest::newRow("timeout") << fault(Fault::Kind::Timeout, 0) << "timeout" << "holds it open";
    QTest::newRow("reset after") << fault(Fault::Kind::ResetAfter, 1000) << "reset after" << "1000 ms";
    QTest::newRow("drop") << drop << "drop" << "chat, p 0.5";
    QTest::newRow("duplicate") << duplicate << "duplicate" << "any channel, p 1";
    QTest::newRow("corrupt") << corrupt << "corrupt" << "p 0.25";
    QTest::newRow("delay channel") << delayed << "delay channel" << "telemetry by 300 ms";
}

void tst_ProxyModels::faultsShowTheirParameters()
{
    QFETCH(Fault, fault);
    QFETCH(QString, kind);
    QFETCH(QString, parameters);
    FaultListModel model;
    fault.directions = Fault::Directions::ServerToClient;
    model.setFaults({fault});
    QCOMPARE(model.index(0, FaultListModel::KindColumn).data().toString(), kind);
    QCOMPARE(model.index(0, FaultListModel::ParametersColumn).data().toString(), parameters);
    QCOMPARE(model.index(0, FaultListModel::DirectionsColumn).data().toString(), QStringLiteral("s2c"));
}

void tst_ProxyModels::aFaultIsSwitchedByItsCheckBox()
{
    FaultListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFaults({fault(Fault::Kind::Latency, 5), fault(Fault::Kind::Corrupt)});
    const QModelIndex corrupt = model.index(1, FaultListModel::KindColumn);
    QVERIFY(model.flags(corrupt) & Qt::ItemIsUserCheckable);
    QVERIFY(!(model.flags(model.index(1, FaultListModel::ParametersColumn)) & Qt::ItemIsUserCheckable));
    QCOMPARE(corrupt.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);

    QSignalSpy edited(&model, &FaultListModel::faultsEdited);
    QVERIFY(model.setData(corrupt, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(edited.count(), 1);
    const auto faults = edited.at(0).at(0).value<QList<Fault>>();
    QCOMPARE(faults.size(), 2);
    QVERIFY(faults.at(0).enabled);
    QVERIFY(!faults.at(1).enabled);
    QCOMPARE(corrupt.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(model.setData(corrupt, Qt::Unchecked, Qt::CheckStateRole)); // already off: nothing to say
    QCOMPARE(edited.count(), 1);
    QVERIFY(!model.setData(model.index(1, FaultListModel::ParametersColumn), QStringLiteral("x"), Qt::EditRole));
}

void tst_ProxyModels::newFaultsUpdateRowsInPlace()
{
    FaultListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &FaultListModel::faultsEdited);
    model.setFaults({fault(Fault::Kind::Latency, 5), fault(Fault::Kind::Corrupt), fault(Fault::Kind::Bandwidth, 8)});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFaults({fault(Fault::Kind::Latency, 5), fault(Fault::Kind::Latency, 9)});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1); // only the second row changed
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(model.fault(1).amount, qint64(9));
    QCOMPARE(model.fault(7), Fault());
    QCOMPARE(edited.count(), 0); // a snapshot is not the user's edit
}

QTEST_GUILESS_MAIN(tst_ProxyModels)
#include "tst_proxymodels.moc"
