#include <ui/models/serverlistmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestServerListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstSnapshotInsertsOnce();
    void sameSnapshotEmitsNothing();
    void onlyChangedRowsAndColumnsEmit();
    void unshownChangesAreKeptQuietly();
    void addAndRemoveServers();
    void removingEveryServer();
    void texts();
    void tlsAndAllowedPeersAreShown();
    void receiptsAreShownWithTheCodec();
    void lookups();

private:
    static ServerState server(int id, quint16 port, int connections = 0);
    static QList<int> ids(const ServerListModel &model);

    ServerListModel *m_model = nullptr;
};

ServerState TestServerListModel::server(int id, quint16 port, int connections)
{
    ServerState state;
    state.id = id;
    state.spec.port = port;
    state.listening = true;
    state.boundPort = port;
    for (int i = 1; i <= connections; ++i) {
        netcore::ConnectionInfo connection;
        connection.id = quint64(i);
        state.connections.append(connection);
    }
    return state;
}

QList<int> TestServerListModel::ids(const ServerListModel &model)
{
    QList<int> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(ServerListModel::ServerIdRole).toInt());
    return result;
}

void TestServerListModel::init()
{
    m_model = new ServerListModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestServerListModel::cleanup()
{
    delete m_model;
}

void TestServerListModel::firstSnapshotInsertsOnce()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->setServers({server(1, 5000), server(2, 5001)});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(ids(*m_model), (QList<int>{1, 2}));
}

void TestServerListModel::sameSnapshotEmitsNothing()
{
    m_model->setServers({server(1, 5000), server(2, 5001)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    for (int tick = 0; tick < 5; ++tick)
        m_model->setServers({server(1, 5000), server(2, 5001)});
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestServerListModel::onlyChangedRowsAndColumnsEmit()
{
    m_model->setServers({server(1, 5000), server(2, 5001), server(3, 5002)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    ServerState stopped = server(2, 5001);
    stopped.listening = false;
    m_model->setServers({server(1, 5000), stopped, server(3, 5002)});
    QCOMPARE(changed.count(), 1);
    auto topLeft = changed.at(0).at(0).toModelIndex();
    auto bottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(topLeft.column(), int(ServerListModel::StateColumn));
    QCOMPARE(bottomRight.column(), int(ServerListModel::StateColumn));
    QCOMPARE(m_model->index(1, ServerListModel::StateColumn).data().toString(), QStringLiteral("stopped"));

    changed.clear();
    m_model->setServers({server(1, 5000), stopped, server(3, 5002, 2)}); // two clients joined server 3
    QCOMPARE(changed.count(), 1);
    topLeft = changed.at(0).at(0).toModelIndex();
    QCOMPARE(topLeft.row(), 2);
    QCOMPARE(topLeft.column(), int(ServerListModel::ClientsColumn));
    QCOMPARE(m_model->index(2, ServerListModel::ClientsColumn).data().toString(), QStringLiteral("2"));
}

void TestServerListModel::unshownChangesAreKeptQuietly()
{
    m_model->setServers({server(1, 5000, 1)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    ServerState busier = server(1, 5000, 1);
    busier.connections[0].messagesIn = 99; // no column shows it
    m_model->setServers({busier});
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_model->server(0).connections.at(0).messagesIn, 99u); // but the row holds the new snapshot
}

void TestServerListModel::addAndRemoveServers()
{
    m_model->setServers({server(1, 5000), server(2, 5001), server(3, 5002), server(4, 5003)});
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    // 2 and 3 go (one adjacent run), 5 comes.
    m_model->setServers({server(1, 5000), server(4, 5003), server(5, 5004)});
    QCOMPARE(ids(*m_model), (QList<int>{1, 4, 5}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(changed.count(), 0);

    // 1 and 5 go (two runs), 6 and 7 come.
    removed.clear();
    inserted.clear();
    m_model->setServers({server(4, 5003), server(6, 5005), server(7, 5006)});
    QCOMPARE(ids(*m_model), (QList<int>{4, 6, 7}));
    QCOMPARE(removed.count(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowOfServer(4), 0);
    QCOMPARE(m_model->rowOfServer(7), 2);
    QCOMPARE(m_model->rowOfServer(1), -1);
}

void TestServerListModel::removingEveryServer()
{
    m_model->setServers({server(1, 5000), server(2, 5001)});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setServers({});
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowOfServer(1), -1);
}

void TestServerListModel::texts()
{
    ServerState named = server(1, 5000, 3);
    named.spec.name = QStringLiteral("echo box");
    named.spec.maxClients = 10;
    named.spec.codec = netcore::CodecConfig::line();
    ServerState unnamed = server(2, 0);
    unnamed.paused = true;
    unnamed.boundPort = 40000;
    ServerState stopped = server(3, 0);
    stopped.listening = false;
    stopped.spec.address = QStringLiteral("::1");
    ServerState failed = server(4, 80);
    failed.listening = false;
    failed.error = QStringLiteral("The address is in use");
    m_model->setServers({named, unnamed, stopped, failed});

    const auto text = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(text(0, ServerListModel::NameColumn), QStringLiteral("echo box"));
    QCOMPARE(text(1, ServerListModel::NameColumn), QStringLiteral("server 2"));
    QCOMPARE(text(0, ServerListModel::AddressColumn), QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(text(1, ServerListModel::AddressColumn), QStringLiteral("127.0.0.1:40000")); // the bound port
    QCOMPARE(text(2, ServerListModel::AddressColumn), QStringLiteral("[::1]:any"));
    QCOMPARE(text(0, ServerListModel::CodecColumn), QStringLiteral("line"));
    QCOMPARE(text(1, ServerListModel::CodecColumn), QStringLiteral("envelope"));
    QCOMPARE(text(0, ServerListModel::StateColumn), QStringLiteral("listening"));
    QCOMPARE(text(1, ServerListModel::StateColumn), QStringLiteral("paused"));
    QCOMPARE(text(2, ServerListModel::StateColumn), QStringLiteral("stopped"));
    QCOMPARE(text(3, ServerListModel::StateColumn), QStringLiteral("failed: The address is in use")); // the reason on the row
    QCOMPARE(m_model->index(3, ServerListModel::StateColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("failed: The address is in use"));
    QCOMPARE(text(0, ServerListModel::ModeColumn), QStringLiteral("silent"));
    named.spec.mode = ServerMode::Echo;
    m_model->setServers({named, unnamed, stopped, failed});
    QCOMPARE(text(0, ServerListModel::ModeColumn), QStringLiteral("echo"));
    QCOMPARE(text(0, ServerListModel::ClientsColumn), QStringLiteral("3/10"));
    QCOMPARE(text(1, ServerListModel::ClientsColumn), QStringLiteral("0"));
    for (int column = 0; column < ServerListModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestServerListModel::tlsAndAllowedPeersAreShown()
{
    ServerState plain = server(1, 5000);
    ServerState secure = server(2, 5001);
    secure.spec.tlsCertificateFile = QStringLiteral("/etc/wirebench/cert.pem");
    secure.spec.tlsKeyFile = QStringLiteral("/etc/wirebench/key.pem");
    m_model->setServers({plain, secure});
    const auto text = [this](int row, int column, int role = Qt::DisplayRole) {
        return m_model->index(row, column).data(role).toString();
    };
    QCOMPARE(text(0, ServerListModel::CodecColumn), QStringLiteral("envelope"));
    QCOMPARE(text(1, ServerListModel::CodecColumn), QStringLiteral("tls + envelope"));
    QVERIFY(text(1, ServerListModel::CodecColumn, Qt::ToolTipRole).contains(QLatin1String("/etc/wirebench/cert.pem")));

    // Turning TLS off, or restricting the peers, repaints just the column that shows it.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    ServerState plainAgain = secure;
    plainAgain.spec.tlsKeyFile.clear();
    m_model->setServers({plain, plainAgain});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ServerListModel::CodecColumn));
    QCOMPARE(text(1, ServerListModel::CodecColumn), QStringLiteral("envelope"));

    changed.clear();
    ServerState restricted = plain;
    restricted.spec.allow = QStringLiteral("127.0.0.0/8");
    m_model->setServers({restricted, plainAgain});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ServerListModel::AddressColumn));
    QCOMPARE(text(0, ServerListModel::AddressColumn), QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(text(0, ServerListModel::AddressColumn, Qt::ToolTipRole),
             QStringLiteral("127.0.0.1:5000, accepts only 127.0.0.0/8"));
}

void TestServerListModel::receiptsAreShownWithTheCodec()
{
    ServerState confirming = server(1, 5000);
    confirming.spec.receipts = true;
    ServerState secure = server(2, 5001);
    secure.spec.tlsCertificateFile = QStringLiteral("/etc/wirebench/cert.pem");
    secure.spec.tlsKeyFile = QStringLiteral("/etc/wirebench/key.pem");
    secure.spec.receipts = true;
    m_model->setServers({confirming, secure});
    const auto text = [this](int row) { return m_model->index(row, ServerListModel::CodecColumn).data().toString(); };
    QCOMPARE(text(0), QStringLiteral("envelope + receipts"));
    QCOMPARE(text(1), QStringLiteral("tls + envelope + receipts"));

    // Turning them off repaints just the codec cell.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    ServerState plain = confirming;
    plain.spec.receipts = false;
    m_model->setServers({plain, secure});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, ServerListModel::CodecColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(0, ServerListModel::CodecColumn));
    QCOMPARE(text(0), QStringLiteral("envelope"));
}

void TestServerListModel::lookups()
{
    m_model->setServers({server(3, 5000, 2), server(9, 5001)});
    QCOMPARE(m_model->server(0).id, 3);
    QCOMPARE(m_model->server(0).connections.size(), 2);
    QCOMPARE(m_model->server(1).id, 9);
    QCOMPARE(m_model->server(2).id, 0);
    QCOMPARE(m_model->server(-1).id, 0);
    QCOMPARE(m_model->rowOfServer(9), 1);
    QCOMPARE(m_model->rowOfServer(42), -1);
}

QTEST_MAIN(TestServerListModel)
#include "tst_serverlistmodel.moc"
