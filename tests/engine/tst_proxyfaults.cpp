// A proxy's faults as data: the CLI's values, a workspace's JSON, the plan each direction
// follows, the seeded choices, and the spec that refuses what cannot run.
#include <engine/proxy/fault.h>
#include <engine/proxy/faultplan.h>
#include <engine/proxy/faultrandom.h>
#include <engine/proxy/proxyspec.h>

#include <QtTest/QTest>

using wirebench::DirectionPlan;
using wirebench::Fault;
using wirebench::FaultRandom;
using wirebench::LinkPlan;
using wirebench::ProxyDirection;
using wirebench::ProxySpec;

namespace {

Fault parsed(Fault::Kind kind, const QString &value)
{
    Fault fault;
    QString why;
    if (!Fault::parse(kind, value, &fault, &why))
        qFatal("%s", qPrintable(why));
    return fault;
}

} // namespace

class TestProxyFaults : public QObject
{
    Q_OBJECT

private slots:
    void parsesEachFlagsValue_data();
    void parsesEachFlagsValue();
    void refusesBadValues_data();
    void refusesBadValues();
    void roundTripsThroughJson();
    void describesForPeople();
    void planTakesEnabledFaultsOfItsDirection();
    void randomRepeatsWithItsSeedOnly();
    void specRefusesMessageFaultsOnRaw();
    void specRoundTripsThroughJson();
};

void TestProxyFaults::parsesEachFlagsValue_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("extra");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<double>("probability");

    QTest::newRow("latency") << int(Fault::Kind::Latency) << "250" << qint64(250) << qint64(0) << "*" << 1.0;
    QTest::newRow("slice alone") << int(Fault::Kind::Slice) << "16" << qint64(16) << qint64(0) << "*" << 1.0;
    QTest::newRow("slice, pause") << int(Fault::Kind::Slice) << "16:500" << qint64(16) << qint64(500) << "*" << 1.0;
    QTest::newRow("limit-data") << int(Fault::Kind::LimitData) << "0" << qint64(0) << qint64(0) << "*" << 1.0;
    QTest::newRow("drop, certain") << int(Fault::Kind::Drop) << "chat" << qint64(0) << qint64(0) << "chat" << 1.0;
    QTest::newRow("drop, half") << int(Fault::Kind::Drop) << "*:0.5" << qint64(0) << qint64(0) << "*" << 0.5;
    QTest::newRow("channel with a colon") << int(Fault::Kind::Duplicate) << "a:b:0.25" << qint64(0) << qint64(0)
                                          << "a:b" << 0.25;
    QTest::newRow("corrupt") << int(Fault::Kind::Corrupt) << "0.1" << qint64(0) << qint64(0) << "*" << 0.1;
    QTest::newRow("delay-channel") << int(Fault::Kind::DelayChannel) << "slow:300" << qint64(300) << qint64(0)
                                   << "slow" << 1.0;
}

void TestProxyFaults::parsesEachFlagsValue()
{
    QFETCH(int, kind);
    QFETCH(QString, value);
    Fault fault;
    QString why;
    QVERIFY2(Fault::parse(Fault::Kind(kind), value, &fault, &why), qPrintable(why));
    QCOMPARE(int(fault.kind), kind);
    QTEST(fault.amount, "amount");
    QTEST(fault.extra, "extra");
    QTEST(fault.channel, "channel");
    QTEST(fault.probability, "probability");
    QCOMPARE(fault.value(), value); // reads back as the flag's value was given
}

void TestProxyFaults::refusesBadValues_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("negative latency") << int(Fault::Kind::Latency) << "-1" << "from 0";
    QTest::newRow("no bandwidth") << int(Fault::Kind::Bandwidth) << "0" << "from 1";
    QTest::newRow("slice of nothing") << int(Fault::Kind::Slice) << "0" << "BYTES";
    QTest::newRow("slice pause not a number") << int(Fault::Kind::Slice) << "8:soon" << "DELAY_US";
    QTest::newRow("probability above 1") << int(Fault::Kind::Drop) << "chat:2" << "from 0 to 1";
    QTest::newRow("drop without a channel") << int(Fault::Kind::Drop) << ":0.5" << "needs a channel";
    QTest::newRow("corrupt not a number") << int(Fault::Kind::Corrupt) << "often" << "probability";
    QTest::newRow("delay-channel without ms") << int(Fault::Kind::DelayChannel) << "slow" << "CHANNEL:MS";
}

void TestProxyFaults::refusesBadValues()
{
    QFETCH(int, kind);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    Fault fault;
    QString why;
    QVERIFY(!Fault::parse(Fault::Kind(kind), value, &fault, &why));
    QVERIFY2(why.contains(reason), qPrintable(why));
}

void TestProxyFaults::roundTripsThroughJson()
{
    Fault latency = parsed(Fault::Kind::Latency, QStringLiteral("100"));
    latency.extra = 20;
    latency.directions = Fault::Directions::ServerToClient;
    Fault drop = parsed(Fault::Kind::Drop, QStringLiteral("chat:0.5"));
    drop.enabled = false;
    for (const Fault &fault : {latency, drop, parsed(Fault::Kind::Slice, QStringLiteral("8:250"))}) {
        Fault back;
        QString why;
        QVERIFY2(Fault::fromJson(fault.toJson(), &back, &why), qPrintable(why));
        QCOMPARE(back, fault);
    }
    Fault ignored;
    QString why;
    QVERIFY(!Fault::fromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("explode")}}, &ignored, &why));
    QVERIFY2(why.contains(QLatin1String("explode")), qPrintable(why));
}

void TestProxyFaults::describesForPeople()
{
    Fault latency = parsed(Fault::Kind::Latency, QStringLiteral("100"));
    latency.extra = 20;
    QCOMPARE(latency.describe(), QStringLiteral("latency 100 ms ± 20 ms"));
    Fault drop = parsed(Fault::Kind::Drop, QStringLiteral("chat:0.5"));
    drop.directions = Fault::Directions::ClientToServer;
    QCOMPARE(drop.describe(), QStringLiteral("drop chat (p 0.5), c2s"));
    QCOMPARE(parsed(Fault::Kind::Timeout, QStringLiteral("0")).describe(), QStringLiteral("timeout (hold open)"));
}

void TestProxyFaults::planTakesEnabledFaultsOfItsDirection()
{
    Fault slow = parsed(Fault::Kind::Latency, QStringLiteral("100"));
    slow.directions = Fault::Directions::ClientToServer;
    Fault slower = parsed(Fault::Kind::Latency, QStringLiteral("900")); // a second latency: the first counts
    Fault off = parsed(Fault::Kind::Bandwidth, QStringLiteral("10"));
    off.enabled = false;
    const QList<Fault> faults{slow, slower, off, parsed(Fault::Kind::Drop, QStringLiteral("a")),
                              parsed(Fault::Kind::Drop, QStringLiteral("b")),
                              parsed(Fault::Kind::ResetAfter, QStringLiteral("50"))};
    const auto plan = LinkPlan::from(faults);
    const DirectionPlan &c2s = plan->of(ProxyDirection::ClientToServer);
    const DirectionPlan &s2c = plan->of(ProxyDirection::ServerToClient);
    QCOMPARE(c2s.latencyMsecs, 100);
    QCOMPARE(s2c.latencyMsecs, 900);
    QCOMPARE(c2s.bytesPerSecond, 0);
    QCOMPARE(c2s.drops.size(), 2);
    QVERIFY(c2s.hasMessageFaults());
    QVERIFY(!c2s.writesAtOnce());
    QVERIFY(plan->resetAfter);
    QCOMPARE(plan->resetAfterMsecs, 50);
    QVERIFY(LinkPlan::from({})->of(ProxyDirection::ClientToServer).writesAtOnce());
}

void TestProxyFaults::randomRepeatsWithItsSeedOnly()
{
    const auto draws = [](quint64 seed, quint64 connection, int direction) {
        FaultRandom random(seed, connection, direction);
        QList<quint64> values;
        for (int i = 0; i < 8; ++i)
            values.append(random.next());
        return values;
    };
    QCOMPARE(draws(42, 1, 0), draws(42, 1, 0));
    QVERIFY(draws(42, 1, 0) != draws(43, 1, 0));
    QVERIFY(draws(42, 1, 0) != draws(42, 2, 0));
    QVERIFY(draws(42, 1, 0) != draws(42, 1, 1));
    // The draws are the same on every build: splitmix64 of a documented state, not a library's distribution.
    QCOMPARE(FaultRandom(1, 0, 0).next(), FaultRandom(1, 0, 0).next());
    FaultRandom random(7, 1, 0);
    int hits = 0;
    for (int i = 0; i < 10000; ++i)
        hits += random.chance(0.25) ? 1 : 0;
    QVERIFY2(hits > 2300 && hits < 2700, qPrintable(QString::number(hits))); // 0.25 within 4 standard deviations
    QVERIFY(!random.chance(0));
    QVERIFY(random.chance(1));
    for (int i = 0; i < 1000; ++i)
        QVERIFY(qAbs(random.spread(5)) <= 5);
}

void TestProxyFaults::specRefusesMessageFaultsOnRaw()
{
    ProxySpec spec;
    spec.upstreamPort = 7000;
    spec.codec = netcore::CodecConfig::raw();
    QString why;
    QVERIFY2(spec.validate(&why), qPrintable(why));
    spec.faults.append(parsed(Fault::Kind::Corrupt, QStringLiteral("0.5")));
    QVERIFY(!spec.validate(&why));
    QVERIFY2(why.contains(QLatin1String("--corrupt")) && why.contains(QLatin1String("raw")), qPrintable(why));
    spec.upstreamPort = 0;
    spec.faults.clear();
    QVERIFY(!spec.validate(&why));
    QVERIFY2(why.contains(QLatin1String("upstream")), qPrintable(why));
}

void TestProxyFaults::specRoundTripsThroughJson()
{
    ProxySpec spec;
    spec.name = QStringLiteral("in the middle");
    spec.listenPort = 7001;
    spec.upstreamHost = QStringLiteral("::1");
    spec.upstreamPort = 7000;
    spec.codec = netcore::CodecConfig::line(QByteArrayLiteral("\r\n"));
    spec.faults = {parsed(Fault::Kind::DelayChannel, QStringLiteral("slow:300"))};
    spec.seed = ProxySpec::maxSeed;
    spec.workers = 2;
    ProxySpec back;
    QString why;
    QVERIFY2(ProxySpec::fromJson(spec.toJson(), &back, &why), qPrintable(why));
    QCOMPARE(back, spec);
    QVERIFY2(back.validate(&why), qPrintable(why));
    back.seed = ProxySpec::maxSeed + 1; // a JSON number past 2^53 would not read back as itself
    QVERIFY(!back.validate(&why));
    QVERIFY2(why.contains(QLatin1String("seed")), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestProxyFaults)
#include "tst_proxyfaults.moc"
