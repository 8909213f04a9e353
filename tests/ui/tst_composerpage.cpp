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

namespace {

/** The message a spied Send carries, as its first destination gets it. */
netcore::Message messageOf(const QVariant &payload)
{
    netcore::Message message;
    QString error;
    if (!payload.value<ComposedPayload>().render(1, &message, &error))
        qWarning("cannot build the message: %s", qPrintable(error));
    return message;
}

} // namespace


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
    void loadCountsEveryDestination();
    void jsonErrorSaysWhereAndHowToFixIt();
    void channelFieldFollowsTheTargetsCodec();
    void sendReportShowsUnderTheSendButton();
    void aRunsRefusalsAreToldOnceNotOverALaterSend_data();
    void aRunsRefusalsAreToldOnceNotOverALaterSend();
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
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "3,000"
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
    const auto message = messageOf(sent.at(0).at(1));
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
    const auto message = messageOf(sent.at(0).at(1));
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
    QCOMPARE(messageOf(sent.at(0).at(1)).payload(), QByteArray::fromHex("deadbeef"));
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
    const auto message = messageOf(sent.at(0).at(1));
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
    const auto message = messageOf(sent.at(0).at(1));
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
    progress.repetitions = 500;
    progress.destinations = 1;
    progress.total = 500;
    progress.messages.sent = 125;
    m_page->setLoadProgress(progress);
    auto *bar = field<QProgressBar>("loadProgressBar");
    QCOMPARE(bar->text(), QStringLiteral("125 / 500 sent"));
    QCOMPARE(double(bar->value() - bar->minimum()) / (bar->maximum() - bar->minimum()), 0.25);
    QVERIFY(!field<QPushButton>("startLoadButton")->isEnabled());
    QTest::mouseClick(field<QPushButton>("stopLoadButton"), Qt::LeftButton);
    QCOMPARE(stop.count(), 1);

    progress.running = false;
    m_page->setLoadProgress(progress);
    QVERIFY(field<QPushButton>("startLoadButton")->isEnabled());
    QVERIFY(!field<QPushButton>("stopLoadButton")->isEnabled());
}

// "1000 ×" to three clients is 3,000 messages: the composer says so before, and counts all of them.
void TestComposerPage::loadCountsEveryDestination()
{
    ComposerPage::Selection three;
    three.clientNames = QStringList{QStringLiteral("a 1"), QStringLiteral("a 2"), QStringLiteral("a 3")};
    m_page->setSelection(three);
    field<QSpinBox>("loadCountSpin")->setValue(1000);
    field<QSpinBox>("loadRateSpin")->setValue(200);
    QCOMPARE(field<QLabel>("loadTotalLabel")->text(), QStringLiteral("3 × 1,000 = 3,000 messages, 3 × 200/s = 600/s"));

    LoadProgress progress;
    progress.running = true;
    progress.repetitions = 1000;
    progress.destinations = 3;
    progress.total = 3000;
    progress.messages.sent = 2240;
    m_page->setLoadProgress(progress);
    auto *bar = field<QProgressBar>("loadProgressBar");
    QCOMPARE(bar->text(), QStringLiteral("2,240 / 3,000 sent"));

    // What did not go out is not counted as sent, and the reason is shown where the user looks.
    progress.messages.sent = 2000;
    progress.messages.refused = 1000;
    progress.messages.firstRefusal = QStringLiteral("a 3 is closed: connect it first (nothing was sent)");
    progress.running = false;
    m_page->setLoadProgress(progress);
    QCOMPARE(bar->text(), QStringLiteral("2,000 / 3,000 sent · 1,000 not sent"));
    QCOMPARE(bar->value(), bar->maximum());
    auto *status = field<QLabel>("sendStatusLabel");
    QVERIFY2(status->text().contains(QLatin1String("1000 of 3000 messages not sent: a 3 is closed")),
             qPrintable(status->text()));
}

void TestComposerPage::jsonErrorSaysWhereAndHowToFixIt()
{
    auto *label = field<QLabel>("validationLabel");
    typePayload(QStringLiteral("{\"a\": 1, \"b\": }"));
    QCOMPARE(label->text(), QStringLiteral("Invalid JSON at line 1, column 15: a value is missing after \"b\":"));
    typePayload(QStringLiteral("{'a': 1}"));
    QCOMPARE(label->text(),
             QStringLiteral("Invalid JSON at line 1, column 2: single quotes are not JSON: use double quotes"));
    QVERIFY(!field<QPushButton>("sendButton")->isEnabled());
}

// Line, length and raw framing carry no channel or id: the field says so and nothing is sent in it.
void TestComposerPage::channelFieldFollowsTheTargetsCodec()
{
    QSignalSpy sent(m_page, &ComposerPage::sendRequested);
    auto *channel = field<QLineEdit>("channelEdit");
    auto *id = field<QSpinBox>("idSpin");
    QTest::keyClicks(channel, QStringLiteral("chat"));
    id->setValue(7);

    ComposerPage::Selection lineClients;
    lineClients.clientNames = QStringList{QStringLiteral("line 1"), QStringLiteral("line 2")};
    lineClients.clientsWithoutChannels = 2;
    lineClients.serverName = QStringLiteral("server 1");
    m_page->setSelection(lineClients);
    QVERIFY(!channel->isEnabled());
    QVERIFY(!id->isEnabled());
    QVERIFY2(channel->toolTip().contains(QLatin1String("only envelope framing carries a channel")),
             qPrintable(channel->toolTip()));
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(messageOf(sent.at(0).at(1)).channel(), QString());
    QCOMPARE(messageOf(sent.at(0).at(1)).id(), 0u);

    // The server speaks the envelope: a broadcast carries them.
    m_page->setTarget(ComposerPage::Target::Broadcast);
    QVERIFY(channel->isEnabled());
    QTest::mouseClick(field<QPushButton>("sendButton"), Qt::LeftButton);
    QCOMPARE(messageOf(sent.at(1).at(1)).channel(), QStringLiteral("chat"));
    QCOMPARE(messageOf(sent.at(1).at(1)).id(), 7u);

    // Some of the clients: the field stays, and its tooltip says whose messages go without.
    m_page->setTarget(ComposerPage::Target::SelectedClients);
    lineClients.clientsWithoutChannels = 1;
    m_page->setSelection(lineClients);
    QVERIFY(channel->isEnabled());
    QVERIFY2(channel->toolTip().contains(QLatin1String("1 of the 2 selected clients")), qPrintable(channel->toolTip()));
}

void TestComposerPage::sendReportShowsUnderTheSendButton()
{
    auto *status = field<QLabel>("sendStatusLabel");
    SendTally refused;
    refused.refuse(QStringLiteral("client 1 is closed: connect it first (nothing was sent)"));
    m_page->showSendReport(refused);
    QCOMPARE(status->text(), QStringLiteral("not sent: client 1 is closed: connect it first (nothing was sent)"));
    QVERIFY(status->isVisible());
    SendTally queued;
    queued.queued = 1;
    m_page->showSendReport(queued);
    QVERIFY2(status->text().startsWith(QLatin1String("Not connected yet: queued 1 message until connected")),
             qPrintable(status->text()));
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

void TestComposerPage::aRunsRefusalsAreToldOnceNotOverALaterSend_data()
{
    QTest::addColumn<bool>("sequence");
    QTest::newRow("Send N") << false;
    QTest::newRow("sequence") << true;
}

// The window hands every batch the latest progress, even long after a run ended: what it
// refused is told when it happens, and a Send made since keeps its own report.
void TestComposerPage::aRunsRefusalsAreToldOnceNotOverALaterSend()
{
    QFETCH(bool, sequence);
    auto *status = field<QLabel>("sendStatusLabel");
    SendTally messages;
    messages.sent = 1;
    messages.refuse(QStringLiteral("client 2 is closed"));
    quint64 run = 1;
    const auto tell = [&](bool running) {
        if (sequence) {
            SequenceProgress progress;
            progress.run = run;
            progress.running = running;
            progress.steps = 2;
            progress.stepsDone = running ? 1 : 2;
            progress.messages = messages;
            m_page->setSequenceProgress(progress);
        } else {
            LoadProgress progress;
            progress.run = run;
            progress.running = running;
            progress.repetitions = progress.total = 2;
            progress.destinations = 1;
            progress.messages = messages;
            m_page->setLoadProgress(progress);
        }
    };
    const QString name = sequence ? QStringLiteral("Sequence: ") : QStringLiteral("Send N: ");
    tell(true);
    QCOMPARE(status->text(), name + QStringLiteral("1 of 2 messages not sent: client 2 is closed"));
    messages.refuse(QStringLiteral("client 2 is closed"));
    tell(true);
    QCOMPARE(status->text(), name + QStringLiteral("1 of 2 messages not sent: client 2 is closed")); // told already
    tell(false);
    QCOMPARE(status->text(), name + QStringLiteral("2 of 3 messages not sent: client 2 is closed")); // the end's count

    SendTally sent;
    sent.sent = 1;
    m_page->showSendReport(sent);
    tell(false);
    tell(false);
    QCOMPARE(status->text(), QStringLiteral("Sent 1 message."));

    // The next run refuses as many, without a batch in between that showed none: told again.
    ++run;
    tell(false);
    QCOMPARE(status->text(), name + QStringLiteral("2 of 3 messages not sent: client 2 is closed"));
}

QTEST_MAIN(TestComposerPage)
#include "tst_composerpage.moc"
