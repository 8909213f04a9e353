#include <tests/integration/testhelpers.h>

#include <QtCore/QRegularExpression>
#include <QtNetwork/QTcpSocket>

using namespace netcore;

/*
 * error() means the same on Server and Client: the error of the latest failed
 * call (one that returned false) or asynchronous failure (errorOccurred()),
 * NoError before the first; a later success leaves it as it is. Setters that
 * cannot take effect refuse with false, a warning and the error.
 */
class tst_ErrorState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverTakesTheLatestAsynchronousFailure();
    void serverTakesTheLatestFailedCall();
    void serverSettersRefuseWhileListening_data();
    void serverSettersRefuseWhileListening();
    void serverKeepsTheErrorAcrossALaterSuccess();
    void clientTakesTheLatestAsynchronousFailure();
    void clientRefusesReceiptsWithoutChannels();
    void clientKeepsTheErrorAcrossALaterSuccess();
};

void tst_ErrorState::serverTakesTheLatestAsynchronousFailure()
{
    Server server;
    QVERIFY(server.listen());
    QCOMPARE(server.error(), ErrorCode::NoError);
    QSignalSpy errors(&server, &Server::errorOccurred);
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(peer.waitForConnected(5000));
    peer.write(QByteArray::fromHex("0000000a0901000000000000" "6869")); // type 9: no such type
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::UnknownMessageType);
    QCOMPARE(server.error(), ErrorCode::UnknownMessageType);
    QCOMPARE(server.errorString(), errors.at(0).at(0).value<Error>().message);
}

void tst_ErrorState::serverTakesTheLatestFailedCall()
{
    Server server;
    QVERIFY(server.listen());
    QVERIFY(!server.disconnectClient(42));
    QCOMPARE(server.error(), ErrorCode::NotConnected);
    QVERIFY(server.errorString().contains(QLatin1String("42")));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("already listening")));
    QVERIFY(!server.listen());
    QCOMPARE(server.error(), ErrorCode::ListenFailed);
    QVERIFY(server.isListening()); // the refused call changed nothing else

    OutputLimits inverted;
    inverted.lowWatermark = inverted.highWatermark + 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("setOutputLimits")));
    QVERIFY(!server.setOutputLimits(inverted));
    QCOMPARE(server.error(), ErrorCode::InvalidConfiguration);
    QCOMPARE(server.errorString(), inverted.validate());
}

void tst_ErrorState::serverSettersRefuseWhileListening_data()
{
    QTest::addColumn<QString>("setter");
    QTest::newRow("setWorkers") << QStringLiteral("setWorkers");
    QTest::newRow("setMessageHandler") << QStringLiteral("setMessageHandler");
    QTest::newRow("setTlsConfiguration") << QStringLiteral("setTlsConfiguration");
    QTest::newRow("setDeliveryReceipts") << QStringLiteral("setDeliveryReceipts");
}

void tst_ErrorState::serverSettersRefuseWhileListening()
{
    QFETCH(QString, setter);
    Server server;
    QVERIFY(server.listen());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(setter + QStringLiteral(".*before listen")));
    if (setter == QLatin1String("setWorkers")) {
        QVERIFY(!server.setWorkers(3));
        QCOMPARE(server.workers(), 0);
    } else if (setter == QLatin1String("setMessageHandler")) {
        QVERIFY(!server.setMessageHandler([](quint64, const MessageView &) { return true; }));
    } else if (setter == QLatin1String("setTlsConfiguration")) {
        QVERIFY(!server.setTlsConfiguration(QSslConfiguration::defaultConfiguration()));
        QVERIFY(!server.isTlsEnabled());
    } else {
        QVERIFY(!server.setDeliveryReceipts(true));
        QVERIFY(!server.deliveryReceipts());
    }
    QCOMPARE(server.error(), ErrorCode::InvalidConfiguration);
    QVERIFY(server.errorString().contains(QLatin1String("before listen")));

    // The server goes on as it was: without a handler, messages still come as signals.
    QSignalSpy messages(&server, &Server::messageReceived);
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QVERIFY(client->send(Message::text(QStringLiteral("still served"))));
    QTRY_COMPARE(messages.count(), 1);
}

void tst_ErrorState::serverKeepsTheErrorAcrossALaterSuccess()
{
    Server first;
    QVERIFY(first.listen());
    Server second;
    QVERIFY(!second.listen(QHostAddress::LocalHost, first.serverPort()));
    QCOMPARE(second.error(), ErrorCode::AddressInUse);
    const QString why = second.errorString();
    QVERIFY(second.listen());
    QCOMPARE(second.error(), ErrorCode::AddressInUse);
    QCOMPARE(second.errorString(), why);
}

void tst_ErrorState::clientTakesTheLatestAsynchronousFailure()
{
    Client client;
    QCOMPARE(client.error(), ErrorCode::NoError);
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(QStringLiteral("127.0.0.1"), testing::freePort());
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(client.error(), ErrorCode::ConnectionRefused);
    QCOMPARE(client.errorString(), errors.at(0).at(0).value<Error>().message);
}

void tst_ErrorState::clientRefusesReceiptsWithoutChannels()
{
    Client client(CodecConfig::line());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("setDeliveryReceipts")));
    QVERIFY(!client.setDeliveryReceipts(true));
    QVERIFY(!client.deliveryReceipts());
    QCOMPARE(client.error(), ErrorCode::InvalidConfiguration);
    QVERIFY(!client.errorString().isEmpty());
}

void tst_ErrorState::clientKeepsTheErrorAcrossALaterSuccess()
{
    Server server;
    const quint16 port = testing::freePort();
    Client client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(!client.waitForConnected(5000));
    QCOMPARE(client.error(), ErrorCode::ConnectionRefused);
    const QString why = client.errorString();
    QVERIFY(server.listen(QHostAddress::LocalHost, port));
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(client.error(), ErrorCode::ConnectionRefused);
    QCOMPARE(client.errorString(), why);
}

QTEST_GUILESS_MAIN(tst_ErrorState)
#include "tst_errorstate.moc"
