#include <tests/ui/dialogdriver.h>

#include <ui/widgets/codeceditor.h>
#include <ui/widgets/faultdialog.h>
#include <ui/widgets/proxydialog.h>

#include <QtTest/QTest>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSpinBox>

using namespace wirebench;
using namespace dialogdriver;

/** The proxy dialog and the fault dialog, filled in as a person would. */
class tst_ProxyDialog : public QObject
{
    Q_OBJECT

private slots:
    void proxyComesBackFromTheForm();
    void proxyNeedsAnUpstream();
    void proxyKeepsItsFaultsAndRefusesRawWithMessageFaults();
    void seedMustBeANumber();
    void faultShowsOnlyTheFieldsItsKindTakes_data();
    void faultShowsOnlyTheFieldsItsKindTakes();
    void faultComesBackFromTheForm();
    void messageFaultsNeedFrames();
};

namespace {

template <typename T> T *field(const QWidget *dialog, const char *name)
{
    return findNamed<T>(dialog, name);
}

bool shown(const QWidget *dialog, const char *name)
{
    return field<QWidget>(dialog, name)->isVisibleTo(dialog);
}

ProxySpec upstreamSpec()
{
    ProxySpec spec;
    spec.upstreamPort = 5555;
    return spec;
}

} // namespace

void tst_ProxyDialog::proxyComesBackFromTheForm()
{
    ProxyDialog dialog;
    dialog.setSpec(upstreamSpec());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeInto(field<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("flaky"));
    typeInto(field<QSpinBox>(&dialog, "listenPortSpin"), QStringLiteral("6001"));
    typeInto(field<QLineEdit>(&dialog, "upstreamHostEdit"), QStringLiteral("example.org"));
    typeInto(field<QSpinBox>(&dialog, "upstreamPortSpin"), QStringLiteral("7000"));
    typeInto(field<QLineEdit>(&dialog, "seedEdit"), QStringLiteral("12345678901"));
    chooseWithKeys(field<QComboBox>(&dialog, "kindCombo"), int(CodecEditor::Preset::Line));
    QVERIFY(okEnabled(&dialog));

    const ProxySpec spec = dialog.spec();
    QCOMPARE(spec.name, QStringLiteral("flaky"));
    QCOMPARE(spec.listenHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(spec.listenPort, quint16(6001));
    QCOMPARE(spec.upstreamHost, QStringLiteral("example.org"));
    QCOMPARE(spec.upstreamPort, quint16(7000));
    QCOMPARE(spec.seed, quint64(12345678901));
    QCOMPARE(spec.codec.kind, netcore::CodecConfig::Kind::Line);
}

void tst_ProxyDialog::proxyNeedsAnUpstream()
{
    ProxyDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!okEnabled(&dialog)); // no upstream port yet
    QVERIFY(shownError(&dialog, "upstreamErrorLabel").contains(QStringLiteral("port")));
    typeInto(field<QSpinBox>(&dialog, "upstreamPortSpin"), QStringLiteral("5555"));
    QVERIFY(okEnabled(&dialog));
    typeInto(field<QLineEdit>(&dialog, "upstreamHostEdit"), QString());
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(!shownError(&dialog, "upstreamErrorLabel").isEmpty());
    typeInto(field<QLineEdit>(&dialog, "upstreamHostEdit"), QStringLiteral("localhost"));
    typeInto(field<QSpinBox>(&dialog, "listenPortSpin"), QStringLiteral("70000"));
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(shownError(&dialog, "listenErrorLabel").contains(QStringLiteral("70000")));
    QCOMPARE(field<QSpinBox>(&dialog, "listenPortSpin")->value(), 70000); // kept as typed, refused with a reason
}

void tst_ProxyDialog::proxyKeepsItsFaultsAndRefusesRawWithMessageFaults()
{
    ProxySpec spec = upstreamSpec();
    Fault drop;
    drop.kind = Fault::Kind::Drop;
    spec.faults = {drop};
    ProxyDialog dialog;
    dialog.setSpec(spec);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(okEnabled(&dialog));
    QCOMPARE(dialog.spec().faults, spec.faults);
    // The engine's own rule: a message fault needs frames, and the raw codec has none.
    chooseWithKeys(field<QComboBox>(&dialog, "kindCombo"), int(CodecEditor::Preset::Raw));
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(!shownError(&dialog, "specErrorLabel").isEmpty());
}

void tst_ProxyDialog::seedMustBeANumber()
{
    ProxyDialog dialog;
    dialog.setSpec(upstreamSpec());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeInto(field<QLineEdit>(&dialog, "seedEdit"), QStringLiteral("lucky"));
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(shownError(&dialog, "specErrorLabel").contains(QStringLiteral("seed")));
    typeInto(field<QLineEdit>(&dialog, "seedEdit"), QString());
    QVERIFY(okEnabled(&dialog));
    QCOMPARE(dialog.spec().seed, quint64(0)); // a new one each start
}

void tst_ProxyDialog::faultShowsOnlyTheFieldsItsKindTakes_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("amount");
    QTest::addColumn<bool>("extra");
    QTest::addColumn<bool>("channel");
    QTest::addColumn<bool>("probability");
    QTest::newRow("latency") << int(Fault::Kind::Latency) << true << true << false << false;
    QTest::newRow("bandwidth") << int(Fault::Kind::Bandwidth) << true << false << false << false;
    QTest::newRow("slice") << int(Fault::Kind::Slice) << true << true << false << false;
    QTest::newRow("limit data") << int(Fault::Kind::LimitData) << true << false << false << false;
    QTest::newRow("timeout") << int(Fault::Kind::Timeout) << true << false << false << false;
    QTest::newRow("reset after") << int(Fault::Kind::ResetAfter) << true << false << false << false;
    QTest::newRow("slow close") << int(Fault::Kind::SlowClose) << true << false << false << false;
    QTest::newRow("drop") << int(Fault::Kind::Drop) << false << false << true << true;
    QTest::newRow("duplicate") << int(Fault::Kind::Duplicate) << false << false << true << true;
    QTest::newRow("corrupt") << int(Fault::Kind::Corrupt) << false << false << false << true;
    QTest::newRow("delay channel") << int(Fault::Kind::DelayChannel) << true << false << true << false;
}

void tst_ProxyDialog::faultShowsOnlyTheFieldsItsKindTakes()
{
    QFETCH(int, kind);
    QFETCH(bool, amount);
    QFETCH(bool, extra);
    QFETCH(bool, channel);
    QFETCH(bool, probability);
    FaultDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *kinds = field<QComboBox>(&dialog, "kindCombo");
    chooseWithKeys(kinds, kinds->findData(kind));
    QCOMPARE(shown(&dialog, "amountSpin"), amount);
    QCOMPARE(shown(&dialog, "extraSpin"), extra);
    QCOMPARE(shown(&dialog, "channelEdit"), channel);
    QCOMPARE(shown(&dialog, "probabilitySpin"), probability);
    QVERIFY2(okEnabled(&dialog), qPrintable(shownError(&dialog, "faultErrorLabel"))); // its usual parameters are valid
    QCOMPARE(int(dialog.fault().kind), kind);
}

void tst_ProxyDialog::faultComesBackFromTheForm()
{
    FaultDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *kinds = field<QComboBox>(&dialog, "kindCombo");
    chooseWithKeys(kinds, kinds->findData(int(Fault::Kind::Drop)));
    typeInto(field<QLineEdit>(&dialog, "channelEdit"), QString());
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(!shownError(&dialog, "faultErrorLabel").isEmpty());
    typeInto(field<QLineEdit>(&dialog, "channelEdit"), QStringLiteral("chat"));
    typeInto(field<QDoubleSpinBox>(&dialog, "probabilitySpin"), QStringLiteral("0.5"));
    chooseWithKeys(field<QComboBox>(&dialog, "directionsCombo"), 1);
    QVERIFY(okEnabled(&dialog));
    Fault fault = dialog.fault();
    QCOMPARE(fault.kind, Fault::Kind::Drop);
    QCOMPARE(fault.channel, QStringLiteral("chat"));
    QCOMPARE(fault.probability, 0.5);
    QCOMPARE(fault.directions, Fault::Directions::ClientToServer);
    QVERIFY(fault.enabled);

    // Editing keeps the switch as it was, and the form shows the fault's own values.
    fault.kind = Fault::Kind::Latency;
    fault.amount = 250;
    fault.extra = 40;
    fault.enabled = false;
    dialog.setFault(fault);
    QCOMPARE(field<QSpinBox>(&dialog, "amountSpin")->value(), 250);
    QCOMPARE(field<QSpinBox>(&dialog, "extraSpin")->value(), 40);
    QCOMPARE(dialog.fault().enabled, false);
    QCOMPARE(dialog.fault().amount, qint64(250));
}

void tst_ProxyDialog::messageFaultsNeedFrames()
{
    FaultDialog dialog;
    dialog.setMessageFaultsAllowed(false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *kinds = field<QComboBox>(&dialog, "kindCombo");
    chooseWithKeys(kinds, kinds->findData(int(Fault::Kind::Corrupt)));
    QVERIFY(!okEnabled(&dialog));
    QVERIFY(shownError(&dialog, "faultErrorLabel").contains(QStringLiteral("raw")));
    chooseWithKeys(kinds, kinds->findData(int(Fault::Kind::Bandwidth)));
    QVERIFY(okEnabled(&dialog));
}

QTEST_MAIN(tst_ProxyDialog)
#include "tst_proxydialog.moc"
