#include <tests/ui/dialogdriver.h>

#include <ui/widgets/codeceditor.h>
#include <ui/widgets/serverdialog.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSpinBox>

using namespace wirebench;
using namespace dialogdriver;

/** The server dialog's peer allow-list, TLS and receipts fields, filled in as a person would. */
class TestServerDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void allowedPeersAreCheckedAsYouType_data();
    void allowedPeersAreCheckedAsYouType();
    void listenAddressIsTheEnginesRule_data();
    void listenAddressIsTheEnginesRule();
    void emptyAddressIsRefused();
    void aPortOutOfRangeStaysAsTypedAndIsRefused();
    void tlsNeedsBothFiles();
    void missingFileKeepsOkDisabled();
    void uncheckedTlsServesPlaintext();
    void specComesBackFromTheForm();
    void tickedReceiptsComeBackOnOk();
    void receiptsNeedTheEnvelopeFraming_data();
    void receiptsNeedTheEnvelopeFraming();

private:
    template <typename T> T *find(const char *name) const
    {
        return m_dialog->findChild<T *>(QLatin1String(name));
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    ServerDialog *m_dialog = nullptr;
};

void TestServerDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The dialog only checks that the files are there; reading them is the server's job.
    for (const QString &name : {QStringLiteral("cert.pem"), QStringLiteral("key.pem")}) {
        QFile pem(file(name));
        QVERIFY(pem.open(QIODevice::WriteOnly));
    }
}

void TestServerDialog::init()
{
    m_dialog = new ServerDialog;
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
}

void TestServerDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
}

void TestServerDialog::allowedPeersAreCheckedAsYouType_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty: everyone") << QString() << true;
    QTest::newRow("loopback v4 and v6") << QStringLiteral("127.0.0.0/8,::1/128") << true;
    QTest::newRow("one host, spaces") << QStringLiteral(" 10.1.2.3 , 192.168.0.0/16 ") << true;
    QTest::newRow("prefix too long") << QStringLiteral("127.0.0.0/33") << false;
    QTest::newRow("a host name") << QStringLiteral("127.0.0.0/8,localhost") << false;
    QTest::newRow("half typed") << QStringLiteral("192.168.") << false;
}

void TestServerDialog::allowedPeersAreCheckedAsYouType()
{
    QFETCH(QString, typed);
    QFETCH(bool, valid);
    QVERIFY(okEnabled(m_dialog));
    typeInto(find<QLineEdit>("allowEdit"), typed);
    QCOMPARE(okEnabled(m_dialog), valid);
    const QString error = shownError(m_dialog, "allowErrorLabel");
    QCOMPARE(error.isEmpty(), valid);
    if (valid)
        QCOMPARE(m_dialog->spec().allow, typed.trimmed());
    else
        QVERIFY2(error.contains(QLatin1String("not an address range")), qPrintable(error));

    // Clearing it is always fine again: no list, every peer.
    find<QLineEdit>("allowEdit")->clear();
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "allowErrorLabel").isEmpty());
}

void TestServerDialog::listenAddressIsTheEnginesRule_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("valid");
    QTest::newRow("localhost, which the engine takes") << QStringLiteral("localhost") << true;
    QTest::newRow("any") << QStringLiteral("any") << true;
    QTest::newRow("star") << QStringLiteral("*") << true;
    QTest::newRow("ipv6 loopback") << QStringLiteral("::1") << true;
    QTest::newRow("ipv4") << QStringLiteral("10.0.0.1") << true;
    QTest::newRow("every ipv4 interface") << QStringLiteral("0.0.0.0") << true;
    QTest::newRow("every ipv6 interface") << QStringLiteral("::") << true;
    QTest::newRow("out of range") << QStringLiteral("999.1.1.1") << false;
    QTest::newRow("a name") << QStringLiteral("example.org") << false;
}

void TestServerDialog::listenAddressIsTheEnginesRule()
{
    QFETCH(QString, typed);
    QFETCH(bool, valid);
    auto *address = find<QComboBox>("addressCombo");
    typeInto(address, typed);
    QCOMPARE(okEnabled(m_dialog), valid);
    QCOMPARE(address->toolTip().isEmpty(), valid);
    // Said inline, under the field, as the peer ranges are: a disabled OK alone explains nothing.
    QCOMPARE(shownError(m_dialog, "addressErrorLabel"), valid ? QString() : address->toolTip());
    if (!valid)
        QVERIFY2(address->toolTip().contains(typed), qPrintable(address->toolTip()));
    else
        QCOMPARE(m_dialog->spec().address, typed);
}

void TestServerDialog::aPortOutOfRangeStaysAsTypedAndIsRefused()
{
    auto *port = find<QSpinBox>("portSpin");
    typeInto(port, QStringLiteral("99999"));
    QCOMPARE(port->text(), QStringLiteral("99999")); // not silently 9999
    QVERIFY(!okEnabled(m_dialog));
    const QString error = shownError(m_dialog, "portErrorLabel");
    QVERIFY2(error.contains(QLatin1String("99999")) && error.contains(QLatin1String("65535")), qPrintable(error));
    typeInto(port, QStringLiteral("5000"));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "portErrorLabel").isEmpty());
    QCOMPARE(m_dialog->spec().port, quint16(5000));
}

void TestServerDialog::emptyAddressIsRefused()
{
    auto *address = find<QComboBox>("addressCombo");
    typeInto(address, QString());
    QVERIFY(!okEnabled(m_dialog)); // every interface is chosen on purpose (any), not by clearing the field
    QVERIFY2(address->toolTip().contains(QLatin1String("say any")), qPrintable(address->toolTip()));
    typeInto(address, QStringLiteral(" localhost "));
    QVERIFY(okEnabled(m_dialog));
    QCOMPARE(m_dialog->spec().address, QStringLiteral("localhost"));
}

void TestServerDialog::tlsNeedsBothFiles()
{
    auto *tls = find<QGroupBox>("tlsGroup");
    QVERIFY(!tls->isChecked()); // a new server is plaintext
    QVERIFY(!find<QLineEdit>("certificateEdit")->isEnabled());
    tls->setChecked(true);
    QVERIFY(!okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "tlsErrorLabel").contains(QLatin1String("both a certificate file and a key file")));

    browseTo(find<QPushButton>("certificateBrowseButton"), file(QStringLiteral("cert.pem")));
    QCOMPARE(find<QLineEdit>("certificateEdit")->text(), file(QStringLiteral("cert.pem")));
    QVERIFY(!okEnabled(m_dialog)); // still no key

    typeInto(find<QLineEdit>("keyEdit"), file(QStringLiteral("key.pem")));
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(shownError(m_dialog, "tlsErrorLabel").isEmpty());
    const ServerSpec spec = m_dialog->spec();
    QCOMPARE(spec.tlsCertificateFile, file(QStringLiteral("cert.pem")));
    QCOMPARE(spec.tlsKeyFile, file(QStringLiteral("key.pem")));
    QVERIFY(spec.isTls());
}

void TestServerDialog::missingFileKeepsOkDisabled()
{
    find<QGroupBox>("tlsGroup")->setChecked(true);
    typeInto(find<QLineEdit>("certificateEdit"), file(QStringLiteral("cert.pem")));
    typeInto(find<QLineEdit>("keyEdit"), file(QStringLiteral("kye.pem")));
    QVERIFY(!okEnabled(m_dialog));
    QCOMPARE(shownError(m_dialog, "tlsErrorLabel"), QStringLiteral("No such file: ") + file(QStringLiteral("kye.pem")));

    browseTo(find<QPushButton>("keyBrowseButton"), file(QStringLiteral("key.pem")));
    QVERIFY(okEnabled(m_dialog));
}

void TestServerDialog::uncheckedTlsServesPlaintext()
{
    ServerSpec tls;
    tls.tlsCertificateFile = file(QStringLiteral("cert.pem"));
    tls.tlsKeyFile = file(QStringLiteral("key.pem"));
    m_dialog->setSpec(tls);
    QVERIFY(find<QGroupBox>("tlsGroup")->isChecked());

    find<QGroupBox>("tlsGroup")->setChecked(false);
    QVERIFY(okEnabled(m_dialog));
    QVERIFY(!m_dialog->spec().isTls());
    QVERIFY(m_dialog->spec().tlsCertificateFile.isEmpty());
    // The paths stay in the form, so checking it again brings them back.
    find<QGroupBox>("tlsGroup")->setChecked(true);
    QCOMPARE(m_dialog->spec().tlsKeyFile, file(QStringLiteral("key.pem")));
}

void TestServerDialog::specComesBackFromTheForm()
{
    ServerSpec spec;
    spec.name = QStringLiteral("secure");
    spec.port = 7443;
    spec.mode = ServerMode::Echo;
    spec.tlsCertificateFile = file(QStringLiteral("cert.pem"));
    spec.tlsKeyFile = file(QStringLiteral("key.pem"));
    spec.allow = QStringLiteral("127.0.0.0/8,::1/128");
    spec.receipts = true;
    m_dialog->setSpec(spec);
    QCOMPARE(find<QLineEdit>("allowEdit")->text(), spec.allow);
    QVERIFY(find<QCheckBox>("receiptsCheck")->isChecked());
    QCOMPARE(find<QLineEdit>("certificateEdit")->text(), spec.tlsCertificateFile);
    QVERIFY(okEnabled(m_dialog));
    QCOMPARE(m_dialog->spec(), spec);
}

void TestServerDialog::tickedReceiptsComeBackOnOk()
{
    auto *receipts = find<QCheckBox>("receiptsCheck");
    QVERIFY(!receipts->isChecked()); // a new server confirms nothing
    QVERIFY(receipts->isEnabled());  // its framing is the envelope
    QVERIFY(!receipts->toolTip().isEmpty());
    QVERIFY(!m_dialog->spec().receipts);

    clickCheckBox(receipts);
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QVERIFY(m_dialog->spec().receipts);
}

void TestServerDialog::receiptsNeedTheEnvelopeFraming_data()
{
    QTest::addColumn<CodecEditor::Preset>("framing");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("envelope") << CodecEditor::Preset::Envelope << true;
    QTest::newRow("length") << CodecEditor::Preset::Length << false;
    QTest::newRow("python comms") << CodecEditor::Preset::PythonComms << false;
    QTest::newRow("line") << CodecEditor::Preset::Line << false;
    QTest::newRow("raw") << CodecEditor::Preset::Raw << false;
}

void TestServerDialog::receiptsNeedTheEnvelopeFraming()
{
    QFETCH(CodecEditor::Preset, framing);
    QFETCH(bool, allowed);
    auto *receipts = find<QCheckBox>("receiptsCheck");
    clickCheckBox(receipts);
    chooseWithKeys(find<QComboBox>("kindCombo"), int(framing));
    QCOMPARE(receipts->isEnabled(), allowed);
    QCOMPARE(m_dialog->spec().receipts, allowed);
    QVERIFY(okEnabled(m_dialog)); // a disabled tick is no error: it is just not asked for

    // Back to the envelope, the tick counts again.
    chooseWithKeys(find<QComboBox>("kindCombo"), int(CodecEditor::Preset::Envelope));
    QVERIFY(receipts->isEnabled());
    QVERIFY(m_dialog->spec().receipts);
}

QTEST_MAIN(TestServerDialog)
#include "tst_serverdialog.moc"
