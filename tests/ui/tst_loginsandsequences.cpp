#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>
#include <tests/timefactor.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/spawnclientsdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/payloadlibrarymodel.h>
#include <ui/models/payloadsequencemodel.h>

#include <netcore/server.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTabBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * A login typed into the spawn dialog, templates typed into the composer and
 * a sequence built from saved payloads, all driven through the real window
 * like a user does, and checked where it matters: on a netcore::Server of
 * the test's own, connection by connection, in order.
 */
class tst_LoginsAndSequences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void theSpawnDialogsLoginOpensEveryConnection();
    void composerTemplatesFillEachMessage();
    void anUnknownPlaceholderIsRefusedAsTyped();
    void sequenceSendsSavedPayloadsInOrder();
    void stopEndsALongSequence();
    void sequenceRefusalsAreToldWhereTheUserLooks();
    void sequenceAndLoginAreSavedInTheWorkspace();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_window.get(), name); }
    /** Spawns clients through the clients page's dialog, filled by @p fill after the port; waits until connected. */
    void spawnWithDialog(int count, const std::function<void(SpawnClientsDialog *)> &fill);
    void selectAllClients();
    void chooseKind(int row) { chooseWithKeys(find<QComboBox>("kindCombo"), row); }
    /** Types @p content as the payload and saves it in the library as @p name. */
    void savePayload(int kindRow, const QString &content, const QString &name);
    void openSequenceTab();
    /** Picks the saved payload @p name in the sequence's list and clicks Add step. */
    void addStep(const QString &name);
    QList<netcore::Message> received(int connection) const { return m_received.value(m_order.value(connection)); }
    int receivedCount() const;
    static QJsonObject jsonOf(const netcore::Message &message)
    {
        return QJsonDocument::fromJson(message.payload()).object();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<netcore::Server> m_server;
    QHash<quint64, QList<netcore::Message>> m_received;
    QList<quint64> m_order; ///< connections in the order they first sent something
};

void tst_LoginsAndSequences::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_LoginsAndSequences::init()
{
    m_received.clear();
    m_order.clear();
    m_server = std::make_unique<netcore::Server>();
    connect(m_server.get(), &netcore::Server::messageReceived, this,
            [this](quint64 connection, const netcore::Message &message) {
                if (!m_received.contains(connection))
                    m_order.append(connection);
                m_received[connection].append(message);
            });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_LoginsAndSequences::cleanup()
{
    m_window.reset();
    m_server.reset();
}

int tst_LoginsAndSequences::receivedCount() const
{
    int count = 0;
    for (const QList<netcore::Message> &messages : m_received)
        count += int(messages.size());
    return count;
}

void tst_LoginsAndSequences::spawnWithDialog(int count, const std::function<void(SpawnClientsDialog *)> &fill)
{
    const quint16 port = m_server->serverPort();
    fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"), [&](SpawnClientsDialog *dialog) {
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QString::number(port));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("countSpin")), QString::number(count));
        if (fill)
            fill(dialog);
    });
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_VERIFY_WITH_TIMEOUT(clients->rowCount() == count && [clients] {
        for (int row = 0; row < clients->rowCount(); ++row) {
            if (clients->client(row).state != QLatin1String("connected"))
                return false;
        }
        return true;
    }(), testing::scaled(10000));
}

void tst_LoginsAndSequences::selectAllClients()
{
    auto *view = find<QTableView>("clientView");
    view->setFocus();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 0)).center());
    QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view->selectionModel()->selectedRows().size(), view->model()->rowCount());
}

void tst_LoginsAndSequences::savePayload(int kindRow, const QString &content, const QString &name)
{
    chooseKind(kindRow);
    typeInto(find<QPlainTextEdit>("payloadEdit"), content);
    typeInto(find<QLineEdit>("libraryNameEdit"), name);
    QTest::mouseClick(find<QPushButton>("saveToLibraryButton"), Qt::LeftButton);
}

void tst_LoginsAndSequences::openSequenceTab()
{
    auto *tabs = find<QTabWidget>("sendModeTabs");
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(1).center());
    QCOMPARE(tabs->currentWidget(), find<QWidget>("sequencePage"));
}

void tst_LoginsAndSequences::addStep(const QString &name)
{
    auto *combo = find<QComboBox>("stepCombo");
    chooseWithKeys(combo, combo->findText(name));
    QTest::mouseClick(find<QPushButton>("addStepButton"), Qt::LeftButton);
}

// A login typed into the dialog: the server sees it first on the first connection and again,
// with the next number, on the connection after a loss; the composer's message goes after it.
void tst_LoginsAndSequences::theSpawnDialogsLoginOpensEveryConnection()
{
    spawnWithDialog(1, [](SpawnClientsDialog *dialog) {
        clickCheckBox(dialog->findChild<QCheckBox *>(QStringLiteral("loginCheck")));
        typeInto(dialog->findChild<QPlainTextEdit *>(QStringLiteral("loginEdit")),
                 QStringLiteral("{\"user\": \"alice\", \"login\": {{seq}}}"));
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("loginChannelEdit")), QStringLiteral("auth"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(received(0).size(), 1, testing::scaled(10000));
    QCOMPARE(received(0).at(0).channel(), QStringLiteral("auth"));
    QCOMPARE(jsonOf(received(0).at(0)),
             QJsonObject({{QStringLiteral("user"), QStringLiteral("alice")}, {QStringLiteral("login"), 1}}));

    selectAllClients();
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"hello\": 1}"));
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(received(0).size(), 2, testing::scaled(10000));
    QCOMPARE(jsonOf(received(0).at(1)), QJsonObject({{QStringLiteral("hello"), 1}}));

    // The server drops the client; it reconnects on its own and logs in again.
    m_server->disconnectClient(m_order.at(0));
    QTRY_COMPARE_WITH_TIMEOUT(received(1).size(), 1, testing::scaled(15000));
    QCOMPARE(jsonOf(received(1).at(0)).value(QStringLiteral("login")).toInt(), 2);
}

void tst_LoginsAndSequences::composerTemplatesFillEachMessage()
{
    spawnWithDialog(2, {});
    selectAllClients();
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"n\": {{seq}}, \"die\": {{random:1-6}}}"));
    auto *validation = find<QLabel>("validationLabel");
    QVERIFY2(validation->text().contains(QLatin1String("templates are filled in for each message")),
             qPrintable(validation->text()));
    QVERIFY(find<QPlainTextEdit>("payloadEdit")->toolTip().contains(QLatin1String("{{random:A-B}}")));
    typeInto(find<QSpinBox>("loadCountSpin"), QStringLiteral("20"));
    typeInto(find<QSpinBox>("loadRateSpin"), QStringLiteral("0"));
    QTest::mouseClick(find<QPushButton>("startLoadButton"), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(receivedCount(), 40, testing::scaled(10000));
    for (int connection = 0; connection < 2; ++connection) {
        const QList<netcore::Message> messages = received(connection);
        for (int i = 0; i < messages.size(); ++i) {
            const QJsonObject object = jsonOf(messages.at(i));
            QCOMPARE(object.value(QStringLiteral("n")).toInt(), i + 1);
            QVERIFY(object.value(QStringLiteral("die")).toInt() >= 1 && object.value(QStringLiteral("die")).toInt() <= 6);
        }
    }
    QTRY_COMPARE(find<QProgressBar>("loadProgressBar")->text(), QStringLiteral("40 / 40 sent"));
}

void tst_LoginsAndSequences::anUnknownPlaceholderIsRefusedAsTyped()
{
    spawnWithDialog(1, {});
    selectAllClients();
    auto *send = find<QPushButton>("sendButton");
    auto *validation = find<QLabel>("validationLabel");
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("{\"n\": {{count}}}"));
    QVERIFY2(validation->text().contains(QLatin1String("unknown template {{count}}: use {{seq}}, {{now}} or {{random:A-B}}")),
             qPrintable(validation->text()));
    QVERIFY(!send->isEnabled());
    QVERIFY(!find<QPushButton>("startLoadButton")->isEnabled());
    chooseKind(1); // Text: a reply's placeholder has nothing to take here
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("echo {{text}}"));
    QVERIFY2(validation->text().contains(QLatin1String("{{text}} means nothing here")), qPrintable(validation->text()));
    QVERIFY(!send->isEnabled());
    typeInto(find<QPlainTextEdit>("payloadEdit"), QStringLiteral("at {{now}}"));
    QVERIFY(send->isEnabled());
}

void tst_LoginsAndSequences::sequenceSendsSavedPayloadsInOrder()
{
    spawnWithDialog(2, {});
    savePayload(0, QStringLiteral("{\"step\": \"hello\", \"n\": {{seq}}}"), QStringLiteral("hello"));
    savePayload(1, QStringLiteral("tick {{seq}}"), QStringLiteral("tick"));
    savePayload(2, QStringLiteral("ca fe"), QStringLiteral("bytes"));

    openSequenceTab();
    addStep(QStringLiteral("tick"));
    addStep(QStringLiteral("bytes"));
    addStep(QStringLiteral("hello"));
    // "hello" goes first: it is selected after Add, and Up twice moves it there.
    QTest::mouseClick(find<QPushButton>("stepUpButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>("stepUpButton"), Qt::LeftButton);
    QVERIFY(!find<QPushButton>("stepUpButton")->isEnabled()); // first already
    addStep(QStringLiteral("tick"));
    const PayloadSequenceModel *steps = m_window->session()->payloadSequence();
    QStringList names;
    for (int row = 0; row < steps->rowCount(); ++row)
        names.append(steps->payload(row).name);
    QCOMPARE(names, QStringList({QStringLiteral("hello"), QStringLiteral("tick"), QStringLiteral("bytes"),
                                 QStringLiteral("tick")}));

    auto *start = find<QPushButton>("startSequenceButton");
    QVERIFY(!start->isEnabled()); // nowhere to send yet
    selectAllClients();
    QVERIFY(start->isEnabled());
    typeInto(find<QSpinBox>("delaySpin"), QStringLiteral("100"));
    QCOMPARE(steps->delayMsecs(), 100);
    QTest::mouseClick(start, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(receivedCount(), 8, testing::scaled(10000));
    for (int connection = 0; connection < 2; ++connection) {
        const QList<netcore::Message> messages = received(connection);
        QCOMPARE(jsonOf(messages.at(0)),
                 QJsonObject({{QStringLiteral("step"), QStringLiteral("hello")}, {QStringLiteral("n"), 1}}));
        QCOMPARE(messages.at(1).toText(), QStringLiteral("tick 2"));
        QCOMPARE(messages.at(2).payload(), QByteArray::fromHex("cafe"));
        QCOMPARE(messages.at(3).toText(), QStringLiteral("tick 4"));
    }
    auto *bar = find<QProgressBar>("sequenceProgressBar");
    QTRY_COMPARE(bar->text(), QStringLiteral("4 / 4 steps · 8 sent"));
    QTRY_VERIFY(start->isEnabled()); // the run ended
    QVERIFY(!find<QPushButton>("stopSequenceButton")->isEnabled());
}

void tst_LoginsAndSequences::stopEndsALongSequence()
{
    spawnWithDialog(1, {});
    savePayload(1, QStringLiteral("step {{seq}}"), QStringLiteral("step"));
    openSequenceTab();
    for (int i = 0; i < 3; ++i)
        addStep(QStringLiteral("step"));
    typeInto(find<QSpinBox>("delaySpin"), QStringLiteral("60000"));
    selectAllClients();
    QTest::mouseClick(find<QPushButton>("startSequenceButton"), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(receivedCount(), 1, testing::scaled(10000));
    auto *stop = find<QPushButton>("stopSequenceButton");
    QTRY_VERIFY(stop->isEnabled());
    QVERIFY(!find<QPushButton>("startSequenceButton")->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_VERIFY(find<QPushButton>("startSequenceButton")->isEnabled());
    QCOMPARE(find<QProgressBar>("sequenceProgressBar")->text(), QStringLiteral("1 / 3 steps · 1 sent"));
    QCOMPARE(receivedCount(), 1);
}

void tst_LoginsAndSequences::sequenceRefusalsAreToldWhereTheUserLooks()
{
    // A client that gave up: what goes to it is refused, as a Send to it is.
    fillDialogOpenedBy<SpawnClientsDialog>(find<QToolButton>("spawnClientsButton"), [](SpawnClientsDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("nowhere"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("1"));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("countSpin")), QStringLiteral("1"));
        clickCheckBox(dialog->findChild<QCheckBox *>(QStringLiteral("autoReconnectCheck")));
    });
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_VERIFY(clients->rowCount() == 1 && clients->client(0).state == QLatin1String("closed"));
    savePayload(1, QStringLiteral("x"), QStringLiteral("x"));
    openSequenceTab();
    addStep(QStringLiteral("x"));
    addStep(QStringLiteral("x"));
    typeInto(find<QSpinBox>("delaySpin"), QStringLiteral("0"));
    selectAllClients();
    QTest::mouseClick(find<QPushButton>("startSequenceButton"), Qt::LeftButton);

    auto *status = find<QLabel>("sendStatusLabel");
    QTRY_VERIFY2(status->text().contains(QLatin1String("2 of 2 messages not sent: nowhere 1 is closed")),
                 qPrintable(status->text()));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Sequence: ")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(find<QProgressBar>("sequenceProgressBar")->text(), QStringLiteral("2 / 2 steps · 0 sent · 2 not sent"));
}

void tst_LoginsAndSequences::sequenceAndLoginAreSavedInTheWorkspace()
{
    spawnWithDialog(1, [](SpawnClientsDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("alice"));
        clickCheckBox(dialog->findChild<QCheckBox *>(QStringLiteral("loginCheck")));
        typeInto(dialog->findChild<QPlainTextEdit *>(QStringLiteral("loginEdit")), QStringLiteral("{\"login\": {{seq}}}"));
    });
    savePayload(1, QStringLiteral("one"), QStringLiteral("one"));
    savePayload(1, QStringLiteral("two"), QStringLiteral("two"));
    openSequenceTab();
    addStep(QStringLiteral("two"));
    addStep(QStringLiteral("one"));
    typeInto(find<QSpinBox>("delaySpin"), QStringLiteral("350"));
    QVERIFY(m_window->isWindowModified());

    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QString error;
    QVERIFY2(m_window->saveWorkspace(path, &error), qPrintable(error));
    QVERIFY(m_window->newWorkspace());
    QCOMPARE(m_window->session()->payloadSequence()->rowCount(), 0);
    QCOMPARE(find<QSpinBox>("delaySpin")->value(), PayloadSequence::defaultDelayMsecs);

    QVERIFY2(m_window->openWorkspace(path, &error), qPrintable(error));
    QVERIFY(!m_window->isWindowModified());
    const PayloadSequence sequence = m_window->session()->payloadSequence()->sequence();
    QCOMPARE(sequence.steps.size(), 2);
    QCOMPARE(sequence.steps.at(0).content, QStringLiteral("two"));
    QCOMPARE(sequence.steps.at(1).content, QStringLiteral("one"));
    QCOMPARE(find<QSpinBox>("delaySpin")->value(), 350);
    // The reopened client logs in again: its count starts over with the new client.
    QTRY_COMPARE_WITH_TIMEOUT(m_order.size(), 2, testing::scaled(10000));
    QCOMPARE(jsonOf(received(1).value(0)).value(QStringLiteral("login")).toInt(), 1);
    const ClientState alice = m_window->session()->clientModel()->client(0);
    QVERIFY(alice.spec.login);
    QCOMPARE(alice.spec.loginMessage.content, QStringLiteral("{\"login\": {{seq}}}"));
}

QTEST_MAIN(tst_LoginsAndSequences)
#include "tst_loginsandsequences.moc"
