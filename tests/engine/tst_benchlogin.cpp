#include <tests/engine/benchtap.h>
#include <tests/engine/serverrecorder.h>
#include <tests/timefactor.h>

#include <engine/bench.h>

#include <netcore/server.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace wirebench;
using namespace benchtest;

/**
 * A client group's login: a real netcore::Server, not the bench's, sees what arrives on each
 * connection, in order.
 */
class tst_BenchLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loginGoesFirstOnEveryConnection();
    void loginIsLoggedOutWithItsTemplatesFilledIn();
    void everyClientOfTheGroupLogsIn();
    void anUnusableLoginKeepsTheClientFromConnecting();
    void withoutALoginNothingComesFirst();

private:

    static ClientSpec loginClient(quint16 port, const QString &content);
    static QJsonObject jsonOf(const netcore::Message &message)
    {
        return QJsonDocument::fromJson(message.payload()).object();
    }
};

ClientSpec tst_BenchLogin::loginClient(quint16 port, const QString &content)
{
    ClientSpec spec;
    spec.name = QStringLiteral("alice");
    spec.port = port;
    spec.login = true;
    spec.loginMessage.kind = QStringLiteral("json");
    spec.loginMessage.content = content;
    spec.loginMessage.channel = QStringLiteral("auth");
    return spec;
}

// The login opens the first connection and each reconnect, before what the user sent while the
// client was reconnecting, and {{seq}} counts the logins.
void tst_BenchLogin::loginGoesFirstOnEveryConnection()
{
    ServerRecorder recorder;
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = recorder.server.serverPort();
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids =
        bench.spawnClients(loginClient(port, QStringLiteral("{\"user\": \"alice\", \"login\": {{seq}}}")), 1);
    const SendTarget alice{SendTarget::Kind::Clients, ids, 0, {}};

    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).state == QLatin1String("connected"); }));
    bench.send(alice, chat(QStringLiteral("hello")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.of(0).size(), 2, timeout);
    QCOMPARE(recorder.of(0).at(0).channel(), QStringLiteral("auth"));
    QCOMPARE(jsonOf(recorder.of(0).at(0)), QJsonObject({{QStringLiteral("user"), QStringLiteral("alice")},
                                                        {QStringLiteral("login"), 1}}));
    QCOMPARE(recorder.of(0).at(1), chat(QStringLiteral("hello")));

    // The server goes away: what is sent now waits for the next connection, behind its login.
    recorder.server.close();
    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).state == QLatin1String("reconnecting"); }));
    bench.send(alice, chat(QStringLiteral("queued 1"), 1));
    bench.send(alice, chat(QStringLiteral("queued 2"), 2));
    QVERIFY(tap.waitFor([&] { return tap.sends.size() == 3; }));
    QCOMPARE(tap.sends.at(1).messages.queued, qint64(1));
    QCOMPARE(tap.sends.at(2).messages.queued, qint64(1));

    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, port));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.of(1).size(), 3, testing::scaled(15000));
    QCOMPARE(jsonOf(recorder.of(1).at(0)).value(QStringLiteral("login")).toInt(), 2);
    QCOMPARE(recorder.of(1).at(1), chat(QStringLiteral("queued 1"), 1));
    QCOMPARE(recorder.of(1).at(2), chat(QStringLiteral("queued 2"), 2));

    // Once more, with nothing queued: the third login, alone.
    recorder.server.close();
    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).state == QLatin1String("reconnecting"); }));
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, port));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.of(2).size(), 1, testing::scaled(15000));
    QCOMPARE(jsonOf(recorder.of(2).at(0)).value(QStringLiteral("login")).toInt(), 3);
}

void tst_BenchLogin::loginIsLoggedOutWithItsTemplatesFilledIn()
{
    ServerRecorder recorder;
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, 0));
    Bench bench;
    BenchTap tap(bench);
    ClientSpec spec = loginClient(recorder.server.serverPort(), QString());
    spec.loginMessage.kind = QStringLiteral("text");
    spec.loginMessage.content = QStringLiteral("LOGIN {{seq}} at {{now}} nonce {{random:100-199}}\\n");
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QList<int> ids = bench.spawnClients(spec, 1);

    QTRY_COMPARE_WITH_TIMEOUT(recorder.of(0).size(), 1, timeout);
    const QString login = recorder.of(0).at(0).toText();
    const QStringList words = login.split(QLatin1Char(' '));
    QCOMPARE(words.size(), 6);
    QCOMPARE(words.at(1), QStringLiteral("1"));
    QVERIFY2(words.at(3).toLongLong() >= before && words.at(3).toLongLong() <= QDateTime::currentMSecsSinceEpoch(),
             qPrintable(login));
    QVERIFY2(words.at(5).trimmed().toInt() >= 100 && words.at(5).trimmed().toInt() <= 199, qPrintable(login));
    QVERIFY(login.endsWith(QLatin1Char('\n'))); // escapes are read after the templates are filled in

    // The client's log shows it Out, as the server got it.
    QVERIFY(tap.waitFor([&] { return tap.count(QStringLiteral("alice 1"), Direction::Out) == 1; }));
    QCOMPARE(tap.entriesAt(QStringLiteral("alice 1"), Direction::Out).at(0).message, recorder.of(0).at(0));
    QCOMPARE(tap.entriesAt(QStringLiteral("alice 1"), Direction::Out).at(0).clientId, ids.at(0));
}

void tst_BenchLogin::everyClientOfTheGroupLogsIn()
{
    ServerRecorder recorder;
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, 0));
    Bench bench;
    ClientSpec spec = loginClient(recorder.server.serverPort(), QStringLiteral("{\"login\": {{seq}}}"));
    bench.spawnClients(spec, 3);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.order.size(), 3, timeout);
    for (int n = 0; n < 3; ++n) {
        QCOMPARE(recorder.of(n).size(), 1);
        QCOMPARE(jsonOf(recorder.of(n).at(0)).value(QStringLiteral("login")).toInt(), 1); // each its own count
    }
}

void tst_BenchLogin::anUnusableLoginKeepsTheClientFromConnecting()
{
    ServerRecorder recorder;
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, 0));
    Bench bench;
    BenchTap tap(bench);
    // A workspace edited by hand: a placeholder a send has nothing for.
    const QList<int> ids =
        bench.spawnClients(loginClient(recorder.server.serverPort(), QStringLiteral("{\"who\": \"{{peer}}\"}")), 1);
    QVERIFY(tap.waitFor([&] { return tap.hasEvent(EventKind::Error, QStringLiteral("alice 1"),
                                                  QStringLiteral("the login message cannot be sent")); }));
    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).problem.contains(QLatin1String("{{peer}}")); }));
    QCOMPARE(tap.client(ids.at(0)).state, QStringLiteral("closed"));
    QVERIFY(recorder.server.connections().isEmpty());
}

void tst_BenchLogin::withoutALoginNothingComesFirst()
{
    ServerRecorder recorder;
    QVERIFY(recorder.server.listen(QHostAddress::LocalHost, 0));
    Bench bench;
    BenchTap tap(bench);
    ClientSpec spec = loginClient(recorder.server.serverPort(), QStringLiteral("{\"login\": 1}"));
    spec.login = false; // what was typed stays in the spec, but is not sent
    const QList<int> ids = bench.spawnClients(spec, 1);
    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).state == QLatin1String("connected"); }));
    bench.send({SendTarget::Kind::Clients, ids, 0, {}}, chat(QStringLiteral("first")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.of(0).size(), 1, timeout);
    QCOMPARE(recorder.of(0).at(0), chat(QStringLiteral("first")));
}

QTEST_GUILESS_MAIN(tst_BenchLogin)
#include "tst_benchlogin.moc"
