#include <engine/gaugeimage.h>

#include <QtGui/QImage>
#include <QtTest/QTest>

#include <cmath>

using wirebench::GaugeImage;

/** The engine writes PNG by hand: Qt Gui's reader (libpng, which checks every CRC) must take it as drawn. */
class TestGaugeImage : public QObject
{
    Q_OBJECT

private slots:
    void decodesAtItsSize_data();
    void decodesAtItsSize();
    void drawsTheGauge();
    void arcFollowsTheFrame();
    void corruptionIsRefused();

private:
    static QImage decode(const QByteArray &png);
    /** The pixel on the track's centre line, @p degrees clockwise from where it starts. */
    static QColor onTrack(const QImage &image, double degrees);
};

QImage TestGaugeImage::decode(const QByteArray &png)
{
    return QImage::fromData(png, "PNG").convertToFormat(QImage::Format_ARGB32);
}

QColor TestGaugeImage::onTrack(const QImage &image, double degrees)
{
    const double size = image.width();
    const double angle = (225 - degrees) * 3.14159265358979323846 / 180;
    const int x = int(size / 2 + size * 0.35 * std::cos(angle));
    const int y = int(size / 2 - size * 0.35 * std::sin(angle));
    return image.pixelColor(x, y);
}

void TestGaugeImage::decodesAtItsSize_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("8") << 8;
    QTest::newRow("64") << 64;
    QTest::newRow("128") << 128;
    QTest::newRow("odd 97") << 97;
}

void TestGaugeImage::decodesAtItsSize()
{
    QFETCH(int, size);
    const QByteArray png = GaugeImage::png(3, size);
    QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
    const QImage image = decode(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
}

void TestGaugeImage::drawsTheGauge()
{
    const QImage image = decode(GaugeImage::png(0, 128));
    QCOMPARE(image.pixelColor(0, 0).alpha(), 0); // outside the rounded corner
    QCOMPARE(image.pixelColor(64, 64), QColor(Qt::white)); // the hub
    const QColor background = image.pixelColor(64, 10);
    QCOMPARE(background.alpha(), 255);
    QVERIFY2(background.blue() > background.red(), "the background is blue-green");
    const QColor start = onTrack(image, 1);
    QVERIFY2(start.red() > 200 && start.blue() < 100, qPrintable(start.name())); // orange where the arc starts
}

void TestGaugeImage::arcFollowsTheFrame()
{
    // Frame 3 fills ~95% of the track, frame 9 ~5%: the track's far end is orange only in the first.
    QVERIFY(GaugeImage::level(3) > 0.9);
    QVERIFY(GaugeImage::level(9) < 0.1);
    const QColor fullEnd = onTrack(decode(GaugeImage::png(3, 128)), 250);
    const QColor emptyEnd = onTrack(decode(GaugeImage::png(9, 128)), 250);
    QVERIFY2(fullEnd.red() > 200 && fullEnd.blue() < 100, qPrintable(fullEnd.name()));
    QVERIFY2(emptyEnd.red() < 200, qPrintable(emptyEnd.name())); // the pale track over blue-green
    QVERIFY(GaugeImage::png(3, 64) != GaugeImage::png(9, 64));
    QCOMPARE(GaugeImage::png(5, 64), GaugeImage::png(5, 64));
}

void TestGaugeImage::corruptionIsRefused()
{
    // Every PNG ends with the same IEND chunk: its CRC-32 is known (ae 42 60 82).
    const QByteArray png = GaugeImage::png(1, 32);
    QVERIFY(png.endsWith(QByteArray::fromHex("0000000049454e44ae426082")));
    // The reader checks the CRCs the writer computed: one flipped byte inside IDAT breaks it.
    QByteArray corrupt = png;
    const qsizetype idat = corrupt.indexOf("IDAT");
    QVERIFY(idat > 0);
    corrupt[idat + 10] = char(corrupt[idat + 10] ^ 0x55);
    QVERIFY(decode(corrupt).isNull());
}

QTEST_GUILESS_MAIN(TestGaugeImage)
#include "tst_gaugeimage.moc"
