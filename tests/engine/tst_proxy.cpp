// wirebench::Proxy as the app drives it: faults switched on a live connection, kicks, the
// connection list and its counters, stop and start again. The CLI's contract (every fault
// measured, the ends, the events) is tests/e2e/test_proxy*.py's.
#include <engine/proxy/proxy.h>
#include <engine/proxy/proxyobserver.h>

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>
#include <netcore/error.h>
#include <netcore/messageview.h>

#include <QtCore/QMutex>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace wirebench;

namespace {

/** What the proxy reported, from its I/O threads. */
class Recorder final : public ProxyObserver
{
public:
    void connected(quint64, const QString &) override { add(QStringLiteral("connected")); }
    void upstreamConnected(quint64, const QString &) override { add(QStringLiteral("upstream-connected")); }
    void message(quint64, ProxyDirection direction, const netcore::MessageView &message) override
    {
        add(QStringLiteral("message %1 %2").arg(proxyDirectionName(direction), message.channel()));
    }
    void faultApplied(quint64, ProxyDirection, Fault::Kind kind, const netcore::MessageView &message) override
    {
        add(QStringLiteral("fault %1 %2").arg(Fault::kindName(kind), message.channel()));
    }
    void error(quint64, std::optional<ProxyDirection>, const netcore::Error &error) override
    {
        add(QStringLiteral("error ") + netcore::errorCodeName(error.code));
    }
    void disconnected(quint64, ProxyEnd end, const QString &reason) override
    {
        add(QStringLiteral("disconnected %1 %2").arg(proxyEndName(end), reason));
    }

    int count(const QString &event) const
    {
        QMutexLocker lock(&m_mutex);
        return int(m_events.count(event));
    }

private:
    void add(const QString &event)
    {
        QMutexLocker lock(&m_mutex);
        m_events.append(event);
    }

    mutable QMutex m_mutex;
    QStringList m_events;
};

/** An upstream that echoes every byte, in the test's thread. */
class EchoUpstream : public QTcpServer
{
public:
    EchoUpstream()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
                ++accepted;
            }
        });
        listen(QHostAddress::LocalHost);
    }
    int accepted = 0;
};

QByteArray frame(const QString &channel, const QByteArray &payload)
{
    return netcore::Codec::create(netcore::CodecConfig::envelope())
        ->encode(netcore::Message(netcore::MessageType::Binary, payload, channel));
}

/** Counts the echoed frames by channel as they come back to a client. */
struct EchoCounter
{
    explicit EchoCounter(QTcpSocket *socket) : codec(netcore::Codec::create(netcore::CodecConfig::envelope()))
    {
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            buffer.append(socket->readAll());
            for (;;) {
                const netcore::DecodeResult result = codec->decode(buffer);
                if (result.status != netcore::DecodeResult::MessageReady)
                    break;
                ++byChannel[result.message.channel()];
            }
        });
    }
    std::unique_ptr<netcore::Codec> codec;
    netcore::ByteBuffer buffer;
    QHash<QString, int> byChannel;
};

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private slots:
    void faultSwitchedOnAppliesToAnOpenConnection();
    void listsConnectionsWithTheirCounters();
    void kickEndsOneConnection();
    void stopsAndStartsAgain();
    void refusesToStartWithoutUpstream();

private:
    std::unique_ptr<Proxy> startProxy(quint16 upstreamPort, Recorder *recorder)
    {
        ProxySpec spec;
        spec.upstreamPort = upstreamPort;
        auto proxy = std::make_unique<Proxy>(spec, recorder);
        QString why;
        if (!proxy->start(&why))
            qFatal("proxy did not start: %s", qPrintable(why));
        return proxy;
    }
};

void TestProxy::faultSwitchedOnAppliesToAnOpenConnection()
{
    EchoUpstream upstream;
    Recorder recorder;
    const auto proxy = startProxy(upstream.serverPort(), &recorder);
    QTcpSocket client;
    EchoCounter echoes(&client);
    client.connectToHost(QHostAddress::LocalHost, proxy->port());
    QVERIFY(client.waitForConnected());
    client.write(frame(QStringLiteral("a"), "1") + frame(QStringLiteral("b"), "1"));
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("a")), 1);
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("b")), 1);

    Fault drop;
    drop.kind = Fault::Kind::Drop;
    drop.channel = QStringLiteral("a");
    drop.directions = Fault::Directions::ClientToServer;
    proxy->setFaults({drop});
    QCOMPARE(proxy->faults(), QList<Fault>{drop});
    // In force once setFaults() returned: every "a" sent from now on is dropped, every "b" passes.
    for (int i = 0; i < 20; ++i)
        client.write(frame(QStringLiteral("a"), "2") + frame(QStringLiteral("b"), "2"));
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("b")), 21);
    QTRY_COMPARE(recorder.count(QStringLiteral("fault drop a")), 20);
    QCOMPARE(echoes.byChannel.value(QStringLiteral("a")), 1);
    QCOMPARE(upstream.accepted, 1); // on the same connection

    proxy->setFaults({}); // and switched off again, as much at once
    client.write(frame(QStringLiteral("a"), "3"));
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("a")), 2);
    QCOMPARE(recorder.count(QStringLiteral("fault drop a")), 20);
}

void TestProxy::listsConnectionsWithTheirCounters()
{
    EchoUpstream upstream;
    Recorder recorder;
    const auto proxy = startProxy(upstream.serverPort(), &recorder);
    QTcpSocket client;
    EchoCounter echoes(&client);
    client.connectToHost(QHostAddress::LocalHost, proxy->port());
    QVERIFY(client.waitForConnected());
    const QByteArray bytes = frame(QStringLiteral("c"), QByteArray(100, 'x'));
    client.write(bytes + bytes + bytes);
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("c")), 3);
    const QList<ProxyConnectionState> connections = proxy->connections();
    QCOMPARE(connections.size(), 1);
    const ProxyConnectionState &state = connections.first();
    QCOMPARE(state.id, quint64(1));
    QCOMPARE(state.clientPeer, QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
    QVERIFY(state.upstreamConnected);
    QVERIFY(state.upstreamLocal.startsWith(QLatin1String("127.0.0.1:")));
    for (int direction = 0; direction < 2; ++direction) {
        QCOMPARE(state.bytes[direction], quint64(3 * bytes.size()));
        QCOMPARE(state.messages[direction], quint64(3));
    }
}

void TestProxy::kickEndsOneConnection()
{
    EchoUpstream upstream;
    Recorder recorder;
    const auto proxy = startProxy(upstream.serverPort(), &recorder);
    QTcpSocket kicked, kept;
    for (QTcpSocket *client : {&kicked, &kept}) {
        client->connectToHost(QHostAddress::LocalHost, proxy->port());
        QVERIFY(client->waitForConnected());
    }
    QTRY_COMPARE(recorder.count(QStringLiteral("upstream-connected")), 2);
    QSignalSpy ended(&kicked, &QTcpSocket::disconnected);
    QVERIFY(proxy->kick(1));
    QVERIFY(ended.wait());
    QTRY_COMPARE(recorder.count(QStringLiteral("disconnected proxy kicked")), 1);
    QTRY_COMPARE(proxy->connections().size(), 1);
    QCOMPARE(proxy->connections().first().id, quint64(2));
    QVERIFY(!proxy->kick(1)); // gone
    QCOMPARE(kept.state(), QAbstractSocket::ConnectedState);
}

void TestProxy::stopsAndStartsAgain()
{
    EchoUpstream upstream;
    Recorder recorder;
    const auto proxy = startProxy(upstream.serverPort(), &recorder);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy->port());
    QVERIFY(client.waitForConnected());
    QTRY_COMPARE(recorder.count(QStringLiteral("upstream-connected")), 1);
    QSignalSpy ended(&client, &QTcpSocket::disconnected);
    proxy->stop();
    QVERIFY(!proxy->isListening());
    QVERIFY(proxy->listenAddress().isEmpty());
    QCOMPARE(recorder.count(QStringLiteral("disconnected proxy proxy stopped")), 1);
    QVERIFY(ended.wait());
    QVERIFY(proxy->connections().isEmpty());
    QString why;
    QVERIFY2(proxy->start(&why), qPrintable(why));
    QTcpSocket again;
    EchoCounter echoes(&again);
    again.connectToHost(QHostAddress::LocalHost, proxy->port());
    QVERIFY(again.waitForConnected());
    again.write(frame(QStringLiteral("d"), "back"));
    QTRY_COMPARE(echoes.byChannel.value(QStringLiteral("d")), 1);
}

void TestProxy::refusesToStartWithoutUpstream()
{
    Proxy proxy(ProxySpec{}, nullptr);
    QString why;
    QVERIFY(!proxy.start(&why));
    QVERIFY2(why.contains(QLatin1String("upstream")), qPrintable(why));
    QVERIFY(!proxy.isListening());
}

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
