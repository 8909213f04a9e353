#include <tests/ui/dialogdriver.h>
#include <tests/ui/isolatedsettings.h>

#include <ui/widgets/mainwindow.h>
#include <ui/widgets/serverdialog.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;
using namespace dialogdriver;

/**
 * A server that answers by content, in the real window on a real bench: added in Rules mode
 * through the dialog, talked to from the composer, then turned into a script while its client
 * stays connected. What the user reads (the log, the events) must say what happened. The
 * functions run in order, as one session.
 */
class TestServerResponderWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aRulesServerAnswersPingWithPong();
    void editingItIntoAScriptKeepsTheClientConnected();
    void aScriptThatThrowsSaysSoInTheEvents();

private:
    template <typename T> T *find(const char *name) const { return findNamed<T>(m_window.get(), name); }
    void send(const QString &text);
    bool clientReceived(const QString &text) const;
    int eventsSaying(EventKind kind, const QString &text) const;
    int eventsOfKind(EventKind kind) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ServerListModel *m_servers = nullptr;
    quint64 m_connection = 0; ///< the server's id for the one client, which must never change
    QString m_question;       ///< a restart's question, had one been asked
};

void TestServerResponderWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_servers = m_window->session()->serverModel();
}

void TestServerResponderWindow::cleanupTestCase() { m_window.reset(); }

void TestServerResponderWindow::send(const QString &text)
{
    auto *kind = find<QComboBox>("kindCombo");
    kind->setCurrentIndex(kind->findText(QStringLiteral("Text")));
    typeInto(find<QPlainTextEdit>("payloadEdit"), text);
    QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
}

bool TestServerResponderWindow::clientReceived(const QString &text) const
{
    const MessageLogModel *log = m_window->session()->logModel();
    for (int row = 0; row < log->rowCount(); ++row) {
        const LogEntry entry = log->entry(row);
        if (entry.direction == Direction::In && entry.endpoint.startsWith(QLatin1String("pinger"))
            && entry.message.payload() == text.toUtf8())
            return true;
    }
    return false;
}

int TestServerResponderWindow::eventsSaying(EventKind kind, const QString &text) const
{
    const EventLogModel *events = m_window->session()->eventModel();
    int count = 0;
    for (int row = 0; row < events->rowCount(); ++row) {
        const BenchEvent event = events->benchEvent(row);
        count += event.kind == kind && event.text.contains(text) ? 1 : 0;
    }
    return count;
}

int TestServerResponderWindow::eventsOfKind(EventKind kind) const
{
    return eventsSaying(kind, QString());
}

void TestServerResponderWindow::aRulesServerAnswersPingWithPong()
{
    fillDialogOpenedBy<ServerDialog>(find<QToolButton>("addServerButton"), [](ServerDialog *dialog) {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("bot"));
        auto *mode = dialog->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        chooseWithKeys(mode, mode->findData(int(ServerMode::Rules)));
        // The example the table starts with answers "PING n" with "PONG n"; no greeting here.
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("greetingEdit")), QString());
    });
    QTRY_VERIFY(m_servers->rowCount() == 1 && m_servers->server(0).listening);
    QCOMPARE(m_servers->index(0, ServerListModel::ModeColumn).data().toString(), QStringLiteral("rules"));

    ClientSpec client;
    client.name = QStringLiteral("pinger");
    client.port = m_servers->server(0).boundPort;
    m_window->session()->bench()->spawnClients(client, 1);
    const ClientListModel *clients = m_window->session()->clientModel();
    QTRY_VERIFY(clients->rowCount() == 1 && clients->client(0).state == QLatin1String("connected"));
    QTRY_COMPARE(m_servers->server(0).connections.size(), 1);
    m_connection = m_servers->server(0).connections.at(0).id;

    auto *view = find<QTableView>("clientView");
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 0)).center());
    send(QStringLiteral("PING 7"));
    QTRY_VERIFY(clientReceived(QStringLiteral("PONG 7")));
    QVERIFY(!clientReceived(QStringLiteral("welcome"))); // the greeting was emptied
}

void TestServerResponderWindow::editingItIntoAScriptKeepsTheClientConnected()
{
    auto *serverView = find<QTableView>("serverView");
    QTest::mouseClick(serverView->viewport(), Qt::LeftButton, {},
                      serverView->visualRect(serverView->model()->index(0, 0)).center());
    // There must be nothing to answer; the watch may outlive this function, so its answer is a member.
    answerNextMessageBox(QStringLiteral("Cancel"), &m_question, 2000);
    fillDialogOpenedBy<ServerDialog>(find<QToolButton>("editServerButton"), [](ServerDialog *dialog) {
        auto *mode = dialog->findChild<QComboBox *>(QStringLiteral("modeCombo"));
        chooseWithKeys(mode, mode->findData(int(ServerMode::Script)));
        auto *edit = dialog->findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
        typeInto(edit, QString());
        for (const char *line : {"function onMessage(conn, msg) {",
                                 "if (msg.text === \"BOOM\") throw new Error(\"boom went \" + conn.id);",
                                 "console.log(\"saw \" + msg.text);", "return {text: \"SCRIPTED \" + msg.text};", "}"}) {
            QTest::keyClicks(edit, QLatin1String(line));
            QTest::keyClick(edit, Qt::Key_Return); // keyClicks() types no line breaks
        }
    });
    QTRY_COMPARE(m_servers->server(0).spec.mode, ServerMode::Script);
    QTRY_COMPARE(eventsSaying(EventKind::Info, QStringLiteral("now answering: script")), 1);
    QVERIFY2(m_question.isEmpty(), qPrintable(m_question));

    send(QStringLiteral("PING 8"));
    QTRY_VERIFY(clientReceived(QStringLiteral("SCRIPTED PING 8")));
    QVERIFY(!clientReceived(QStringLiteral("PONG 8")));
    QTRY_COMPARE(eventsSaying(EventKind::Info, QStringLiteral("console.log: saw PING 8")), 1);

    // The same connection all along: no restart, no disconnect, no reconnect.
    QCOMPARE(eventsOfKind(EventKind::Disconnected), 0);
    QCOMPARE(eventsOfKind(EventKind::ServerStopped), 0);
    QCOMPARE(m_servers->server(0).connections.size(), 1);
    QCOMPARE(m_servers->server(0).connections.at(0).id, m_connection);
    QCOMPARE(m_window->session()->clientModel()->client(0).state, QStringLiteral("connected"));
}

void TestServerResponderWindow::aScriptThatThrowsSaysSoInTheEvents()
{
    const QString thrown = QStringLiteral("boom went %1").arg(m_connection);
    send(QStringLiteral("BOOM"));
    QTRY_COMPARE(eventsSaying(EventKind::Error, thrown), 1);
    QVERIFY(eventsSaying(EventKind::Error, QStringLiteral("ScriptError")) >= 1);
    // The script goes on with the next message, the connection with it.
    send(QStringLiteral("PING 9"));
    QTRY_VERIFY(clientReceived(QStringLiteral("SCRIPTED PING 9")));
    QCOMPARE(eventsOfKind(EventKind::Disconnected), 0);
    QCOMPARE(m_servers->server(0).connections.at(0).id, m_connection);
}

QTEST_MAIN(TestServerResponderWindow)
#include "tst_serverresponderwindow.moc"
