#include <tests/ui/dialogdriver.h>

#include <ui/widgets/clientspage.h>
#include <ui/widgets/codeceditor.h>
#include <ui/widgets/spawnclientsdialog.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QSpinBox>

#include <functional>
#include <QtWidgets/QToolButton>

using namespace wirebench;
using namespace dialogdriver;

/** The spawn dialog's TLS and receipts fields, and the clients page aiming it at a server that uses them. */
class TestSpawnClientsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tlsWithACaFile();
    void missingCaFileKeepsOkDisabled();
    void insecureSaysWhatItCosts();
    void specComesBackFromTheForm();
    void spawningAtATlsServerTrustsItsCertificate();
    void tickedReceiptsComeBackOnOk();
    void receiptsNeedTheEnvelopeFraming();
    void withoutTlsTheCaFieldsStayDisabled();
    void aPortOutOfRangeStaysAsTypedAndIsRefused();
    void theLastSpawnsFramingIsRememberedUntilTheTargetChanges();
    void spawningAtAServerTakesItsReceipts_data();
    void spawningAtAServerTakesItsReceipts();
    void loginFieldsWaitForTheirBox();
    void loginIsCheckedAsTyped_data();
    void loginIsCheckedAsTyped();
    void typedLoginComesBackOnOk();
    void loginChannelNeedsTheEnvelopeFraming();
    void aSpawnRemembersItsLogin();

private:
    /** Opens the page's spawn dialog, checks what its receipts box shows, and clicks OK; the spec spawned. */
    static ClientSpec spawnFrom(ClientsPage &page, bool receiptsShown);

    template <typename T> T *find(const char *name) const
    {
        return m_dialog->findChild<T *>(QLatin1String(name));
    }
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }

    QTemporaryDir m_dir;
    SpawnClientsDialog *m_dialog = nullptr;
};

void TestSpawnClientsDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile pem(caFile()); // the dialog only checks that it is there
    QVERIFY(pem.open(QIODevice::WriteOnly));
}

void TestSpawnClientsDialog::init()
{
    m_dialog = new SpawnClientsDialog;
    ClientSpec aimed; // as the clients page opens it, at a server's port
    aimed.port = 5000;
    m_dialog->setSpec(aimed);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
}

void TestSpawnClientsDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
}

void TestSpawnClientsDialog::tlsWithACaFile()
{
    auto *tls = find<QGroupBox>("tlsGroup");
    QVERIFY(!tls->isChecked());
    QVERIFY(!m_dialog->spec().tls);
    QVERIFY(!find<QLineEdit>("caEdit")->isEnabled()); // nothing to fill in for plaintext

    tls->setChecked(true);
    QVERIFY(okEnabled(m_dialog)); // no CA file: the system's CAs
    QVERIFY(m_dialog->spec().tls);
    browseTo(find<QPushButton>("caBrowseButton"), caFile());
    QCOMPARE(find<QLineEdit>("caEdit")->text(), caFile());
    QVERIFY(okEnabled(m_dialog));
    const ClientSpec spec = m_dialog->spec();
    QVERIFY(spec.tls);
    QCOMPARE(spec.caFile, caFile());
    QVERIFY(!spec.insecure);
}

void TestSpawnClientsDialog::missingCaFileKeepsOkDisabled()
{
    find<QGroupBox>("tlsGroup")->setChecked(true);
    const QString missing = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
    typeInto(find<QLineEdit>("caEdit"), missing);
    QVERIFY(!okEnabled(m_dialog));
    QCOMPARE(shownError(m_dialog, "tlsErrorLabel"), QStringLiteral("No such file: ") + missing);

    // Insecure trusts any certificate: the CA file no longer matters.
    clickCheckBox(find<QCheckBox>("insecureCheck"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(!find<QLineEdit>("caEdit")->isEnabled());
    QVERIFY(shownError(m_dialog, "tlsErrorLabel").isEmpty());

    // Plaintext ignores it too.
    clickCheckBox(find<QCheckBox>("insecureCheck"));
    QVERIFY(!okEnabled(m_dialog));
    find<QGroupBox>("tlsGroup")->setChecked(false);
    QVERIFY(okEnabled(m_dialog));
}

void TestSpawnClientsDialog::insecureSaysWhatItCosts()
{
    find<QGroupBox>("tlsGroup")->setChecked(true);
    auto *insecure = find<QCheckBox>("insecureCheck");
    QVERIFY(insecure->text().contains(QLatin1String("insecure")));
    QVERIFY(insecure->toolTip().contains(QLatin1String("encrypted")));
    QVERIFY(insecure->toolTip().contains(QLatin1String("not authenticated")));
    clickCheckBox(insecure);
    QVERIFY(m_dialog->spec().insecure);
    QVERIFY(m_dialog->spec().tls);
}

void TestSpawnClientsDialog::specComesBackFromTheForm()
{
    ClientSpec spec;
    spec.name = QStringLiteral("secure");
    spec.port = 7443;
    spec.tls = true;
    spec.caFile = caFile();
    m_dialog->setSpec(spec);
    QVERIFY(find<QGroupBox>("tlsGroup")->isChecked());
    QCOMPARE(find<QLineEdit>("caEdit")->text(), caFile());
    QCOMPARE(m_dialog->spec(), spec);

    spec.insecure = true;
    spec.caFile.clear();
    spec.receipts = true;
    m_dialog->setSpec(spec);
    QVERIFY(find<QCheckBox>("receiptsCheck")->isChecked());
    QVERIFY(find<QCheckBox>("insecureCheck")->isChecked());
    QCOMPARE(m_dialog->spec(), spec);
}

void TestSpawnClientsDialog::spawningAtATlsServerTrustsItsCertificate()
{
    ClientsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ServerSpec server;
    server.tlsCertificateFile = caFile(); // a self-signed server's certificate is its own CA
    server.tlsKeyFile = m_dir.filePath(QStringLiteral("key.pem"));
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 7443, server);

    QSignalSpy spawned(&page, &ClientsPage::spawnRequested);
    QTimer::singleShot(0, [] {
        auto *dialog = qobject_cast<SpawnClientsDialog *>(QApplication::activeModalWidget());
        QVERIFY2(dialog, "the spawn dialog did not open");
        QVERIFY(dialog->findChild<QGroupBox *>(QStringLiteral("tlsGroup"))->isChecked());
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QTest::mouseClick(page.findChild<QToolButton *>(QStringLiteral("spawnClientsButton")), Qt::LeftButton);
    QCOMPARE(spawned.count(), 1);
    const ClientSpec spec = spawned.at(0).at(0).value<ClientSpec>();
    QCOMPARE(spec.port, quint16(7443));
    QVERIFY(spec.tls);
    QCOMPARE(spec.caFile, caFile());
    QVERIFY(!spec.insecure);
}

void TestSpawnClientsDialog::tickedReceiptsComeBackOnOk()
{
    auto *receipts = find<QCheckBox>("receiptsCheck");
    QVERIFY(!receipts->isChecked());
    QVERIFY(receipts->isEnabled());
    QVERIFY(receipts->toolTip().contains(QLatin1String("the server must use receipts too")));
    QVERIFY(!m_dialog->spec().receipts);

    clickCheckBox(receipts);
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QVERIFY(m_dialog->spec().receipts);
}

void TestSpawnClientsDialog::receiptsNeedTheEnvelopeFraming()
{
    auto *receipts = find<QCheckBox>("receiptsCheck");
    clickCheckBox(receipts);
    QVERIFY(m_dialog->spec().receipts);

    chooseWithKeys(find<QComboBox>("kindCombo"), int(CodecEditor::Preset::Line));
    QVERIFY(!receipts->isEnabled());
    QVERIFY(!m_dialog->spec().receipts);
    QVERIFY(okEnabled(m_dialog));

    chooseWithKeys(find<QComboBox>("kindCombo"), int(CodecEditor::Preset::Envelope));
    QVERIFY(receipts->isEnabled());
    QVERIFY(m_dialog->spec().receipts); // the tick was kept
}

ClientSpec TestSpawnClientsDialog::spawnFrom(ClientsPage &page, bool receiptsShown)
{
    QSignalSpy spawned(&page, &ClientsPage::spawnRequested);
    bool checked = !receiptsShown;
    QTimer::singleShot(0, [&checked] {
        auto *dialog = qobject_cast<SpawnClientsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return; // nothing spawned: the caller's check fails
        checked = dialog->findChild<QCheckBox *>(QStringLiteral("receiptsCheck"))->isChecked();
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QTest::mouseClick(page.findChild<QToolButton *>(QStringLiteral("spawnClientsButton")), Qt::LeftButton);
    if (spawned.count() != 1 || checked != receiptsShown)
        return {};
    return spawned.at(0).at(0).value<ClientSpec>();
}

void TestSpawnClientsDialog::spawningAtAServerTakesItsReceipts_data()
{
    QTest::addColumn<bool>("receipts");
    QTest::newRow("server with receipts") << true;
    QTest::newRow("server without") << false;
}

void TestSpawnClientsDialog::spawningAtAServerTakesItsReceipts()
{
    QFETCH(bool, receipts);
    ClientsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ServerSpec server;
    server.receipts = receipts;
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 7000, server);

    const ClientSpec spec = spawnFrom(page, receipts);
    QCOMPARE(spec.port, quint16(7000)); // 0 if the dialog did not open or showed the box wrong
    QCOMPARE(spec.receipts, receipts);

    // Aimed at the other kind of server, the box follows it, whatever the last spawn chose.
    server.receipts = !receipts;
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 7001, server);
    const ClientSpec next = spawnFrom(page, !receipts);
    QCOMPARE(next.port, quint16(7001));
    QCOMPARE(next.receipts, !receipts);
}

void TestSpawnClientsDialog::withoutTlsTheCaFieldsStayDisabled()
{
    auto *tls = find<QGroupBox>("tlsGroup");
    QVERIFY(!tls->isChecked());
    auto *browse = find<QPushButton>("caBrowseButton");
    QVERIFY(!browse->isEnabled());
    // Every framing, and the insecure box's state, leave TLS's fields alone while TLS is off.
    for (const auto preset : {CodecEditor::Preset::Line, CodecEditor::Preset::Raw, CodecEditor::Preset::Envelope}) {
        chooseWithKeys(find<QComboBox>("kindCombo"), int(preset));
        QVERIFY2(!browse->isEnabled(), qPrintable(QString::number(int(preset))));
        QVERIFY(!find<QLineEdit>("caEdit")->isEnabled());
    }
    tls->setChecked(true);
    QVERIFY(browse->isEnabled());
    clickCheckBox(find<QCheckBox>("insecureCheck"));
    QVERIFY(!browse->isEnabled()); // insecure trusts no CA
    tls->setChecked(false);
    clickCheckBox(find<QCheckBox>("insecureCheck")); // unticking it under a disabled group changes nothing
    QVERIFY(!browse->isEnabled());
}

void TestSpawnClientsDialog::aPortOutOfRangeStaysAsTypedAndIsRefused()
{
    auto *port = find<QSpinBox>("portSpin");
    typeInto(port, QStringLiteral("99999"));
    QCOMPARE(port->text(), QStringLiteral("99999"));
    QVERIFY(!okEnabled(m_dialog));
    QVERIFY2(shownError(m_dialog, "portErrorLabel").contains(QLatin1String("65535")),
             qPrintable(shownError(m_dialog, "portErrorLabel")));
    typeInto(port, QStringLiteral("6379"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "portErrorLabel").isEmpty());

    // Without a server to aim at there is no port to guess: the field asks for one (it said 1).
    m_dialog->setSpec(ClientSpec());
    QCOMPARE(port->text(), QStringLiteral("choose a port"));
    QVERIFY(!okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "portErrorLabel").contains(QLatin1String("Choose the port")));
}

void TestSpawnClientsDialog::theLastSpawnsFramingIsRememberedUntilTheTargetChanges()
{
    ClientsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ServerSpec server; // an envelope server is selected
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 5000, server);
    QSignalSpy spawned(&page, &ClientsPage::spawnRequested);
    const auto spawnWith = [&](const std::function<void(SpawnClientsDialog *)> &fill) {
        fillDialogOpenedBy<SpawnClientsDialog>(page.findChild<QToolButton *>(QStringLiteral("spawnClientsButton")), fill);
    };
    // The user talks to Redis instead: line framing, its port.
    spawnWith([](SpawnClientsDialog *dialog) {
        chooseWithKeys(dialog->findChild<QComboBox *>(QStringLiteral("kindCombo")), int(CodecEditor::Preset::Line));
        typeInto(dialog->findChild<QSpinBox *>(QStringLiteral("portSpin")), QStringLiteral("6379"));
    });
    QCOMPARE(spawned.count(), 1);
    QCOMPARE(spawned.at(0).at(0).value<ClientSpec>().codec.kind, netcore::CodecConfig::Kind::Line);

    // The servers' next update names the same target: the dialog still opens as the user left it.
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 5000, server);
    spawnWith([](SpawnClientsDialog *dialog) {
        QCOMPARE(dialog->spec().codec.kind, netcore::CodecConfig::Kind::Line);
        QCOMPARE(dialog->spec().port, quint16(6379));
    });
    QCOMPARE(spawned.count(), 2);

    // Another server selected: its framing and address, as before.
    server.codec = netcore::CodecConfig::length();
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 5001, server);
    spawnWith([](SpawnClientsDialog *dialog) {
        QCOMPARE(dialog->spec().codec.kind, netcore::CodecConfig::Kind::Length);
        QCOMPARE(dialog->spec().port, quint16(5001));
    });
    QCOMPARE(spawned.count(), 3);
}

void TestSpawnClientsDialog::loginFieldsWaitForTheirBox()
{
    auto *login = find<QCheckBox>("loginCheck");
    QVERIFY(!login->isChecked());
    QVERIFY(!m_dialog->spec().login);
    for (const char *name : {"loginKindCombo", "loginEdit", "loginChannelEdit", "loginIdSpin"})
        QVERIFY2(!find<QWidget>(name)->isEnabled(), name);
    QVERIFY(shownError(m_dialog, "loginErrorLabel").isEmpty()); // nothing to check while it is off
    QVERIFY(okEnabled(m_dialog));

    clickCheckBox(login);
    QVERIFY(m_dialog->spec().login);
    for (const char *name : {"loginKindCombo", "loginEdit", "loginChannelEdit", "loginIdSpin"})
        QVERIFY2(find<QWidget>(name)->isEnabled(), name);
    QVERIFY2(find<QPlainTextEdit>("loginEdit")->toolTip().contains(QLatin1String("{{seq}}")),
             qPrintable(find<QPlainTextEdit>("loginEdit")->toolTip()));
    // An empty JSON login is no login: said at once, OK waits for one.
    QVERIFY(!shownError(m_dialog, "loginErrorLabel").isEmpty());
    QVERIFY(!okEnabled(m_dialog));
}

void TestSpawnClientsDialog::loginIsCheckedAsTyped_data()
{
    QTest::addColumn<int>("kind"); // the combo's row: JSON, Text, Binary, CBOR
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error"); // a part of it; empty: OK is enabled

    QTest::newRow("json with seq") << 0 << QStringLiteral("{\"user\": \"alice\", \"n\": {{seq}}}") << QString();
    QTest::newRow("json cut") << 0 << QStringLiteral("{\"user\": ") << QStringLiteral("Invalid JSON");
    QTest::newRow("json broken by its template") << 0 << QStringLiteral("{\"n\": {{seq}}")
                                                 << QStringLiteral("With the templates filled in");
    QTest::newRow("unknown placeholder") << 0 << QStringLiteral("{\"n\": {{sequence}}}")
                                         << QStringLiteral("unknown template {{sequence}}");
    QTest::newRow("a reply's placeholder") << 1 << QStringLiteral("hi {{peer}}")
                                           << QStringLiteral("{{peer}} means nothing here");
    QTest::newRow("text with now") << 1 << QStringLiteral("LOGIN {{now}}\\n") << QString();
    QTest::newRow("hex") << 2 << QStringLiteral("01 02 {{random:10-99}}") << QString();
    QTest::newRow("bad hex") << 2 << QStringLiteral("0g") << QStringLiteral("hex");
}

void TestSpawnClientsDialog::loginIsCheckedAsTyped()
{
    QFETCH(int, kind);
    QFETCH(QString, typed);
    QFETCH(QString, error);
    clickCheckBox(find<QCheckBox>("loginCheck"));
    chooseWithKeys(find<QComboBox>("loginKindCombo"), kind);
    typeInto(find<QPlainTextEdit>("loginEdit"), typed);
    const QString shown = shownError(m_dialog, "loginErrorLabel");
    if (error.isEmpty())
        QVERIFY2(shown.isEmpty(), qPrintable(shown));
    else
        QVERIFY2(shown.contains(error, Qt::CaseInsensitive), qPrintable(shown));
    QCOMPARE(okEnabled(m_dialog), error.isEmpty());

    // Turned off, it no longer holds the dialog back.
    clickCheckBox(find<QCheckBox>("loginCheck"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "loginErrorLabel").isEmpty());
}

void TestSpawnClientsDialog::typedLoginComesBackOnOk()
{
    clickCheckBox(find<QCheckBox>("loginCheck"));
    chooseWithKeys(find<QComboBox>("loginKindCombo"), 1);
    typeInto(find<QPlainTextEdit>("loginEdit"), QStringLiteral("AUTH alice {{seq}}\\n"));
    typeInto(find<QLineEdit>("loginChannelEdit"), QStringLiteral("auth"));
    typeInto(find<QSpinBox>("loginIdSpin"), QStringLiteral("42"));
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));

    const ClientSpec spec = m_dialog->spec();
    QVERIFY(spec.login);
    QCOMPARE(spec.loginMessage.kind, QStringLiteral("text"));
    QCOMPARE(spec.loginMessage.content, QStringLiteral("AUTH alice {{seq}}\\n"));
    QCOMPARE(spec.loginMessage.channel, QStringLiteral("auth"));
    QCOMPARE(spec.loginMessage.id, 42u);

    // And back into the form, as the clients page opens it the next time.
    m_dialog->setSpec(ClientSpec());
    QVERIFY(!find<QCheckBox>("loginCheck")->isChecked());
    m_dialog->setSpec(spec);
    QCOMPARE(m_dialog->spec(), spec);
}

void TestSpawnClientsDialog::loginChannelNeedsTheEnvelopeFraming()
{
    clickCheckBox(find<QCheckBox>("loginCheck"));
    auto *channel = find<QLineEdit>("loginChannelEdit");
    QVERIFY(channel->isEnabled());
    chooseWithKeys(find<QComboBox>("kindCombo"), int(CodecEditor::Preset::Line));
    QVERIFY(!channel->isEnabled());
    QVERIFY(!find<QSpinBox>("loginIdSpin")->isEnabled());
    QVERIFY2(channel->toolTip().contains(QLatin1String("Only envelope framing")), qPrintable(channel->toolTip()));
    QVERIFY(find<QPlainTextEdit>("loginEdit")->isEnabled()); // a line client logs in all the same
    chooseWithKeys(find<QComboBox>("kindCombo"), int(CodecEditor::Preset::Envelope));
    QVERIFY(channel->isEnabled());
}

// The clients page opens the dialog with the last spawn's login, even when a server's update
// aims it anew: the login is the group's, not the server's.
void TestSpawnClientsDialog::aSpawnRemembersItsLogin()
{
    ClientsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 5000, ServerSpec());
    auto *spawn = page.findChild<QToolButton *>(QStringLiteral("spawnClientsButton"));
    fillDialogOpenedBy<SpawnClientsDialog>(spawn, [](SpawnClientsDialog *dialog) {
        clickCheckBox(dialog->findChild<QCheckBox *>(QStringLiteral("loginCheck")));
        typeInto(dialog->findChild<QPlainTextEdit *>(QStringLiteral("loginEdit")), QStringLiteral("{\"n\": {{seq}}}"));
    });
    ServerSpec other;
    other.codec = netcore::CodecConfig::length();
    page.setSpawnTarget(QStringLiteral("127.0.0.1"), 5001, other);
    fillDialogOpenedBy<SpawnClientsDialog>(spawn, [](SpawnClientsDialog *dialog) {
        QVERIFY(dialog->spec().login);
        QCOMPARE(dialog->spec().loginMessage.content, QStringLiteral("{\"n\": {{seq}}}"));
        QCOMPARE(dialog->spec().port, quint16(5001));
    });
}

QTEST_MAIN(TestSpawnClientsDialog)
#include "tst_spawnclientsdialog.moc"
