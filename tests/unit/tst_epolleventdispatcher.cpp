/*
 * EpollEventDispatcher: timers, posted events, wake-ups from other threads,
 * thread exit, and sockets through QTcpServer/QTcpSocket. main() installs the
 * dispatcher on the main thread too, so Qt Test's own waiting runs on it.
 * Socket notifiers in detail: tst_epollsocketnotifiers.
 */
#include <netcore/src/epolleventdispatcher.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QSemaphore>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include <atomic>
#include <memory>
#include <thread>

using netcore::EpollEventDispatcher;

namespace {

/** A started QThread whose event loop runs on an EpollEventDispatcher; quits and joins when destroyed. */
class DispatcherThread
{
public:
    DispatcherThread()
    {
        m_thread.setEventDispatcher(new EpollEventDispatcher);
        m_thread.start();
    }
    ~DispatcherThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    QThread *thread() { return &m_thread; }
    /** Runs @p task in the thread and waits for it. */
    template <typename Task> void run(Task &&task)
    {
        QMetaObject::invokeMethod(m_thread.eventDispatcher(), std::forward<Task>(task),
                                  Qt::BlockingQueuedConnection);
    }

private:
    QThread m_thread;
};

/** Kills its timer from its own timerEvent(), after @p shots events; may start a new one each time. */
class CountingObject : public QObject
{
public:
    int shots = 1;
    bool restart = false;
    int fired = 0;
    QList<QThread *> threads;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        ++fired;
        threads.append(QThread::currentThread());
        if (fired < shots && !restart)
            return;
        killTimer(event->timerId());
        if (fired < shots)
            startTimer(5);
    }
};

} // namespace

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mainThreadRunsOnTheDispatcher()
    {
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
        DispatcherThread worker;
        // Asked in the thread: it deletes its dispatcher as it ends, after a read from here only by
        // QThread's own lock, which ThreadSanitizer cannot see.
        bool epoll = false;
        worker.run([&epoll] { epoll = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()); });
        QVERIFY(epoll);
    }

    void singleShotTimersFireInDeadlineOrder()
    {
        QStringList order;
        for (const int msecs : {40, 10, 30, 0, 20})
            QTimer::singleShot(msecs, this, [&order, msecs] { order << QString::number(msecs); });
        const QStringList expected = {QStringLiteral("0"), QStringLiteral("10"), QStringLiteral("20"),
                                      QStringLiteral("30"), QStringLiteral("40")};
        QTRY_COMPARE(order, expected);
    }

    void repeatingTimerIsNeverEarly_data()
    {
        QTest::addColumn<Qt::TimerType>("type");
        QTest::addColumn<int>("interval");
        QTest::addColumn<int>("ticks");
        QTest::newRow("precise") << Qt::PreciseTimer << 20 << 5;
        QTest::newRow("coarse") << Qt::CoarseTimer << 20 << 5;
        QTest::newRow("very coarse") << Qt::VeryCoarseTimer << 1000 << 2;
    }

    void repeatingTimerIsNeverEarly()
    {
        QFETCH(Qt::TimerType, type);
        QFETCH(int, interval);
        QFETCH(int, ticks);
        QList<qint64> at;
        QElapsedTimer clock;
        QTimer timer;
        timer.setTimerType(type);
        connect(&timer, &QTimer::timeout, this, [&] { at.append(clock.nsecsElapsed()); });
        clock.start();
        timer.start(interval);
        QTRY_VERIFY_WITH_TIMEOUT(at.size() >= ticks, 20000);
        timer.stop();
        for (int i = 0; i < ticks; ++i)
            QVERIFY2(at[i] >= qint64(i + 1) * interval * 1000000, qPrintable(QString::number(at[i])));
    }

    void killTimerInsideTimerEvent()
    {
        CountingObject once;
        once.startTimer(5);
        QTRY_COMPARE(once.fired, 1);
        QTest::qWait(50);
        QCOMPARE(once.fired, 1);

        CountingObject restarted; // kills and starts anew (often under the same id) three times
        restarted.shots = 3;
        restarted.restart = true;
        restarted.startTimer(5);
        QTRY_COMPARE(restarted.fired, 3);
        QTest::qWait(50);
        QCOMPARE(restarted.fired, 3);
    }

    void timerKilledByAnEarlierTimerOfTheSamePassNeverFires()
    {
        QTimer first, second;
        int fired = 0;
        connect(&first, &QTimer::timeout, this, [&] { ++fired; second.stop(); first.stop(); });
        connect(&second, &QTimer::timeout, this, [&] { ++fired; first.stop(); second.stop(); });
        first.start(10);
        second.start(10);
        QTRY_COMPARE(fired, 1);
        QTest::qWait(50);
        QCOMPARE(fired, 1);
    }

    void zeroTimerFiresOncePerPass()
    {
        int ticks = 0;
        QTimer zero;
        connect(&zero, &QTimer::timeout, this, [&] { ++ticks; });
        zero.start(0);
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        for (int pass = 1; pass <= 10; ++pass) {
            dispatcher->processEvents(QEventLoop::AllEvents);
            QCOMPARE(ticks, pass);
        }
    }

    void zeroTimerDoesNotStarveTheLoop()
    {
        int ticks = 0;
        QTimer zero;
        connect(&zero, &QTimer::timeout, this, [&] { ++ticks; });
        zero.start(0);
        int chained = 0; // each posted call posts the next
        std::function<void()> next = [&] {
            if (++chained < 200)
                QMetaObject::invokeMethod(this, next, Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(this, next, Qt::QueuedConnection);
        bool timerFired = false;
        QTimer::singleShot(20, this, [&] { timerFired = true; });
        QTRY_VERIFY(chained == 200 && timerFired);
        QVERIFY(ticks > 0);
    }

    void nestedLoopDoesNotReenterTheSameTimer()
    {
        int calls = 0, depth = 0, deepest = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&] {
            ++calls;
            deepest = qMax(deepest, ++depth);
            if (calls == 1) {
                QEventLoop loop;
                QTimer::singleShot(60, &loop, &QEventLoop::quit);
                loop.exec();
            }
            --depth;
        });
        timer.start(5);
        QTRY_VERIFY(calls >= 3);
        QCOMPARE(deepest, 1);
    }

    void remainingTimeAndRegisteredTimers()
    {
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        QObject object;
        const int precise = object.startTimer(500, Qt::PreciseTimer);
        const int veryCoarse = object.startTimer(3000, Qt::VeryCoarseTimer);
        QVERIFY(dispatcher->remainingTime(precise) > 0 && dispatcher->remainingTime(precise) <= 500);
        QVERIFY(dispatcher->remainingTime(veryCoarse) > 500 && dispatcher->remainingTime(veryCoarse) <= 3000);

        QList<QAbstractEventDispatcher::TimerInfo> timers = dispatcher->registeredTimers(&object);
        std::sort(timers.begin(), timers.end(), [](auto a, auto b) { return a.interval < b.interval; });
        QCOMPARE(timers.size(), 2);
        QCOMPARE(timers[0].timerId, precise);
        QCOMPARE(timers[0].interval, 500);
        QCOMPARE(timers[0].timerType, Qt::PreciseTimer);
        QCOMPARE(timers[1].timerId, veryCoarse);
        QCOMPARE(timers[1].interval, 3000);
        QCOMPARE(timers[1].timerType, Qt::VeryCoarseTimer);

        object.killTimer(precise);
        QCOMPARE(dispatcher->remainingTime(precise), -1);
        QCOMPARE(dispatcher->registeredTimers(&object).size(), 1);
        QVERIFY(dispatcher->unregisterTimers(&object));
        QVERIFY(dispatcher->registeredTimers(&object).isEmpty());

        QTimer timer;
        QCOMPARE(timer.remainingTime(), -1);
        timer.start(200);
        QVERIFY(timer.remainingTime() > 0 && timer.remainingTime() <= 200);
    }

    void timersFollowAnObjectIntoAnotherThread()
    {
        DispatcherThread worker;
        auto *object = new CountingObject; // its timer travels through registeredTimers()
        object->shots = 2;
        object->startTimer(20);
        object->moveToThread(worker.thread());
        QList<QThread *> threads;
        const auto firedTwice = [&] { // read in the object's thread
            worker.run([&] { threads = object->threads; });
            return threads.size() == 2;
        };
        QTRY_VERIFY(firedTwice());
        QCOMPARE(threads, QList<QThread *>({worker.thread(), worker.thread()}));
        worker.run([object] { delete object; });
    }

    void postsFromOtherThreadsWakeTheLoop()
    {
        constexpr int posters = 4;
        constexpr int postsEach = 500;
        int ran = 0;
        QEventLoop loop;
        QTimer::singleShot(10000, &loop, &QEventLoop::quit); // a broken wake-up fails instead of hanging
        std::vector<std::thread> threads;
        for (int i = 0; i < posters; ++i) {
            threads.emplace_back([&] {
                for (int n = 0; n < postsEach; ++n) {
                    QMetaObject::invokeMethod(this, [&] {
                        if (++ran == posters * postsEach)
                            loop.quit();
                    }, Qt::QueuedConnection);
                }
            });
        }
        loop.exec();
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(ran, posters * postsEach);
    }

    void wakeUpAndInterruptEndABlockingWait_data()
    {
        QTest::addColumn<bool>("interrupt");
        QTest::newRow("wakeUp") << false;
        QTest::newRow("interrupt") << true;
    }

    void wakeUpAndInterruptEndABlockingWait()
    {
        QFETCH(bool, interrupt);
        std::atomic<bool> waiting{false};
        std::atomic<bool> returned{false};
        std::unique_ptr<QThread> thread(QThread::create([&] {
            waiting = true;
            QAbstractEventDispatcher::instance()->processEvents(QEventLoop::WaitForMoreEvents);
            returned = true;
        }));
        auto *dispatcher = new EpollEventDispatcher;
        thread->setEventDispatcher(dispatcher);
        thread->start();
        QTRY_VERIFY(waiting);
        QTest::qWait(20); // let it reach epoll_wait; with nothing registered it would sleep for ever
        QVERIFY(!returned);
        if (interrupt)
            dispatcher->interrupt();
        else
            dispatcher->wakeUp();
        QVERIFY(thread->wait(5000));
        QVERIFY(returned);
    }

    void threadQuitAndExitEndTheLoop_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("quit") << 0;
        QTest::newRow("exit(7)") << 7;
    }

    void threadQuitAndExitEndTheLoop()
    {
        QFETCH(int, code);
        QSemaphore running;
        std::atomic<int> returned{-1}; // read after wait(), which ThreadSanitizer cannot see
        std::unique_ptr<QThread> thread(QThread::create([&] {
            QObject sleeper;
            sleeper.startTimer(3600 * 1000); // an hour away: the wait has a deadline, still far
            QEventLoop loop;
            QTimer::singleShot(0, &loop, [&running] { running.release(); });
            returned = loop.exec();
        }));
        thread->setEventDispatcher(new EpollEventDispatcher);
        thread->start();
        QVERIFY(running.tryAcquire(1, 5000));
        QTest::qWait(20);
        if (code == 0)
            thread->quit();
        else
            thread->exit(code);
        QVERIFY(thread->wait(5000));
        QCOMPARE(returned.load(), code);
    }

    void tcpEchoInADispatcherThread()
    {
        DispatcherThread worker;
        QTcpServer *server = nullptr;
        quint16 port = 0;
        worker.run([&server, &port] {
            server = new QTcpServer;
            server->listen(QHostAddress::LocalHost);
            port = server->serverPort();
            QObject::connect(server, &QTcpServer::newConnection, server, [server] {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                     [socket] { socket->write(socket->readAll()); });
                    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
        });
        QVERIFY(port != 0);

        QByteArray sent(512 * 1024, Qt::Uninitialized); // large enough to fill socket buffers both ways
        for (int i = 0; i < sent.size(); ++i)
            sent[i] = char(i * 7 + i / 251);
        QByteArray received;
        QTcpSocket client;
        connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
        client.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        client.write(sent);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), sent.size(), 20000);
        QVERIFY(received == sent);
        client.disconnectFromHost();
        worker.run([server] { delete server; });
    }
};

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
