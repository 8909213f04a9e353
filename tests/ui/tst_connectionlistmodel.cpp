#include <tests/ui/modelheaders.h>

#include <ui/models/connectionlistmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;
using netcore::ConnectionInfo;

class TestConnectionListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void insertsUpdatesAndRemovesById();
    void countersChangeOnlyTheirRowAndColumns();
    void adjacentChangedRowsShareOneSignal();
    void texts();
    void lookups();
    void headersAreShortWithFullToolTips();

private:
    static ConnectionInfo connection(quint64 id, quint64 messagesIn = 0);
    static QList<quint64> ids(const ConnectionListModel &model);

    ConnectionListModel *m_model = nullptr;
};

ConnectionInfo TestConnectionListModel::connection(quint64 id, quint64 messagesIn)
{
    ConnectionInfo info;
    info.id = id;
    info.peerAddress = QHostAddress(QHostAddress::LocalHost);
    info.peerPort = quint16(50000 + id);
    info.connectedSince = QDateTime(QDate(2024, 5, 1), QTime(9, 15, 0));
    info.messagesIn = messagesIn;
    return info;
}

QList<quint64> TestConnectionListModel::ids(const ConnectionListModel &model)
{
    QList<quint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(ConnectionListModel::ConnectionIdRole).toULongLong());
    return result;
}

void TestConnectionListModel::init()
{
    m_model = new ConnectionListModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestConnectionListModel::cleanup()
{
    delete m_model;
}

void TestConnectionListModel::insertsUpdatesAndRemovesById()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setConnections({connection(1), connection(2), connection(3)});
    QCOMPARE(ids(*m_model), (QList<quint64>{1, 2, 3}));
    QCOMPARE(inserted.count(), 1);

    // 2 disconnected, 4 connected.
    m_model->setConnections({connection(1), connection(3), connection(4)});
    QCOMPARE(ids(*m_model), (QList<quint64>{1, 3, 4}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);

    m_model->setConnections({});
    QCOMPARE(m_model->rowCount(), 0);
}

void TestConnectionListModel::countersChangeOnlyTheirRowAndColumns()
{
    m_model->setConnections({connection(1), connection(2), connection(3)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    m_model->setConnections({connection(1), connection(2), connection(3)});
    QCOMPARE(changed.count(), 0);

    ConnectionInfo busy = connection(2, 5);
    busy.bytesIn = 500;
    m_model->setConnections({connection(1), busy, connection(3)});
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
    const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(topLeft.column(), int(ConnectionListModel::MessagesInColumn));
    QCOMPARE(bottomRight.column(), int(ConnectionListModel::BytesInColumn));
    QCOMPARE(m_model->index(1, ConnectionListModel::MessagesInColumn).data().toString(), QStringLiteral("5"));
}

void TestConnectionListModel::adjacentChangedRowsShareOneSignal()
{
    m_model->setConnections({connection(1), connection(2), connection(3), connection(4)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    // Rows 0 and 1 change, row 2 does not, row 3 does: two signals.
    m_model->setConnections({connection(1, 1), connection(2, 1), connection(3), connection(4, 7)});
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 3);
    QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 3);
}

void TestConnectionListModel::texts()
{
    ConnectionInfo info = connection(7, 12);
    info.messagesOut = 3;
    info.bytesIn = 2048;
    info.bytesOut = 100;
    m_model->setConnections({info});

    const auto text = [this](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(text(ConnectionListModel::IdColumn), QStringLiteral("7"));
    QCOMPARE(text(ConnectionListModel::PeerColumn), QStringLiteral("127.0.0.1:50007"));
    QCOMPARE(text(ConnectionListModel::SinceColumn), QStringLiteral("09:15:00"));
    QCOMPARE(text(ConnectionListModel::MessagesInColumn), QStringLiteral("12"));
    QCOMPARE(text(ConnectionListModel::MessagesOutColumn), QStringLiteral("3"));
    QCOMPARE(text(ConnectionListModel::BytesInColumn), QStringLiteral("2.0 KiB"));
    QCOMPARE(text(ConnectionListModel::BytesOutColumn), QStringLiteral("100 B"));
    QCOMPARE(m_model->index(0, ConnectionListModel::BytesInColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2048 bytes"));
    for (int column = 0; column < ConnectionListModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestConnectionListModel::lookups()
{
    m_model->setConnections({connection(10), connection(20)});
    QCOMPARE(m_model->connection(1).id, 20u);
    QCOMPARE(m_model->connection(2).id, 0u);
    QCOMPARE(m_model->rowOfConnection(10), 0);
    QCOMPARE(m_model->rowOfConnection(30), -1);
}

void TestConnectionListModel::headersAreShortWithFullToolTips()
{
    // Count columns are narrow: a short header, the full name as its tooltip.
    QCOMPARE(testdata::horizontalHeaders(*m_model),
             (QStringList{"#", "Peer", "Since", "In", "Out", "Bytes in", "Bytes out"}));
    QCOMPARE(testdata::horizontalHeaders(*m_model, Qt::ToolTipRole),
             (QStringList{"Connection number", "Peer address", "Connected since",
                          "Messages received from this client", "Messages sent to this client",
                          "Bytes received from this client", "Bytes sent to this client"}));
}

QTEST_MAIN(TestConnectionListModel)
#include "tst_connectionlistmodel.moc"
