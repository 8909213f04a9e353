#include <tests/engine/benchtap.h>
#include <tests/integration/testcertificate.h>

#include <engine/bench.h>

#include <netcore/tlsfiles.h>

#include <QtTest/QTest>

#include <algorithm>

using namespace wirebench;
using namespace benchtest;

/*
 * TLS and the peer allow-list as the bench applies them from the specs: a
 * self-signed certificate made for the test, clients that trust it (or not),
 * and settings that cannot work, which must stop a server or a client with
 * an error event instead of falling back to plaintext or to everyone.
 */
class tst_BenchTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echoOverTls_data();
    void echoOverTls();
    void untrustedCertificateIsTlsFailed();
    void plaintextClientGetsNoMessageThrough();
    void unusableServerSettingsDoNotStart_data();
    void unusableServerSettingsDoNotStart();
    void missingCaFileIsAnErrorAndNoConnection();
    void allowListRefusesAPeerOutside();
    void allowListAcceptsAPeerInside();

private:
    ServerSpec tlsEcho() const;
    /** Hosts @p spec; the port it listens on, 0 if it did not start. */
    static quint16 host(BenchTap &tap, const ServerSpec &spec, int *serverId);
    static ClientSpec clientOf(quint16 port);
    /** The code of the first error event at @p endpoint; NoError if there is none. */
    static netcore::ErrorCode firstErrorAt(const BenchTap &tap, const QString &endpoint);

    TestCertificate m_certificate;
};

void tst_BenchTls::initTestCase()
{
    QString why;
    QVERIFY2(netcore::TlsFiles::isAvailable(&why), qPrintable(why));
    QVERIFY2(m_certificate.make(&why), qPrintable(why));
}

ServerSpec tst_BenchTls::tlsEcho() const
{
    ServerSpec spec = serverSpec(ServerMode::Echo);
    spec.tlsCertificateFile = m_certificate.certificateFile();
    spec.tlsKeyFile = m_certificate.keyFile();
    return spec;
}

quint16 tst_BenchTls::host(BenchTap &tap, const ServerSpec &spec, int *serverId)
{
    *serverId = tap.bench.addServer(spec);
    tap.waitFor([&] { return tap.server(*serverId).listening || !tap.server(*serverId).error.isEmpty(); });
    return tap.server(*serverId).boundPort;
}

ClientSpec tst_BenchTls::clientOf(quint16 port)
{
    ClientSpec spec;
    spec.port = port;
    spec.autoReconnect = false; // one attempt: its outcome is what the test looks at
    return spec;
}

netcore::ErrorCode tst_BenchTls::firstErrorAt(const BenchTap &tap, const QString &endpoint)
{
    const auto error = std::find_if(tap.events.cbegin(), tap.events.cend(), [&](const BenchEvent &event) {
        return event.kind == EventKind::Error && event.endpoint == endpoint;
    });
    return error != tap.events.cend() ? error->code : netcore::ErrorCode::NoError;
}

void tst_BenchTls::echoOverTls_data()
{
    QTest::addColumn<bool>("insecure");
    QTest::newRow("trusts the CA file") << false;
    QTest::newRow("insecure on purpose") << true;
}

void tst_BenchTls::echoOverTls()
{
    QFETCH(bool, insecure);
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    const quint16 port = host(tap, tlsEcho(), &server);
    QVERIFY2(port != 0, qPrintable(tap.server(server).error));
    QVERIFY(tap.hasEvent(EventKind::ServerStarted, QStringLiteral("server 1"), QStringLiteral("with TLS")));

    ClientSpec spec = clientOf(port);
    spec.tls = true;
    spec.caFile = insecure ? QString() : m_certificate.certificateFile();
    spec.insecure = insecure;
    const QList<int> clients = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return tap.connected(clients, server); }));

    const netcore::Message message = chat(QStringLiteral("over tls"));
    bench.send({SendTarget::Kind::Clients, clients, 0, {}}, message);
    QVERIFY(tap.waitFor([&] { return tap.count(QStringLiteral("client 1"), Direction::In) == 1; }));
    QCOMPARE(tap.entriesAt(QStringLiteral("client 1"), Direction::In).value(0).message, message);
    QCOMPARE(tap.entriesAt(tap.endpointOf(server, clients.at(0)), Direction::In).value(0).message, message);
    QCOMPARE(firstErrorAt(tap, QStringLiteral("client 1")), netcore::ErrorCode::NoError);
    QCOMPARE(tap.client(clients.at(0)).spec.tls, true); // what a workspace would store
}

void tst_BenchTls::untrustedCertificateIsTlsFailed()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    const quint16 port = host(tap, tlsEcho(), &server);
    QVERIFY(port != 0);

    ClientSpec spec = clientOf(port);
    spec.tls = true; // neither a CA file nor insecure: the self-signed certificate is not trusted
    bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return firstErrorAt(tap, QStringLiteral("client 1")) != netcore::ErrorCode::NoError; }));
    QCOMPARE(firstErrorAt(tap, QStringLiteral("client 1")), netcore::ErrorCode::TlsFailed);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("client 1"), QStringLiteral("TlsFailed")));
    QVERIFY(!tap.hasEvent(EventKind::Connected, QStringLiteral("client 1")));
    QVERIFY(tap.waitFor([&] { return tap.client(1).state == QLatin1String("closed"); }));
}

void tst_BenchTls::plaintextClientGetsNoMessageThrough()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    const quint16 port = host(tap, tlsEcho(), &server);
    QVERIFY(port != 0);

    const QList<int> clients = bench.spawnClients(clientOf(port), 1); // forgot TLS
    bench.send({SendTarget::Kind::Clients, clients, 0, {}}, chat(QStringLiteral("in the clear")));
    // The server ends the handshake that never comes; nothing reached it as a message.
    QVERIFY(tap.waitFor([&] {
        return tap.hasEvent(EventKind::Disconnected, QStringLiteral("server 1 #"), QStringLiteral("TlsFailed"));
    }));
    QVERIFY(std::none_of(tap.entries.cbegin(), tap.entries.cend(),
                         [](const LogEntry &entry) { return entry.serverId != 0; }));
}

void tst_BenchTls::unusableServerSettingsDoNotStart_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("allow");
    QTest::addColumn<QString>("expected"); // a part of the error

    const QString missing = QStringLiteral("/nonexistent/wirebench/cert.pem");
    QTest::newRow("missing certificate") << missing << QStringLiteral("key") << QString() << missing;
    QTest::newRow("certificate but no key") << QStringLiteral("cert") << QString() << QString()
                                            << QStringLiteral("both a certificate file and a key file");
    QTest::newRow("key in place of the certificate") << QStringLiteral("key") << QStringLiteral("key") << QString()
                                                     << QStringLiteral("no PEM certificate");
    QTest::newRow("bad range") << QString() << QString() << QStringLiteral("127.0.0.0/8,localhost")
                               << QStringLiteral("\"localhost\" is not an address range");
}

void tst_BenchTls::unusableServerSettingsDoNotStart()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, allow);
    QFETCH(QString, expected);
    const auto file = [this](const QString &which) {
        return which == QLatin1String("cert") ? m_certificate.certificateFile()
             : which == QLatin1String("key")  ? m_certificate.keyFile()
                                              : which;
    };
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = serverSpec(ServerMode::Echo);
    spec.tlsCertificateFile = file(certificate);
    spec.tlsKeyFile = file(key);
    spec.allow = allow;
    int server = 0;
    QCOMPARE(host(tap, spec, &server), quint16(0));
    QVERIFY(!tap.server(server).listening);
    QVERIFY2(tap.server(server).error.contains(expected), qPrintable(tap.server(server).error));
    QCOMPARE(firstErrorAt(tap, QStringLiteral("server 1")), netcore::ErrorCode::InvalidConfiguration);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("server 1"), expected));
    QVERIFY(!tap.hasEvent(EventKind::ServerStarted, QStringLiteral("server 1")));
}

void tst_BenchTls::missingCaFileIsAnErrorAndNoConnection()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    const quint16 port = host(tap, tlsEcho(), &server);
    QVERIFY(port != 0);

    ClientSpec spec = clientOf(port);
    spec.tls = true;
    spec.caFile = QStringLiteral("/nonexistent/wirebench/ca.pem");
    const QList<int> clients = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return firstErrorAt(tap, QStringLiteral("client 1")) != netcore::ErrorCode::NoError; }));
    QCOMPARE(firstErrorAt(tap, QStringLiteral("client 1")), netcore::ErrorCode::InvalidConfiguration);
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("client 1"), spec.caFile));

    // Connecting again is refused the same way, and the server never sees a peer.
    bench.connectClient(clients.at(0));
    QVERIFY(tap.waitFor([&] {
        return std::count_if(tap.events.cbegin(), tap.events.cend(), [](const BenchEvent &event) {
                   return event.kind == EventKind::Error && event.endpoint == QLatin1String("client 1");
               }) == 2;
    }));
    QCOMPARE(tap.client(clients.at(0)).state, QStringLiteral("closed"));
    QVERIFY(tap.server(server).connections.isEmpty());
    QVERIFY(!tap.hasEvent(EventKind::Connected, QString()));
}

void tst_BenchTls::allowListRefusesAPeerOutside()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = serverSpec(ServerMode::Echo);
    spec.allow = QStringLiteral("10.0.0.0/8, ::2/128");
    int server = 0;
    const quint16 port = host(tap, spec, &server);
    QVERIFY(port != 0);

    bench.spawnClients(clientOf(port), 1);
    QVERIFY(tap.waitFor([&] {
        return tap.hasEvent(EventKind::Refused, QStringLiteral("server 1"), QStringLiteral("refused 127.0.0.1:"));
    }));
    QVERIFY(!tap.hasEvent(EventKind::Connected, QStringLiteral("server 1")));
    QVERIFY(tap.server(server).connections.isEmpty());
}

void tst_BenchTls::allowListAcceptsAPeerInside()
{
    Bench bench;
    BenchTap tap(bench);
    ServerSpec spec = serverSpec(ServerMode::Echo);
    spec.allow = QStringLiteral("127.0.0.0/8,::1/128");
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, spec, 2, &server, &clients, false));
    QVERIFY(!tap.hasEvent(EventKind::Refused, QString()));
}

QTEST_GUILESS_MAIN(tst_BenchTls)
#include "tst_benchtls.moc"
