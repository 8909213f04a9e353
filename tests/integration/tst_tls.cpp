#include <tests/integration/rawpeer.h>
#include <tests/integration/testcertificate.h>
#include <tests/integration/testhelpers.h>

using namespace netcore;

/*
 * TLS on both sides, with a self-signed certificate made for the test: the
 * server serves it, a client trusts it through its CA file or on purpose
 * (insecure), and everything else is refused with a reason.
 */
class tst_Tls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void echoOverTls_data();
    void echoOverTls();
    void untrustedCertificateIsRefused();
    void wrongHostNameIsRefused();
    void plaintextPeerOnATlsPortIsClosed();
    void silentPeerIsClosedAfterTheHandshakeTimeout();
    void missingFilesAreClearErrors();

private:
    std::unique_ptr<Server> tlsEchoServer(int handshakeTimeout = 10000,
                                          const QHostAddress &address = QHostAddress::LocalHost);

    TestCertificate m_certificate;
};

void tst_Tls::initTestCase()
{
    QString why;
    QVERIFY2(TlsFiles::isAvailable(&why), qPrintable(why));
    QVERIFY2(m_certificate.make(&why), qPrintable(why));
}

std::unique_ptr<Server> tst_Tls::tlsEchoServer(int handshakeTimeout, const QHostAddress &address)
{
    QSslConfiguration configuration;
    QString error;
    if (!TlsFiles::serverConfiguration(m_certificate.certificateFile(), m_certificate.keyFile(), &configuration, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    auto server = std::make_unique<Server>();
    server->setWorkers(1);
    server->setTlsConfiguration(configuration, handshakeTimeout);
    Server *raw = server.get();
    server->setMessageHandler([raw](quint64 connection, const MessageView &message) {
        return raw->send(connection, message);
    });
    if (!server->listen(address))
        return nullptr;
    return server;
}

void tst_Tls::echoOverTls_data()
{
    QTest::addColumn<bool>("insecure");
    QTest::newRow("trusts the CA file") << false;
    QTest::newRow("insecure on purpose") << true;
}

void tst_Tls::echoOverTls()
{
    QFETCH(bool, insecure);
    auto server = tlsEchoServer();
    QVERIFY(server);
    QVERIFY(server->isTlsEnabled());
    QSslConfiguration configuration;
    QString error;
    QVERIFY(TlsFiles::clientConfiguration(insecure ? QString() : m_certificate.certificateFile(), insecure,
                                          &configuration, &error));
    Client client;
    client.setTlsConfiguration(configuration);
    client.connectToHost(QStringLiteral("127.0.0.1"), server->serverPort());
    QVERIFY(client.waitForConnected(10000));
    const Message big(MessageType::Binary, QByteArray(300 * 1024, 'z'), QStringLiteral("bulk"), 9);
    client.send(Message::text(QStringLiteral("over tls"), QStringLiteral("c"), 1));
    client.send(big);
    const auto first = client.receive(10000);
    QVERIFY(first);
    QCOMPARE(*first, Message::text(QStringLiteral("over tls"), QStringLiteral("c"), 1));
    const auto second = client.receive(10000);
    QVERIFY(second);
    QCOMPARE(*second, big);
}

void tst_Tls::untrustedCertificateIsRefused()
{
    auto server = tlsEchoServer();
    QVERIFY(server);
    QSslConfiguration configuration;
    QString error;
    QVERIFY(TlsFiles::clientConfiguration(QString(), false, &configuration, &error)); // system CAs only
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.setTlsConfiguration(configuration);
    client.connectToHost(QStringLiteral("127.0.0.1"), server->serverPort());
    QVERIFY(!client.waitForConnected(5000));
    QTRY_VERIFY(!errors.isEmpty());
    const Error reported = errors.at(0).at(0).value<Error>();
    QCOMPARE(reported.code, ErrorCode::TlsFailed);
    // The reason itself, as OpenSSL found it, not any message that mentions certificates.
    QVERIFY2(reported.message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
             qPrintable(reported.message));
}

void tst_Tls::wrongHostNameIsRefused()
{
    // The certificate names localhost and 127.0.0.1; this server is reached as 127.0.0.2.
    auto server = tlsEchoServer(10000, QHostAddress(QStringLiteral("127.0.0.2")));
    QVERIFY(server);
    QSslConfiguration configuration;
    QString error;
    QVERIFY(TlsFiles::clientConfiguration(m_certificate.certificateFile(), false, &configuration, &error));
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.setTlsConfiguration(configuration);
    client.connectToHost(QStringLiteral("127.0.0.2"), server->serverPort());
    QVERIFY(!client.waitForConnected(5000));
    QTRY_VERIFY(!errors.isEmpty());
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::TlsFailed);
    QVERIFY2(errors.at(0).at(0).value<Error>().message.contains(QLatin1String("host name"), Qt::CaseInsensitive),
             qPrintable(errors.at(0).at(0).value<Error>().message));
}

void tst_Tls::plaintextPeerOnATlsPortIsClosed()
{
    auto server = tlsEchoServer();
    QVERIFY(server);
    QSignalSpy gone(server.get(), &Server::clientDisconnected);
    auto plain = testing::connectedClient(server->serverPort()); // a netcore client without TLS
    QVERIFY(plain);
    plain->send(Message::text(QStringLiteral("hello in clear")));
    QVERIFY(plain->waitForDisconnected(5000));
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::TlsFailed);
    QVERIFY(gone.at(0).at(2).toString().contains(QLatin1String("TLS")));
}

void tst_Tls::silentPeerIsClosedAfterTheHandshakeTimeout()
{
    auto server = tlsEchoServer(300);
    QVERIFY(server);
    QSignalSpy gone(server.get(), &Server::clientDisconnected);
    RawPeer silent;
    QVERIFY(silent.connectTo(server->serverPort()));
    QVERIFY(silent.waitForClose(5000));
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::TlsFailed);
    QVERIFY(gone.at(0).at(2).toString().contains(QLatin1String("300 ms")));
}

void tst_Tls::missingFilesAreClearErrors()
{
    QSslConfiguration configuration;
    QString error;
    QVERIFY(!TlsFiles::serverConfiguration(QStringLiteral("/nonexistent/cert.pem"), m_certificate.keyFile(),
                                           &configuration, &error));
    QVERIFY(error.contains(QLatin1String("/nonexistent/cert.pem")));
    QVERIFY(!TlsFiles::serverConfiguration(m_certificate.certificateFile(), m_certificate.certificateFile(),
                                           &configuration, &error));
    QVERIFY(error.contains(QLatin1String("private key")));
    QVERIFY(!TlsFiles::clientConfiguration(m_certificate.keyFile(), false, &configuration, &error));
    QVERIFY(error.contains(QLatin1String("no PEM certificate")));
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
