/*
 * EpollEventDispatcher's socket notifiers, on socketpairs, pipes, eventfds
 * and a regular file. main() installs the dispatcher on the main thread.
 */
#include <netcore/src/epolleventdispatcher.h>

#include <QtCore/QSocketNotifier>
#include <QtCore/QTemporaryFile>
#include <QtCore/QTimer>
#include <QtTest/QTest>

#include <algorithm>
#include <fcntl.h>
#include <memory>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using netcore::EpollEventDispatcher;

namespace {

/** Two connected non-blocking descriptors: a socketpair, or a pipe (read end first). */
struct DescriptorPair
{
    enum Kind { Sockets, Pipe };
    explicit DescriptorPair(Kind kind = Sockets)
    {
        if (kind == Sockets)
            ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd);
        else
            ::pipe2(fd, O_NONBLOCK | O_CLOEXEC);
    }
    ~DescriptorPair()
    {
        closeEnd(0);
        closeEnd(1);
    }
    void closeEnd(int end)
    {
        if (fd[end] >= 0)
            ::close(fd[end]);
        fd[end] = -1;
    }
    int fd[2] = {-1, -1};
};

QByteArray drain(int fd)
{
    QByteArray bytes;
    char chunk[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, chunk, sizeof chunk)) > 0)
        bytes.append(chunk, n);
    return bytes;
}

/** Runs a few non-blocking passes of the loop. */
void spin()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestEpollSocketNotifiers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readNotifierFiresUntilDrained()
    {
        DescriptorPair pair;
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
        QList<QSocketNotifier::Type> types;
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this,
                [&](QSocketDescriptor socket, QSocketNotifier::Type type) {
                    QCOMPARE(int(socket), pair.fd[0]);
                    types.append(type);
                    if (++activations == 3) // level-triggered: it fires again until read
                        QCOMPARE(drain(pair.fd[0]), QByteArray("ping"));
                });
        spin();
        QCOMPARE(activations, 0);
        QCOMPARE(::write(pair.fd[1], "ping", 4), ssize_t(4));
        QTRY_COMPARE(activations, 3);
        spin();
        QCOMPARE(activations, 3);
        QCOMPARE(types, QList<QSocketNotifier::Type>(3, QSocketNotifier::Read));
    }

    void writeNotifierFiresWhileWritable()
    {
        DescriptorPair pair;
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Write);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&](QSocketDescriptor, QSocketNotifier::Type type) {
            QCOMPARE(type, QSocketNotifier::Write);
            if (++activations == 2)
                notifier.setEnabled(false);
        });
        QTRY_COMPARE(activations, 2);
        spin();
        QCOMPARE(activations, 2);
    }

    void disabledNotifierStaysSilentUntilEnabled()
    {
        DescriptorPair pair;
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
        notifier.setEnabled(false);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            ++activations;
            drain(pair.fd[0]);
        });
        QCOMPARE(::write(pair.fd[1], "x", 1), ssize_t(1));
        QTest::qWait(30);
        QCOMPARE(activations, 0);
        notifier.setEnabled(true);
        QTRY_COMPARE(activations, 1);
    }

    void readAndWriteNotifiersShareADescriptor()
    {
        DescriptorPair pair;
        auto reader = std::make_unique<QSocketNotifier>(pair.fd[0], QSocketNotifier::Read);
        QSocketNotifier writer(pair.fd[0], QSocketNotifier::Write);
        int reads = 0, writes = 0;
        connect(reader.get(), &QSocketNotifier::activated, this, [&] { ++reads; drain(pair.fd[0]); });
        connect(&writer, &QSocketNotifier::activated, this, [&] { ++writes; writer.setEnabled(false); });
        QTRY_COMPARE(writes, 1);
        QCOMPARE(reads, 0);
        QCOMPARE(::write(pair.fd[1], "x", 1), ssize_t(1));
        QTRY_COMPARE(reads, 1);
        reader.reset(); // the descriptor stays watched for the writer alone
        writer.setEnabled(true);
        QTRY_COMPARE(writes, 2);
        QCOMPARE(reads, 1);
    }

    void deletingNotifiersInsideAnActivation()
    {
        DescriptorPair pair; // readable and writable: both notifiers are due in the same pass
        QCOMPARE(::write(pair.fd[1], "x", 1), ssize_t(1));
        auto reader = std::make_unique<QSocketNotifier>(pair.fd[0], QSocketNotifier::Read);
        auto writer = std::make_unique<QSocketNotifier>(pair.fd[0], QSocketNotifier::Write);
        int activations = 0;
        const auto deleteBoth = [&] {
            ++activations;
            reader.reset();
            writer.reset();
        };
        connect(reader.get(), &QSocketNotifier::activated, this, deleteBoth);
        connect(writer.get(), &QSocketNotifier::activated, this, deleteBoth);
        QTRY_COMPARE(activations, 1);
        spin();
        QCOMPARE(activations, 1);
    }

    void endOfStreamWakesTheReader()
    {
        DescriptorPair pair;
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
        ssize_t lastRead = -2;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            char byte;
            lastRead = ::read(pair.fd[0], &byte, 1);
            notifier.setEnabled(false);
        });
        pair.closeEnd(1);
        QTRY_COMPARE(lastRead, ssize_t(0));
    }

    void hangUpWakesEveryNotifier()
    {
        DescriptorPair pipe(DescriptorPair::Pipe); // a hang-up with nothing to read: EPOLLHUP alone
        QList<QSocketNotifier::Type> woken;
        std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
        for (const auto type : {QSocketNotifier::Read, QSocketNotifier::Write, QSocketNotifier::Exception}) {
            notifiers.push_back(std::make_unique<QSocketNotifier>(pipe.fd[0], type));
            QSocketNotifier *notifier = notifiers.back().get();
            connect(notifier, &QSocketNotifier::activated, this, [&woken, notifier](QSocketDescriptor, auto type) {
                woken.append(type);
                notifier->setEnabled(false);
            });
        }
        spin();
        QVERIFY(woken.isEmpty());
        pipe.closeEnd(1);
        QTRY_COMPARE(woken.size(), 3);
        std::sort(woken.begin(), woken.end());
        QCOMPARE(woken, QList<QSocketNotifier::Type>({QSocketNotifier::Read, QSocketNotifier::Write,
                                                      QSocketNotifier::Exception}));
    }

    void regularFilesAreAlwaysReady()
    {
        QTemporaryFile file; // epoll refuses regular files; poll() calls them ready
        QVERIFY(file.open());
        QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            if (++activations == 2)
                notifier.setEnabled(false);
        });
        QTRY_COMPARE(activations, 2);
        spin();
        QCOMPARE(activations, 2);
    }

    void excludeSocketNotifiersDefersActivation()
    {
        DescriptorPair pair;
        QCOMPARE(::write(pair.fd[1], "x", 1), ssize_t(1));
        QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] { ++activations; drain(pair.fd[0]); });
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        bool timerFired = false;
        QTimer::singleShot(20, this, [&] { timerFired = true; });
        while (!timerFired) // the ready socket must neither fire nor cut the wait short for ever
            dispatcher->processEvents(QEventLoop::WaitForMoreEvents | QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(activations, 0);
        QTRY_COMPARE(activations, 1);
    }

    void oneActiveAmongManyIdle()
    {
        constexpr int idleCount = 1000;
        rlimit limit = {};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        if (limit.rlim_cur < idleCount + 100) {
            limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, idleCount + 100);
            ::setrlimit(RLIMIT_NOFILE, &limit);
        }
        if (limit.rlim_cur < idleCount + 100)
            QSKIP("RLIMIT_NOFILE is too low for 1,000 descriptors");

        std::vector<int> idleFds;
        std::vector<std::unique_ptr<QSocketNotifier>> idle;
        std::vector<int> idleActivations(idleCount, 0);
        for (int i = 0; i < idleCount; ++i) {
            idleFds.push_back(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
            QVERIFY(idleFds.back() >= 0);
            idle.push_back(std::make_unique<QSocketNotifier>(idleFds.back(), QSocketNotifier::Read));
            connect(idle.back().get(), &QSocketNotifier::activated, this, [&, i] {
                ++idleActivations[i];
                eventfd_t value;
                ::eventfd_read(idleFds[i], &value);
            });
        }

        DescriptorPair active; // ping-pong: each activation answers, which triggers the next
        QSocketNotifier notifier(active.fd[0], QSocketNotifier::Read);
        int pongs = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            QCOMPARE(drain(active.fd[0]), QByteArray("p"));
            if (++pongs < 100)
                QCOMPARE(::write(active.fd[1], "p", 1), ssize_t(1));
        });
        QCOMPARE(::write(active.fd[1], "p", 1), ssize_t(1));
        QTRY_COMPARE(pongs, 100);
        QCOMPARE(std::count(idleActivations.begin(), idleActivations.end(), 0), ptrdiff_t(idleCount));

        ::eventfd_write(idleFds[idleCount / 2], 1);
        QTRY_COMPARE(idleActivations[idleCount / 2], 1);
        spin();
        QCOMPARE(std::count(idleActivations.begin(), idleActivations.end(), 0), ptrdiff_t(idleCount - 1));

        idle.clear();
        for (const int fd : idleFds)
            ::close(fd);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollSocketNotifiers test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epollsocketnotifiers.moc"
