#include <netcore/connectioninfo.h>
#include <netcore/endpoint.h>

#include <QtNetwork/QHostAddress>
#include <QtTest/QTest>

using netcore::Endpoint;

/** The one HOST:PORT parser and formatter: the CLI, the engine, the dialogs and netcore all use it. */
class TestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseRefuses_data();
    void parseRefuses();
    void format_data();
    void format();
    void listenAddress_data();
    void listenAddress();
    void listenAddressRefuses_data();
    void listenAddressRefuses();
    void peerStringIsTheSameFormat();
};

void TestEndpoint::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1") << 5000;
    QTest::newRow("name") << QStringLiteral("localhost:80") << QStringLiteral("localhost") << 80;
    QTest::newRow("ipv6 bracketed") << QStringLiteral("[::1]:5000") << QStringLiteral("::1") << 5000;
    QTest::newRow("ipv6 bracketed, no port") << QStringLiteral("[fe80::1]") << QStringLiteral("fe80::1") << 0;
    QTest::newRow("ipv6 bare") << QStringLiteral("::1") << QStringLiteral("::1") << 0;
    QTest::newRow("port only") << QStringLiteral("5000") << QStringLiteral("default.host") << 5000;
    QTest::newRow("colon port") << QStringLiteral(":7") << QStringLiteral("default.host") << 7;
    QTest::newRow("host only") << QStringLiteral("example.org") << QStringLiteral("example.org") << 0;
    QTest::newRow("empty") << QString() << QStringLiteral("default.host") << 0;
    QTest::newRow("highest port") << QStringLiteral("h:65535") << QStringLiteral("h") << 65535;
    QTest::newRow("port 0") << QStringLiteral("h:0") << QStringLiteral("h") << 0;
}

void TestEndpoint::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    Endpoint endpoint;
    QString error;
    QVERIFY2(Endpoint::parse(text, QStringLiteral("default.host"), &endpoint, &error), qPrintable(error));
    QCOMPARE(endpoint.host, host);
    QCOMPARE(int(endpoint.port), port);
}

void TestEndpoint::parseRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("port too big") << QStringLiteral("h:65536") << QStringLiteral("\"65536\" is not a port number");
    QTest::newRow("port 99999") << QStringLiteral("h:99999") << QStringLiteral("\"99999\" is not a port number");
    QTest::newRow("port letters") << QStringLiteral("h:http") << QStringLiteral("\"http\" is not a port number");
    QTest::newRow("port signed") << QStringLiteral("h:+80") << QStringLiteral("\"+80\" is not a port number");
    QTest::newRow("port spaced") << QStringLiteral("h: 80") << QStringLiteral("\" 80\" is not a port number");
    QTest::newRow("port arabic-indic") << QStringLiteral("h:\u0668\u0660") << QStringLiteral("is not a port number");
    QTest::newRow("port too long") << QStringLiteral("h:000080") << QStringLiteral("is not a port number");
    QTest::newRow("colon, no port") << QStringLiteral("h:") << QStringLiteral("\"\" is not a port number");
    QTest::newRow("brackets, colon, no port") << QStringLiteral("[::1]:") << QStringLiteral("\"\" is not a port number");
    QTest::newRow("ipv6 port too big") << QStringLiteral("[::1]:65536") << QStringLiteral("\"65536\" is not a port number");
    QTest::newRow("unclosed bracket") << QStringLiteral("[::1:80") << QStringLiteral("is not HOST:PORT");
    QTest::newRow("junk after bracket") << QStringLiteral("[::1]x80") << QStringLiteral("is not HOST:PORT");
}

void TestEndpoint::parseRefuses()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    Endpoint endpoint{QStringLiteral("untouched"), 1};
    QString error;
    QVERIFY(!Endpoint::parse(text, QStringLiteral("d"), &endpoint, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(endpoint.host, QStringLiteral("untouched"));
    QVERIFY(!Endpoint::parse(text, QStringLiteral("d"), &endpoint)); // no error wanted: still refused
}

void TestEndpoint::format_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("text");

    QTest::newRow("ipv4") << QStringLiteral("10.0.0.1") << 80 << QStringLiteral("10.0.0.1:80");
    QTest::newRow("name") << QStringLiteral("localhost") << 5000 << QStringLiteral("localhost:5000");
    QTest::newRow("ipv6") << QStringLiteral("::1") << 5000 << QStringLiteral("[::1]:5000");
    QTest::newRow("ipv6 scoped") << QStringLiteral("fe80::1%eth0") << 1 << QStringLiteral("[fe80::1%eth0]:1");
    QTest::newRow("ipv6 any") << QStringLiteral("::") << 80 << QStringLiteral("[::]:80");
}

void TestEndpoint::format()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, text);
    QCOMPARE(Endpoint::format(host, quint16(port)), text);
    QCOMPARE((Endpoint{host, quint16(port)}.toString()), text);
    // What format() writes, parse() reads back.
    Endpoint parsed;
    QString error;
    QVERIFY(Endpoint::parse(text, QString(), &parsed, &error));
    QCOMPARE(parsed, (Endpoint{host, quint16(port)}));
}

void TestEndpoint::listenAddress_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QHostAddress>("address");

    QTest::newRow("star") << QStringLiteral("*") << QHostAddress(QHostAddress::Any);
    QTest::newRow("any") << QStringLiteral("any") << QHostAddress(QHostAddress::Any);
    QTest::newRow("localhost") << QStringLiteral("localhost") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("spaced localhost") << QStringLiteral(" localhost ") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("ipv4") << QStringLiteral("192.168.1.2") << QHostAddress(QStringLiteral("192.168.1.2"));
    QTest::newRow("ipv6") << QStringLiteral("::1") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void TestEndpoint::listenAddress()
{
    QFETCH(QString, host);
    QFETCH(QHostAddress, address);
    QHostAddress parsed;
    QString error;
    QVERIFY2(Endpoint::parseListenAddress(host, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed, address);
}

void TestEndpoint::listenAddressRefuses_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("reason");

    QTest::newRow("out of range") << QStringLiteral("999.1.1.1") << QStringLiteral("\"999.1.1.1\" is not an IP address");
    QTest::newRow("a name") << QStringLiteral("example.org") << QStringLiteral("\"example.org\" is not an IP address");
    // Every interface is said on purpose, never by leaving the field empty.
    QTest::newRow("empty") << QString() << QStringLiteral("no address: say any");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("no address: say any");
}

void TestEndpoint::listenAddressRefuses()
{
    QFETCH(QString, host);
    QFETCH(QString, reason);
    QHostAddress parsed;
    QString error;
    QVERIFY(!Endpoint::parseListenAddress(host, &parsed, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!Endpoint::parseListenAddress(host, &parsed));
}

void TestEndpoint::peerStringIsTheSameFormat()
{
    netcore::ConnectionInfo info;
    info.peerAddress = QHostAddress(QStringLiteral("::ffff:10.1.2.3")); // an IPv4 peer of a dual-stack listener
    info.peerPort = 4000;
    QCOMPARE(info.peerString(), QStringLiteral("10.1.2.3:4000"));
    info.peerAddress = QHostAddress(QHostAddress::LocalHostIPv6);
    QCOMPARE(info.peerString(), QStringLiteral("[::1]:4000"));
    QCOMPARE(Endpoint::format(QHostAddress(QHostAddress::Any), 5), QStringLiteral("[::]:5"));
    QCOMPARE(Endpoint::format(QHostAddress(QHostAddress::AnyIPv4), 5), QStringLiteral("0.0.0.0:5"));
    QCOMPARE(Endpoint::format(info.peerAddress, info.peerPort), info.peerString());
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
