#include <tests/integration/testhelpers.h>

#include <QtCore/QThread>

#include <atomic>
#include <functional>

using namespace netcore;

/*
 * Every signal comes in the thread the object lives in, whichever thread made
 * the call that failed: another thread of the program, or an I/O thread
 * running a message handler. The slots here are connected directly, so they
 * run in the emitting thread and tell which one it was.
 */
class tst_SignalThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverErrorsArriveInTheServerThread_data();
    void serverErrorsArriveInTheServerThread();
    void serverErrorFromAMessageHandlerArrivesInTheServerThread();
    void clientErrorsArriveInTheClientThread_data();
    void clientErrorsArriveInTheClientThread();
};

namespace {

/** A frame limit that a 4 KiB payload exceeds: such a message cannot be encoded. */
CodecConfig smallFrames()
{
    CodecConfig config = CodecConfig::envelope();
    config.maxFrameSize = 1024;
    return config;
}

Message tooLarge()
{
    return Message::binary(QByteArray(4096, 'x'), QStringLiteral("bulk"));
}

/** Runs @p call in a thread of its own, and waits for it. */
void runInAnotherThread(const std::function<void()> &call)
{
    std::unique_ptr<QThread> thread(QThread::create(call));
    thread->start();
    thread->wait();
}

/** Where errorOccurred() was emitted, and with which code. */
struct ErrorWitness
{
    std::atomic<QThread *> thread{nullptr};
    std::atomic<ErrorCode> code{ErrorCode::NoError};

    template <typename Emitter> void watch(Emitter *emitter)
    {
        // No context object: a direct connection, so the lambda runs wherever the signal is emitted.
        QObject::connect(emitter, &Emitter::errorOccurred, [this](const Error &error) {
            code = error.code;
            thread = QThread::currentThread();
        });
    }
};

} // namespace

void tst_SignalThreads::serverErrorsArriveInTheServerThread_data()
{
    QTest::addColumn<bool>("broadcast");
    QTest::newRow("send") << false;
    QTest::newRow("broadcast") << true;
}

void tst_SignalThreads::serverErrorsArriveInTheServerThread()
{
    QFETCH(bool, broadcast);
    Server server(smallFrames());
    server.setWorkers(1);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort(), smallFrames());
    QVERIFY(client);
    QVERIFY(testing::waitForConnections(server, 1)); // a good send() or broadcast() would reach it
    const quint64 connection = testing::connectionIds(server).value(0);
    ErrorWitness witness;
    witness.watch(&server);

    std::atomic<bool> accepted{true}; // atomic: QThread::wait() is a hand-off ThreadSanitizer cannot see
    runInAnotherThread([&] {
        accepted = broadcast ? server.broadcast(tooLarge()) > 0 : server.send(connection, tooLarge());
    });
    QVERIFY(!accepted);
    QCOMPARE(server.error(), ErrorCode::MessageTooLarge); // set before the call returned
    QTRY_VERIFY(witness.thread.load() != nullptr);
    QVERIFY2(witness.thread.load() == QThread::currentThread(), "errorOccurred() came in another thread");
    QCOMPARE(witness.code.load(), ErrorCode::MessageTooLarge);
}

void tst_SignalThreads::serverErrorFromAMessageHandlerArrivesInTheServerThread()
{
    Server server(smallFrames());
    server.setWorkers(1);
    std::atomic<QThread *> handlerThread{nullptr};
    std::atomic<bool> replied{true};
    server.setMessageHandler([&](quint64 connection, const MessageView &) {
        handlerThread = QThread::currentThread();
        replied = server.send(connection, tooLarge()); // encoded in the I/O thread, where it fails
        return true;
    });
    QVERIFY(server.listen());
    ErrorWitness witness;
    witness.watch(&server);
    auto client = testing::connectedClient(server.serverPort(), smallFrames());
    QVERIFY(client);
    QVERIFY(client->send(Message::text(QStringLiteral("ask"), QStringLiteral("c"))));

    QTRY_VERIFY(witness.thread.load() != nullptr);
    QVERIFY(!replied);
    QVERIFY(handlerThread.load() != QThread::currentThread()); // the call came from an I/O thread
    QVERIFY2(witness.thread.load() == QThread::currentThread(), "errorOccurred() came in another thread");
    QCOMPARE(witness.code.load(), ErrorCode::MessageTooLarge);
}

void tst_SignalThreads::clientErrorsArriveInTheClientThread_data()
{
    QTest::addColumn<bool>("fullQueue");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("cannot be encoded") << false << ErrorCode::MessageTooLarge;
    QTest::newRow("queue full") << true << ErrorCode::SendQueueFull;
}

void tst_SignalThreads::clientErrorsArriveInTheClientThread()
{
    QFETCH(bool, fullQueue);
    QFETCH(ErrorCode, code);
    Client client(smallFrames()); // not connected: what it takes waits in its queue
    client.setMaxPendingMessages(1);
    if (fullQueue)
        QVERIFY(client.send(Message::text(QStringLiteral("fills the queue"))));
    ErrorWitness witness;
    witness.watch(&client);

    std::atomic<bool> accepted{true}; // atomic: QThread::wait() is a hand-off ThreadSanitizer cannot see
    runInAnotherThread([&] {
        accepted = client.send(fullQueue ? Message::text(QStringLiteral("one too many")) : tooLarge());
    });
    QVERIFY(!accepted);
    QCOMPARE(client.error(), code); // set before the call returned
    QTRY_VERIFY(witness.thread.load() != nullptr);
    QVERIFY2(witness.thread.load() == QThread::currentThread(), "errorOccurred() came in another thread");
    QCOMPARE(witness.code.load(), code);
}

QTEST_GUILESS_MAIN(tst_SignalThreads)
#include "tst_signalthreads.moc"
