#include <ui/widgets/composerpage.h>

#include <ui/models/payloadlibrarymodel.h>

#include <engine/gaugeimage.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>

using namespace wirebench;


/** The composer, typed into and clicked like a user would. */
class TestComposerPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void jsonIsValidatedAsTyped();
    void sendNeedsATarget();
    void sendsTheJsonAsTyped();
    void textEscapes_data();
    void textEscapes();
    void hexPayload();
    void cborPayloadIsTypedAsJson();
    void imageGoesOnTheImageChannel();
    void loadGenerator();
    void library();

private:
    template <typename T> T *field(const char *name) const { return m_page->findChild<T *>(QLatin1String(name)); }
    void chooseKind(PayloadBuilder::Kind kind);
    void typePayload(const QString &text);

    ComposerPage *m_page = nullptr;
    PayloadLibraryModel *m_library = nullptr;
};

void TestComposerPage::init()
{
    qRegisterMetaType<ComposerPage::Target>();
    m_library = new PayloadLibraryModel(this);
    m_page = new ComposerPage;
    m_page->setLibraryModel(m_library);
    m_page->setSelection(1, 0, QStringLiteral("server 1"));
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestComposerPage::cleanup()
{
    delete m_page;
    delete m_library;
}

void TestComposerPage::chooseKind(PayloadBuilder::Kind kind)
{
    auto *combo = field<QComboBox>("kindCombo");
    combo->setCurrentIndex(combo->findData(int(kind)));
}

void TestComposerPage::typePayload(const QString &text)
{
    auto *edit = field<QPlainTextEdit>("payloadEdit");
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestComposerPage::jsonIsValidatedAsTyped()
{
    auto *send = field<QPushButton>("sendButton");
    auto *label = field<QLabel>("validationLabel");
    typePayload(QStringLiteral("{\"a\": "));
    QVERIFY(!send->isEnabled());
    QVERIFY(label->text().contains(QLatin1String("Invalid JSON")));
    QTest::keyClicks(field<QPlainTextEdit>("payloadEdit"), QStringLiteral("[1, 2]}"));
    QVERIFY(send->isEnabled());
    QVERIFY(m_page->validationError().isEmpty());
    typePayload(QStringLiteral("42")); // a scalar: not a json message
    QVERIFY(!send->isEnabled());
    QVERIFY(!m_page->validationError().isEmpty());
}

void TestComposerPage::sendNeedsATarget()
{
    auto *send = field<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    m_page->setSelection(0, 0, QString());
    QVERIFY(!send->isEnabled());
    m_page->setTarget(ComposerPage::Target::Broadcast);
    QVERIFY(!send->isEnabled());
    m_page->setSelection(0, 0, QStringLiteral("server 1"));
    QVERIFY(send->isEnabled());
    QVERIFY(field<QLabel>("targetSummaryLabel")->text().contains(QLatin1String("server 1")));
}

void TestComposerPage::sendsTheJsonAsTyped()
{
    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    typePayload(QStringLiteral("{\"hello\": 1}"));
    QTest::keyClicks(field<QLineEdit>("channelEdit"), QStringLiteral("chat"));
    field<QSpinBox>("idSpin")->setValue(7);
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).value<ComposerPage::Target>(), ComposerPage::Target::SelectedClients);
    const auto message = sent.at(0).at(1).value<netcore::Message>();
    QCOMPARE(message.type(), netcore::MessageType::Json);
    QCOMPARE(message.payload(), QByteArray("{\"hello\": 1}"));
    QCOMPARE(message.channel(), QStringLiteral("chat"));
    QCOMPARE(message.id(), 7u);
}

void TestComposerPage::textEscapes_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("hi") << QByteArray("hi") << true;
    QTest::newRow("newline") << QStringLiteral("a\\nb") << QByteArray("a\nb") << true;
    QTest::newRow("cr tab nul") << QStringLiteral("\\r\\t\\0") << QByteArray("\r\t\0", 3) << true;
    QTest::newRow("hex") << QStringLiteral("\\x41\\xff") << QByteArray("A\xff") << true;
    QTest::newRow("bad escape") << QStringLiteral("\\q") << QByteArray() << false;
    QTest::newRow("short hex") << QStringLiteral("\\x4") << QByteArray() << false;
}

void TestComposerPage::textEscapes()
{
    QFETCH(QString, typed);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    chooseKind(PayloadBuilder::Kind::Text);
    typePayload(typed);
    QCOMPARE(field<QPushButton>("sendButton")->isEnabled(), valid);
    if (!valid)
        return;
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    const auto message = sent.at(0).at(1).value<netcore::Message>();
    QCOMPARE(message.type(), netcore::MessageType::Text);
    QCOMPARE(message.payload(), bytes);
}

void TestComposerPage::hexPayload()
{
    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    chooseKind(PayloadBuilder::Kind::Binary);
    typePayload(QStringLiteral("de ad b"));
    QVERIFY(!field<QPushButton>("sendButton")->isEnabled());
    QTest::keyClicks(field<QPlainTextEdit>("payloadEdit"), QStringLiteral("e ef"));
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(1).value<netcore::Message>().payload(), QByteArray::fromHex("deadbeef"));
}

void TestComposerPage::cborPayloadIsTypedAsJson()
{
    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    chooseKind(PayloadBuilder::Kind::Cbor);
    typePayload(QStringLiteral("{\"k\": "));
    QVERIFY(!field<QPushButton>("sendButton")->isEnabled());
    typePayload(QStringLiteral("42")); // a scalar is one CBOR item, unlike a json message
    QVERIFY(field<QPushButton>("sendButton")->isEnabled());
    typePayload(QStringLiteral("{\"k\": 1}"));
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    const auto message = sent.at(0).at(1).value<netcore::Message>();
    QCOMPARE(message.type(), netcore::MessageType::Cbor);
    QCOMPARE(message.payload(), QByteArray::fromHex("a1616b01"));
}

void TestComposerPage::imageGoesOnTheImageChannel()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gauge.png"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray png = GaugeImage::png(1);
    file.write(png);
    file.close();

    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    chooseKind(PayloadBuilder::Kind::Image);
    QVERIFY(!field<QPushButton>("sendButton")->isEnabled()); // no file yet
    QTest::keyClicks(field<QLineEdit>("filePathEdit"), path);
    QVERIFY(field<QLabel>("imagePreview")->pixmap().width() > 0);
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    const auto message = sent.at(0).at(1).value<netcore::Message>();
    QCOMPARE(message.type(), netcore::MessageType::Binary);
    QCOMPARE(message.channel(), QStringLiteral("image"));
    QCOMPARE(message.payload(), png);
}

void TestComposerPage::loadGenerator()
{
    QSignalSpy load(m_page, &ComposerPage::loadRequested);
    QSignalSpy stop(m_page, &ComposerPage::stopLoadRequested);
    field<QSpinBox>("loadCountSpin")->setValue(500);
    field<QSpinBox>("loadRateSpin")->setValue(250);
    QTest::mouseClick(field<QPushButton>("startLoadButton"), Qt::LeftButton);
    QCOMPARE(load.count(), 1);
    QCOMPARE(load.at(0).at(2).toLongLong(), 500);
    QCOMPARE(load.at(0).at(3).toInt(), 250);

    LoadProgress progress;
    progress.running = true;
    progress.total = 500;
    progress.sent = 125;
    m_page->setLoadProgress(progress);
    auto *bar = field<QProgressBar>("loadProgressBar");
    QCOMPARE(bar->maximum(), 500);
    QCOMPARE(bar->value(), 125);
    QVERIFY(!field<QPushButton>("startLoadButton")->isEnabled());
    QTest::mouseClick(field<QPushButton>("stopLoadButton"), Qt::LeftButton);
    QCOMPARE(stop.count(), 1);

    progress.running = false;
    m_page->setLoadProgress(progress);
    QVERIFY(field<QPushButton>("startLoadButton")->isEnabled());
    QVERIFY(!field<QPushButton>("stopLoadButton")->isEnabled());
}

void TestComposerPage::library()
{
    typePayload(QStringLiteral("{\"saved\": true}"));
    QTest::keyClicks(field<QLineEdit>("channelEdit"), QStringLiteral("chat"));
    QTest::keyClicks(field<QLineEdit>("libraryNameEdit"), QStringLiteral("greeting"));
    QTest::mouseClick(field<QPushButton>("saveToLibraryButton"), Qt::LeftButton);
    QCOMPARE(m_library->rowCount(), 1);
    QCOMPARE(m_library->payload(0).name, QStringLiteral("greeting"));
    QCOMPARE(m_library->payload(0).kind, QStringLiteral("json"));
    QCOMPARE(m_library->payload(0).content, QStringLiteral("{\"saved\": true}"));

    chooseKind(PayloadBuilder::Kind::Text);
    typePayload(QStringLiteral("something else"));
    auto *view = field<QTableView>("libraryView");
    view->setCurrentIndex(m_library->index(0, 0));
    QTest::mouseClick(field<QPushButton>("loadFromLibraryButton"), Qt::LeftButton);
    QCOMPARE(m_page->kind(), PayloadBuilder::Kind::Json);
    QCOMPARE(m_page->currentPayload().content, QStringLiteral("{\"saved\": true}"));
    QCOMPARE(field<QLineEdit>("channelEdit")->text(), QStringLiteral("chat"));

    QTest::mouseClick(field<QPushButton>("deleteFromLibraryButton"), Qt::LeftButton);
    QCOMPARE(m_library->rowCount(), 0);
}

QTEST_MAIN(TestComposerPage)
#include "tst_composerpage.moc"
