#include <netcore/peerallowlist.h>

#include <QtTest/QTest>

using namespace netcore;

class tst_PeerAllowList : public QObject
{
    Q_OBJECT

private slots:
    void allows_data();
    void allows();
    void badRangesAreRefusedWithTheirName();
    void emptyAllowsEveryone();
};

void tst_PeerAllowList::allows_data()
{
    QTest::addColumn<QString>("ranges");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("v4 inside") << "127.0.0.0/8" << "127.1.2.3" << true;
    QTest::newRow("v4 outside") << "127.0.0.0/8" << "128.0.0.1" << false;
    QTest::newRow("v6 loopback") << "127.0.0.0/8,::1/128" << "::1" << true;
    QTest::newRow("v6 outside") << "::1/128" << "::2" << false;
    QTest::newRow("v4 mapped into v6") << "10.0.0.0/8" << "::ffff:10.9.8.7" << true;
    QTest::newRow("v4 mapped, outside") << "10.0.0.0/8" << "::ffff:11.0.0.1" << false;
    QTest::newRow("one host, no prefix") << "192.168.1.5" << "192.168.1.5" << true;
    QTest::newRow("one host, its neighbour") << "192.168.1.5" << "192.168.1.6" << false;
    QTest::newRow("spaces and a second range") << " 10.0.0.0/8 , 172.16.0.0/12 " << "172.20.1.1" << true;
}

void tst_PeerAllowList::allows()
{
    QFETCH(QString, ranges);
    QFETCH(QString, peer);
    QFETCH(bool, allowed);
    PeerAllowList list;
    QString error;
    QVERIFY2(PeerAllowList::parse(ranges, &list, &error), qPrintable(error));
    QCOMPARE(list.allows(QHostAddress(peer)), allowed);
    // What toString() gives parses back to the same decision.
    PeerAllowList again;
    QVERIFY(PeerAllowList::parse(list.toString(), &again, &error));
    QCOMPARE(again.allows(QHostAddress(peer)), allowed);
}

void tst_PeerAllowList::badRangesAreRefusedWithTheirName()
{
    PeerAllowList list;
    list.add(QHostAddress(QStringLiteral("10.0.0.0")), 8);
    QString error;
    QVERIFY(!PeerAllowList::parse(QStringLiteral("127.0.0.0/8,localhost"), &list, &error));
    QVERIFY(error.contains(QLatin1String("\"localhost\"")));
    QVERIFY(!PeerAllowList::parse(QStringLiteral("10.0.0.0/33"), &list, &error));
    QVERIFY(error.contains(QLatin1String("10.0.0.0/33")));
    QCOMPARE(list.toString(), QStringLiteral("10.0.0.0/8")); // untouched
}

void tst_PeerAllowList::emptyAllowsEveryone()
{
    PeerAllowList list;
    QString error;
    QVERIFY(PeerAllowList::parse(QString(), &list, &error));
    QVERIFY(list.isEmpty());
    QVERIFY(list.allows(QHostAddress(QStringLiteral("203.0.113.9"))));
}

QTEST_GUILESS_MAIN(tst_PeerAllowList)
#include "tst_peerallowlist.moc"
