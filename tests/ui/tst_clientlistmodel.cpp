#include <tests/ui/modelheaders.h>

#include <ui/models/clientlistmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestClientListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void insertsAndRemovesById();
    void stateChangeEmitsOneCell();
    void countersEmitTheirColumns();
    void texts();
    void lookups();
    void headersAreShortWithFullToolTips();
    void unconfirmedShowsForClientsWithReceipts();

private:
    static ClientState client(int id, const QString &state = QStringLiteral("connected"));
    static QList<int> ids(const ClientListModel &model);

    ClientListModel *m_model = nullptr;
};

ClientState TestClientListModel::client(int id, const QString &state)
{
    ClientState client;
    client.id = id;
    client.name = QStringLiteral("client %1").arg(id);
    client.spec.port = 5000;
    client.state = state;
    client.localPort = quint16(40000 + id);
    return client;
}

QList<int> TestClientListModel::ids(const ClientListModel &model)
{
    QList<int> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(ClientListModel::ClientIdRole).toInt());
    return result;
}

void TestClientListModel::init()
{
    m_model = new ClientListModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestClientListModel::cleanup()
{
    delete m_model;
}

void TestClientListModel::insertsAndRemovesById()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setClients({client(1), client(2), client(3)});
    QCOMPARE(inserted.count(), 1);
    m_model->setClients({client(2), client(3), client(4), client(5)});
    QCOMPARE(ids(*m_model), (QList<int>{2, 3, 4, 5}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 0);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(inserted.at(1).at(2).toInt(), 3);
}

void TestClientListModel::stateChangeEmitsOneCell()
{
    m_model->setClients({client(1, QStringLiteral("connecting")), client(2, QStringLiteral("connecting"))});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setClients({client(1, QStringLiteral("connecting")), client(2, QStringLiteral("connected"))});
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
    const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft, m_model->index(1, ClientListModel::StateColumn));
    QCOMPARE(bottomRight, m_model->index(1, ClientListModel::StateColumn));
    QCOMPARE(topLeft.data().toString(), QStringLiteral("connected"));
    QCOMPARE(topLeft.data(ClientListModel::StateRole).toString(), QStringLiteral("connected"));
}

void TestClientListModel::countersEmitTheirColumns()
{
    m_model->setClients({client(1), client(2)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setClients({client(1), client(2)});
    QCOMPARE(changed.count(), 0);

    ClientState sent = client(1);
    sent.messagesOut = 1;
    sent.bytesOut = 10;
    m_model->setClients({sent, client(2)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, ClientListModel::MessagesOutColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(0, ClientListModel::BytesOutColumn));
}

void TestClientListModel::texts()
{
    ClientState one = client(1);
    one.messagesIn = 4;
    one.messagesOut = 2;
    one.bytesIn = 1536;
    one.bytesOut = 20;
    ClientState closed = client(2, QStringLiteral("closed"));
    closed.localPort = 0;
    closed.spec.host = QStringLiteral("example.org");
    closed.spec.port = 7000;
    m_model->setClients({one, closed});

    const auto text = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(text(0, ClientListModel::NameColumn), QStringLiteral("client 1"));
    QCOMPARE(text(0, ClientListModel::EndpointColumn), QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(text(1, ClientListModel::EndpointColumn), QStringLiteral("example.org:7000"));
    QCOMPARE(text(0, ClientListModel::StateColumn), QStringLiteral("connected"));
    QCOMPARE(text(1, ClientListModel::StateColumn), QStringLiteral("closed"));
    QCOMPARE(text(0, ClientListModel::CodecColumn), QStringLiteral("envelope"));
    QCOMPARE(text(0, ClientListModel::LocalPortColumn), QStringLiteral("40001"));
    QCOMPARE(text(1, ClientListModel::LocalPortColumn), QString());
    QCOMPARE(text(0, ClientListModel::MessagesInColumn), QStringLiteral("4"));
    QCOMPARE(text(0, ClientListModel::MessagesOutColumn), QStringLiteral("2"));
    QCOMPARE(text(0, ClientListModel::BytesInColumn), QStringLiteral("1.5 KiB"));
    QCOMPARE(text(0, ClientListModel::BytesOutColumn), QStringLiteral("20 B"));
    for (int column = 0; column < ClientListModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());

    // Why it is not connected, on its row; the cell changes when the reason does.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    closed.problem = QStringLiteral("Connection refused");
    closed.spec.tls = true;
    m_model->setClients({one, closed});
    QCOMPARE(text(1, ClientListModel::StateColumn), QStringLiteral("closed: Connection refused"));
    QCOMPARE(text(1, ClientListModel::CodecColumn), QStringLiteral("tls + envelope"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(1, ClientListModel::CodecColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(1, ClientListModel::StateColumn));
}

void TestClientListModel::lookups()
{
    m_model->setClients({client(5), client(8)});
    QCOMPARE(m_model->client(1).name, QStringLiteral("client 8"));
    QCOMPARE(m_model->client(2).id, 0);
    QCOMPARE(m_model->rowOfClient(5), 0);
    QCOMPARE(m_model->rowOfClient(6), -1);
}

void TestClientListModel::headersAreShortWithFullToolTips()
{
    // Count columns are narrow: a short header, the full name as its tooltip.
    QCOMPARE(testdata::horizontalHeaders(*m_model),
             (QStringList{"Name", "Server", "Codec", "State", "Port", "In", "Out", "Bytes in", "Bytes out", "Unconfirmed"}));
    QCOMPARE(testdata::horizontalHeaders(*m_model, Qt::ToolTipRole),
             (QStringList{"Name", "Server address", "Codec", "State", "Local port", "Messages received", "Messages sent",
                          "Bytes received", "Bytes sent",
                          "Messages sent but not confirmed by the server yet (delivery receipts)"}));
}

void TestClientListModel::unconfirmedShowsForClientsWithReceipts()
{
    ClientState confirming = client(1);
    confirming.spec.receipts = true;
    confirming.unconfirmedMessages = 3;
    m_model->setClients({confirming, client(2)});
    const auto text = [this](int row) { return m_model->index(row, ClientListModel::UnconfirmedColumn).data().toString(); };
    QCOMPARE(text(0), QStringLiteral("3"));
    QCOMPARE(text(1), QString()); // no receipts: nothing waits for one

    // The server confirmed them: only that cell changes, to a plain 0.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    confirming.unconfirmedMessages = 0;
    m_model->setClients({confirming, client(2)});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, ClientListModel::UnconfirmedColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(0, ClientListModel::UnconfirmedColumn));
    QCOMPARE(text(0), QStringLiteral("0"));
}

QTEST_MAIN(TestClientListModel)
#include "tst_clientlistmodel.moc"
