#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/recordingactions.h>
#include <ui/widgets/replaydialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/replaydiffmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>
#include <engine/recording/recordingheader.h>
#include <engine/recording/recordingline.h>

#include <QtCore/QJsonDocument>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>

#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * The Replay dialog as a person uses it: File > Replay Recording…, a
 * recording of an echo conversation, a hosted server picked as the target,
 * speed max, Replay; against the echo server it says "same", against a
 * server whose rules answer otherwise it lists the differences, marks their
 * rows side by side and shows the selected one in words.
 */
class tst_ReplayDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void againstTheSameServerItIsTheSame();
    void againstAChangedServerTheDifferencesShow();
    void aTargetWithoutPortIsRefused();
    void aTypedPathIsReadAndABadPointerRefused();

private:
    /** Opens the dialog from the File menu, with the recording and target @p targetName picked. */
    ReplayDialog *openDialog(const QString &targetName);
    /** Clicks Replay and waits for the summary. */
    static bool replay(ReplayDialog *dialog);
    int addServer(const ServerSpec &spec);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QString m_file;
};

namespace {

RecordedEvent messageEvent(qint64 timeUs, ProxyDirection direction, const QString &text)
{
    RecordedEvent event;
    event.kind = RecordedEvent::Kind::Message;
    event.timeUs = timeUs;
    event.connection = 1;
    event.direction = direction;
    event.message = netcore::Message::text(text, QStringLiteral("chat"));
    return event;
}

} // namespace

void tst_ReplayDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    // An echo conversation of two messages, as a server recorded it.
    m_file = m_dir.filePath(QStringLiteral("echo.jsonl"));
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::WriteOnly));
    RecordingHeader header;
    header.started = QDateTime::currentDateTimeUtc();
    header.recorder = QStringLiteral("serve");
    file.write(header.toLine());
    RecordedEvent connected;
    connected.kind = RecordedEvent::Kind::Connected;
    connected.connection = 1;
    connected.peer = QStringLiteral("127.0.0.1:50000");
    file.write(RecordingLine::format(connected));
    file.write(RecordingLine::format(messageEvent(100, ProxyDirection::ClientToServer, QStringLiteral("hi"))));
    file.write(RecordingLine::format(messageEvent(200, ProxyDirection::ServerToClient, QStringLiteral("hi"))));
    file.write(RecordingLine::format(messageEvent(300, ProxyDirection::ClientToServer, QStringLiteral("there"))));
    file.write(RecordingLine::format(messageEvent(400, ProxyDirection::ServerToClient, QStringLiteral("there"))));
    file.close();
}

void tst_ReplayDialog::cleanupTestCase() { m_window.reset(); }

int tst_ReplayDialog::addServer(const ServerSpec &spec)
{
    const int id = m_window->session()->bench()->addServer(spec);
    const ServerListModel *servers = m_window->session()->serverModel();
    if (!QTest::qWaitFor([&] { const int row = servers->rowOfServer(id); return row >= 0 && servers->server(row).listening; }, 10000))
        return 0;
    return id;
}

ReplayDialog *tst_ReplayDialog::openDialog(const QString &targetName)
{
    m_window->findChild<QAction *>(QStringLiteral("actionReplayRecording"))->trigger();
    ReplayDialog *dialog = nullptr;
    for (ReplayDialog *each : m_window->findChildren<ReplayDialog *>()) {
        if (each->isVisible()) // one closed before is hidden until it is deleted
            dialog = each;
    }
    if (!dialog)
        return nullptr;
    auto *browse = findNamed<QAbstractButton>(dialog, "browseButton");
    browseTo(browse, m_file);
    auto *targets = findNamed<QComboBox>(dialog, "targetCombo");
    const int index = targets->findText(targetName);
    if (index < 0)
        return nullptr;
    chooseWithKeys(targets, index);
    chooseWithKeys(findNamed<QComboBox>(dialog, "speedCombo"), 3); // max
    return dialog;
}

bool tst_ReplayDialog::replay(ReplayDialog *dialog)
{
    QSignalSpy finished(dialog, &ReplayDialog::replayFinished);
    QTest::mouseClick(findNamed<QPushButton>(dialog, "replayButton"), Qt::LeftButton);
    return finished.wait(20000);
}

void tst_ReplayDialog::againstTheSameServerItIsTheSame()
{
    ServerSpec echo;
    echo.name = QStringLiteral("echo");
    echo.mode = ServerMode::Echo;
    const int id = addServer(echo);
    QVERIFY(id != 0);
    ReplayDialog *dialog = openDialog(QStringLiteral("echo (server)"));
    QVERIFY(dialog);
    const ServerListModel *servers = m_window->session()->serverModel();
    QCOMPARE(findNamed<QLineEdit>(dialog, "targetEdit")->text(),
             QStringLiteral("127.0.0.1:%1").arg(servers->server(servers->rowOfServer(id)).boundPort));

    QVERIFY(replay(dialog));
    QVERIFY2(dialog->summary().contains(QLatin1String("same: 2 messages in 1 connection")), qPrintable(dialog->summary()));
    QVERIFY(dialog->differences().isEmpty());
    QCOMPARE(dialog->diffModel()->rowCount(), 2); // both echoes, side by side
    QCOMPARE(dialog->diffModel()->markedRows(), 0);
    QCOMPARE(dialog->diffModel()->index(1, ReplayDiffModel::GotColumn).data().toString(),
             dialog->diffModel()->index(1, ReplayDiffModel::ExpectedColumn).data().toString());
    dialog->close();
    m_window->session()->bench()->removeServer(id);
}

void tst_ReplayDialog::againstAChangedServerTheDifferencesShow()
{
    ServerSpec changed;
    changed.name = QStringLiteral("changed");
    changed.mode = ServerMode::Rules;
    changed.rules = QJsonDocument::fromJson(R"({"rules": [{"when": {}, "reply": {"text": "#{{seq}} {{text}}"}}]})").object();
    QVERIFY(addServer(changed) != 0);
    ReplayDialog *dialog = openDialog(QStringLiteral("changed (server)"));
    QVERIFY(dialog);

    QVERIFY(replay(dialog));
    QVERIFY2(dialog->summary().contains(QLatin1String("2 differences in 1 of 1 connection")), qPrintable(dialog->summary()));
    QCOMPARE(dialog->differences().size(), 2);
    QCOMPARE(dialog->diffModel()->markedRows(), 2);
    const QModelIndex got = dialog->diffModel()->index(0, ReplayDiffModel::GotColumn);
    QVERIFY2(got.data().toString().contains(QLatin1String("#1 hi")), qPrintable(got.data().toString()));
    QVERIFY(!got.data(Qt::BackgroundRole).isNull()); // marked
    QCOMPARE(got.data(ReplayDiffModel::DifferenceRole).toInt(), 0);

    // The list names each difference; the selected one is shown in words, expected against got.
    auto *list = findNamed<QListWidget>(dialog, "differenceList");
    QCOMPARE(list->count(), 2);
    list->setCurrentRow(1);
    const QString text = findNamed<QPlainTextEdit>(dialog, "differenceText")->toPlainText();
    QVERIFY2(text.contains(QLatin1String("s2c message 2")) && text.contains(QLatin1String("expected:"))
                 && text.contains(QLatin1String("#2 there")),
             qPrintable(text));
    QCOMPARE(findNamed<QTableView>(dialog, "diffView")->currentIndex().row(), 1);
    dialog->close();
}

void tst_ReplayDialog::aTargetWithoutPortIsRefused()
{
    auto *dialog = m_window->findChild<RecordingActions *>()->openReplayDialog();
    QVERIFY(dialog->setRecordingFile(m_file));
    dialog->setTarget(QStringLiteral("localhost"));
    QVERIFY(!dialog->startReplay());
    QVERIFY2(dialog->summary().contains(QLatin1String("needs a port")), qPrintable(dialog->summary()));
    QVERIFY(!dialog->isReplaying());
    dialog->close();
}

void tst_ReplayDialog::aTypedPathIsReadAndABadPointerRefused()
{
    auto *dialog = m_window->findChild<RecordingActions *>()->openReplayDialog();
    auto *file = findNamed<QLineEdit>(dialog, "fileEdit");
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    file->setFocus();
    QTest::keyClicks(file, QStringLiteral("/nonexistent/recording.jsonl"));
    QTest::keyClick(file, Qt::Key_Tab); // leaving the field reads it (Return would also press Replay)
    QVERIFY2(dialog->summary().contains(QLatin1String("cannot read /nonexistent/recording.jsonl")),
             qPrintable(dialog->summary()));
    file->clear();
    file->setFocus();
    QTest::keyClicks(file, m_file);
    QTest::keyClick(file, Qt::Key_Tab);
    QVERIFY2(dialog->summary().contains(QLatin1String("1 connection(s) to replay")), qPrintable(dialog->summary()));
    dialog->setTarget(QStringLiteral("127.0.0.1:1"));
    QTest::keyClicks(findNamed<QLineEdit>(dialog, "pointersEdit"), QStringLiteral("at"));
    QVERIFY(!dialog->startReplay());
    QVERIFY2(dialog->summary().contains(QLatin1String("not a JSON Pointer")), qPrintable(dialog->summary()));
    QVERIFY(!dialog->isReplaying());
    dialog->close();
}

QTEST_MAIN(tst_ReplayDialog)
#include "tst_replaydialog.moc"
