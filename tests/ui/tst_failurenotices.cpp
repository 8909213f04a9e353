#include <ui/models/failurenotices.h>

#include <QtTest/QTest>

using namespace wirebench;

/** The status bar's line about failures: told once as each starts, with its reason; a burst in one line. */
class TestFailureNotices : public QObject
{
    Q_OBJECT

private slots:
    void aFailureIsToldOnceWithItsReason();
    void aBurstIsOneLine();
    void aFailureAfterRecoveryIsNewsAgain();

private:
    static ServerState server(int id, const QString &error = {})
    {
        ServerState state;
        state.id = id;
        state.spec.name = QStringLiteral("server %1").arg(id);
        state.error = error;
        return state;
    }
    static ClientState client(int id, const QString &problem = {})
    {
        ClientState state;
        state.id = id;
        state.name = QStringLiteral("client %1").arg(id);
        state.problem = problem;
        return state;
    }
};

void TestFailureNotices::aFailureIsToldOnceWithItsReason()
{
    FailureNotices notices;
    QCOMPARE(notices.take({server(1)}, {client(1)}), QString());
    QCOMPARE(notices.take({server(1, QStringLiteral("The address is in use"))}, {client(1)}),
             QStringLiteral("server 1 failed: The address is in use"));
    QCOMPARE(notices.take({server(1, QStringLiteral("The address is in use"))}, {client(1)}), QString());
    // A snapshot that leaves a kind out (nothing changed there) forgets nothing.
    QCOMPARE(notices.take({}, {}), QString());
    QCOMPARE(notices.take({server(1, QStringLiteral("The address is in use"))}, {}), QString());
    // Another reason is another failure.
    QCOMPARE(notices.take({server(1, QStringLiteral("Permission denied"))}, {}),
             QStringLiteral("server 1 failed: Permission denied"));
}

void TestFailureNotices::aBurstIsOneLine()
{
    FailureNotices notices;
    QList<ClientState> clients;
    for (int id = 1; id <= 100; ++id)
        clients.append(client(id, QStringLiteral("Connection refused")));
    QCOMPARE(notices.take({}, clients), QStringLiteral("client 1 failed: Connection refused (and 99 more: see Events)"));
    QCOMPARE(notices.take({}, clients), QString());
}

void TestFailureNotices::aFailureAfterRecoveryIsNewsAgain()
{
    FailureNotices notices;
    QVERIFY(!notices.take({}, {client(1, QStringLiteral("Connection refused"))}).isEmpty());
    QCOMPARE(notices.take({}, {client(1)}), QString()); // connected again
    QCOMPARE(notices.take({}, {client(1, QStringLiteral("Connection refused"))}),
             QStringLiteral("client 1 failed: Connection refused"));
    notices.clear(); // a new workspace: its clients' failures are news
    QCOMPARE(notices.take({}, {client(1, QStringLiteral("Connection refused"))}),
             QStringLiteral("client 1 failed: Connection refused"));
}

QTEST_GUILESS_MAIN(TestFailureNotices)
#include "tst_failurenotices.moc"
