#include <ui/widgets/inspectorpage.h>

#include <ui/models/messageformat.h>

#include <engine/gaugeimage.h>
#include <engine/hexdump.h>

#include <QtCore/QRegularExpression>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTabBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeWidget>

using namespace wirebench;

/** The inspector's views of one log entry, and the hex dump under it. */
class TestInspectorPage : public QObject
{
    Q_OBJECT

private slots:
    void hexDump_data();
    void hexDump();
    void hexDumpIsCut();
    void jsonEntry();
    void textTabKeepsJsonAsSent_data();
    void textTabKeepsJsonAsSent();
    void imageEntry();
    void binaryEntryHasNoTreeNorImage();
    void cutImageIsNotDecodedAndSaysSo();
    void chosenTabStaysWhileItApplies();

private:
    static LogEntry entryWith(const netcore::Message &message);
};

LogEntry TestInspectorPage::entryWith(const netcore::Message &message)
{
    LogEntry entry;
    entry.sequence = 1;
    entry.time = QDateTime::currentDateTime();
    entry.direction = Direction::In;
    entry.endpoint = QStringLiteral("client 1");
    entry.clientId = 1;
    entry.message = message;
    entry.size = message.payload().size();
    return entry;
}

void TestInspectorPage::hexDump_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("dump");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("short") << QByteArray("Hi\n")
                           << QStringLiteral("00000000  48 69 0a                                          |Hi.|\n");
    QTest::newRow("two lines")
        << QByteArray("0123456789abcdef\x00\xff", 18)
        << QStringLiteral("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
                          "00000010  00 ff                                             |..|\n");
}

void TestInspectorPage::hexDump()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, dump);
    QCOMPARE(HexDump::format(bytes), dump);
}

void TestInspectorPage::hexDumpIsCut()
{
    const QString dump = HexDump::format(QByteArray(100, 'x'), 32);
    QCOMPARE(dump.count(QLatin1Char('\n')), 3);
    QVERIFY(dump.endsWith(QLatin1String("68 more bytes not shown\n")));
}

void TestInspectorPage::jsonEntry()
{
    InspectorPage page;
    const QByteArray json("{\"user\":{\"name\":\"ada\",\"tags\":[1,2]},\"ok\":true}");
    page.setEntry(entryWith(netcore::Message(netcore::MessageType::Json, json, QStringLiteral("chat"), 3)));
    QCOMPARE(page.currentView(), InspectorPage::View::Json);
    QVERIFY(!page.isViewAvailable(InspectorPage::View::Image));

    auto *tree = page.findChild<QTreeWidget *>(QStringLiteral("jsonTree"));
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *root = tree->topLevelItem(0);
    QCOMPARE(root->childCount(), 2);
    QCOMPARE(root->child(0)->text(0), QStringLiteral("ok"));
    QCOMPARE(root->child(0)->text(1), QStringLiteral("true"));
    QTreeWidgetItem *user = root->child(1);
    QCOMPARE(user->text(0), QStringLiteral("user"));
    QCOMPARE(user->child(0)->text(1), QStringLiteral("ada"));
    QCOMPARE(user->child(1)->child(1)->text(1), QStringLiteral("2"));

    const QString text = page.findChild<QPlainTextEdit *>(QStringLiteral("textView"))->toPlainText();
    QVERIFY(text.contains(QLatin1String("\"name\": \"ada\""))); // indented
    const QString hex = page.findChild<QPlainTextEdit *>(QStringLiteral("hexView"))->toPlainText();
    QVERIFY(hex.startsWith(QLatin1String("00000000  7b 22 75 73")));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("summaryLabel"))->text().contains(QLatin1String("chat")));
}

void TestInspectorPage::textTabKeepsJsonAsSent_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QString>("shown");
    QTest::newRow("keys in their order")
        << QByteArray(R"({"b":1,"a":{"z":2,"y":3}})")
        << QStringLiteral("{\n    \"b\": 1,\n    \"a\": {\n        \"z\": 2,\n        \"y\": 3\n    }\n}\n");
    QTest::newRow("strings and numbers as written")
        << QByteArray(R"( { "q\"{,:" : [ 1.50, -0, "\u00e9" ] , "e" : {} , "f":[ ] } )")
        << QStringLiteral("{\n    \"q\\\"{,:\": [\n        1.50,\n        -0,\n        \"\\u00e9\"\n    ],\n"
                          "    \"e\": {},\n    \"f\": []\n}\n");
    QTest::newRow("not JSON: the text as sent") << QByteArray("{\"b\":") << QStringLiteral("{\"b\":");
}

void TestInspectorPage::textTabKeepsJsonAsSent()
{
    QFETCH(QByteArray, sent);
    QFETCH(QString, shown);
    InspectorPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setEntry(entryWith(netcore::Message(netcore::MessageType::Json, sent, QStringLiteral("chat"), 1)));
    auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(int(InspectorPage::View::Text)).center());
    QCOMPARE(page.currentView(), InspectorPage::View::Text);
    QCOMPARE(page.findChild<QPlainTextEdit *>(QStringLiteral("textView"))->toPlainText(), shown);
}

void TestInspectorPage::imageEntry()
{
    InspectorPage page;
    const QByteArray png = GaugeImage::png(2, 64);
    page.setEntry(entryWith(netcore::Message::binary(png, QStringLiteral("image"))));
    QCOMPARE(page.currentView(), InspectorPage::View::Image);
    const QPixmap shown = page.findChild<QLabel *>(QStringLiteral("imageLabel"))->pixmap();
    QCOMPARE(shown.size(), QSize(64, 64));
}

void TestInspectorPage::binaryEntryHasNoTreeNorImage()
{
    InspectorPage page;
    page.setEntry(entryWith(netcore::Message::binary(QByteArray("\x01\x02\x89PNG", 6))));
    QCOMPARE(page.currentView(), InspectorPage::View::Text);
    QVERIFY(!page.isViewAvailable(InspectorPage::View::Json));
    QVERIFY(!page.isViewAvailable(InspectorPage::View::Image));
    QCOMPARE(page.findChild<QPlainTextEdit *>(QStringLiteral("textView"))->toPlainText(),
             QStringLiteral("\\x01\\x02\\x89PNG"));
}

void TestInspectorPage::cutImageIsNotDecodedAndSaysSo()
{
    // What the log keeps of a picture over its budget: the first 64 KiB of 3.2 MiB.
    const QByteArray png = GaugeImage::png(2, 64);
    LogEntry entry = entryWith(netcore::Message::binary(png, QStringLiteral("image")));
    entry.size = qint64(3.2 * 1024 * 1024);
    entry.message.setPayload(png.left(png.size() / 2));
    QTest::failOnWarning(QRegularExpression(QStringLiteral("libpng"))); // what decoding a cut PNG says

    InspectorPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setEntry(entry);
    QVERIFY(!page.isViewAvailable(InspectorPage::View::Image));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("imageLabel"))->pixmap().isNull());
    const QString summary = page.findChild<QLabel *>(QStringLiteral("summaryLabel"))->text();
    QVERIFY2(summary.contains(QStringLiteral("showing the first %1 of 3.2 MiB").arg(MessageFormat::sizeText(png.size() / 2))),
             qPrintable(summary));
    auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QVERIFY(tabs->tabToolTip(int(InspectorPage::View::Image)).contains(QLatin1String("of 3.2 MiB")));
}

void TestInspectorPage::chosenTabStaysWhileItApplies()
{
    InspectorPage page;
    page.show();
    auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("tabs"));
    page.setEntry(entryWith(netcore::Message::text(QStringLiteral("hello"))));
    emit tabs->tabBarClicked(int(InspectorPage::View::Hex)); // what a click on the tab sends
    tabs->setCurrentIndex(int(InspectorPage::View::Hex));
    page.setEntry(entryWith(netcore::Message::json(QJsonDocument(QJsonObject{{QStringLiteral("a"), 1}}))));
    QCOMPARE(page.currentView(), InspectorPage::View::Hex);
}

QTEST_MAIN(TestInspectorPage)
#include "tst_inspectorpage.moc"
