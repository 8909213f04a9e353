#include <tests/integration/testhelpers.h>

#include <QtCore/QProcess>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace netcore;

/*
 * A server whose I/O threads cannot get their descriptors (epoll, eventfd)
 * fails listen() with a reason, and the program carries on. The test runs
 * itself again as a child process that uses up its descriptors first, so
 * that the limit does not reach the test runner.
 */
class tst_OutOfDescriptors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listenFailsWithAReason_data();
    void listenFailsWithAReason();
};

namespace {

const char childArgument[] = "--listen-without-descriptors";

/** How many descriptors below @p limit are open. */
int openDescriptors(int limit)
{
    int open = 0;
    for (int fd = 0; fd < limit; ++fd)
        open += ::fcntl(fd, F_GETFD) != -1 ? 1 : 0;
    return open;
}

/**
 * The child: takes every descriptor but @p spare, lets a server with
 * @p workers I/O threads listen, prints what it saw and how many descriptors
 * the failed listen() kept, and listens again once the descriptors are back.
 * Exits 0 if it got that far.
 */
int listenWithoutDescriptors(int workers, int spare)
{
    {
        // UndefinedBehaviorSanitizer probes memory through a pipe the first time it checks the
        // dynamic type of an object of a new class: with no descriptor left it reports a false
        // error. A first server, with descriptors, lets it meet those classes.
        Server acquainted;
        acquainted.setWorkers(workers);
        if (!acquainted.listen())
            return 4;
    }
    Server server;
    server.setWorkers(workers);

    // A low limit, then every descriptor under it taken, but `spare`.
    int highest = 0;
    for (int fd = 0; fd < 4096; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1)
            highest = fd;
    }
    const rlimit low{rlim_t(highest + 64), rlim_t(highest + 64)};
    rlimit saved{};
    if (::getrlimit(RLIMIT_NOFILE, &saved) != 0 || ::setrlimit(RLIMIT_NOFILE, &low) != 0)
        return 2;
    std::vector<int> taken;
    for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;)
        taken.push_back(fd);
    if (errno != EMFILE || int(taken.size()) < spare)
        return 3;
    for (int i = 0; i < spare; ++i) {
        ::close(taken.back());
        taken.pop_back();
    }

    const int openBefore = openDescriptors(int(low.rlim_cur));
    const bool listened = server.listen();
    const int kept = openDescriptors(int(low.rlim_cur)) - openBefore;
    std::printf("%s\n%s\n%s\n%s\nkept %d\n", listened ? "listening" : "refused",
                qPrintable(errorCodeName(server.error())), qPrintable(server.errorString()),
                server.isListening() ? "still listening" : "not listening", kept);

    for (int fd : taken)
        ::close(fd);
    std::printf("%s\n", server.listen() ? "listening later" : "refused later");
    std::fflush(stdout);
    return 0;
}

} // namespace

void tst_OutOfDescriptors::listenFailsWithAReason_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("spare");
    // The listening socket takes one descriptor, each started I/O thread two.
    QTest::newRow("the epoll descriptor of the first I/O thread") << 1 << 1;
    QTest::newRow("the event descriptor of the first I/O thread") << 1 << 2;
    QTest::newRow("the second of two I/O threads") << 2 << 3;
}

void tst_OutOfDescriptors::listenFailsWithAReason()
{
    QFETCH(int, workers);
    QFETCH(int, spare);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(childArgument), QString::number(workers), QString::number(spare)});
    QVERIFY(child.waitForFinished(30000));
    const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(QLatin1Char('\n'));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit); // no qFatal, no abort
    QCOMPARE(child.exitCode(), 0);
    QCOMPARE(lines.value(0), QStringLiteral("refused"));
    QCOMPARE(lines.value(1), QStringLiteral("ListenFailed"));
    QVERIFY2(lines.value(2).contains(QLatin1String("I/O thread")), qPrintable(lines.value(2)));
    QVERIFY2(lines.value(2).contains(QString::fromLocal8Bit(std::strerror(EMFILE))), qPrintable(lines.value(2)));
    QCOMPARE(lines.value(3), QStringLiteral("not listening"));
    QCOMPARE(lines.value(4), QStringLiteral("kept 0")); // the listening socket and the first thread's descriptors too
    QCOMPARE(lines.value(5), QStringLiteral("listening later"));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], childArgument) == 0)
        return listenWithoutDescriptors(std::atoi(argv[2]), std::atoi(argv[3]));
    tst_OutOfDescriptors test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_outofdescriptors.moc"
