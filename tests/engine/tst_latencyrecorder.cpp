// LatencyRecorder (wirebench-cli bench): percentiles within its stated 0.8 %.
#include <engine/latencyrecorder.h>

#include <QtTest/QTest>

using wirebench::LatencyRecorder;

class TestLatencyRecorder : public QObject
{
    Q_OBJECT

private slots:
    void emptyIsZero();
    void smallValuesAreExact();
    void percentilesOfAUniformSpread_data();
    void percentilesOfAUniformSpread();
    void maxIsExactAndClearForgets();
};

void TestLatencyRecorder::emptyIsZero()
{
    const LatencyRecorder recorder;
    QCOMPARE(recorder.count(), quint64(0));
    QCOMPARE(recorder.percentile(0.5), 0);
    QCOMPARE(recorder.max(), 0);
}

void TestLatencyRecorder::smallValuesAreExact()
{
    LatencyRecorder recorder;
    for (const qint64 value : {5, 1, 3, 2, 4})
        recorder.record(value);
    QCOMPARE(recorder.percentile(0.5), 3);
    QCOMPARE(recorder.percentile(0.2), 1);
    QCOMPARE(recorder.percentile(1.0), 5);
    recorder.record(-7);  // a clock step backwards counts as zero
    QCOMPARE(recorder.percentile(0.0), 0);
}

void TestLatencyRecorder::percentilesOfAUniformSpread_data()
{
    QTest::addColumn<qint64>("scale");
    QTest::newRow("nanoseconds") << qint64(1);
    QTest::newRow("microseconds") << qint64(1000);
    QTest::newRow("seconds") << qint64(1000000000);
}

void TestLatencyRecorder::percentilesOfAUniformSpread()
{
    QFETCH(qint64, scale);
    LatencyRecorder recorder;
    for (qint64 value = 1; value <= 10000; ++value)
        recorder.record(value * scale);
    QCOMPARE(recorder.count(), quint64(10000));
    for (const auto &[fraction, expected] : {std::pair{0.5, 5000}, {0.99, 9900}, {0.999, 9990}}) {
        const double got = double(recorder.percentile(fraction)) / double(scale);
        QVERIFY2(qAbs(got - expected) <= expected * 0.008 + 1,
                 qPrintable(QStringLiteral("p%1: %2, expected %3").arg(fraction * 100).arg(got).arg(expected)));
    }
}

void TestLatencyRecorder::maxIsExactAndClearForgets()
{
    LatencyRecorder recorder;
    recorder.record(123456789);
    recorder.record(1000);
    QCOMPARE(recorder.max(), 123456789);
    QVERIFY(recorder.percentile(1.0) <= 123456789);
    recorder.clear();
    QCOMPARE(recorder.count(), quint64(0));
    QCOMPARE(recorder.max(), 0);
}

QTEST_APPLESS_MAIN(TestLatencyRecorder)
#include "tst_latencyrecorder.moc"
