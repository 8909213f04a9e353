#include <ui/widgets/codeceditor.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSpinBox>

using netcore::CodecConfig;
using wirebench::CodecEditor;

/** The codec editor, driven through its form the way a user fills it in. */
class TestCodecEditor : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void choosingPythonCommsGivesThePreset();
    void editingThePresetMakesItALengthCodec();
    void rowsFollowTheKind();
    void delimiterTakesEscapes();
    void badDelimiterIsReported();

private:
    template <typename T> static T *field(CodecEditor &editor, const char *name)
    {
        return editor.findChild<T *>(QLatin1String(name));
    }
};

void TestCodecEditor::roundTrip_data()
{
    QTest::addColumn<CodecConfig>("config");

    CodecConfig length2 = CodecConfig::length(2, QSysInfo::LittleEndian);
    length2.lengthFieldOffset = 3;
    length2.lengthAdjustment = -2;
    length2.initialBytesToStrip = 0;
    length2.payloadType = netcore::MessageType::Text;
    CodecConfig crlf = CodecConfig::line(QByteArrayLiteral("\r\n"));
    crlf.maxLineLength = 512;
    CodecConfig hugeEnvelope = CodecConfig::envelope();
    hugeEnvelope.maxFrameSize = 0xffffffffLL; // beyond the spin box: kept as given

    QTest::newRow("envelope") << CodecConfig::envelope();
    QTest::newRow("envelope beyond the form's range") << hugeEnvelope;
    QTest::newRow("length, 4 bytes big endian") << CodecConfig::length();
    QTest::newRow("length, 2 bytes little endian, offset, adjust, strip") << length2;
    QTest::newRow("python comms") << CodecConfig::pythonComms();
    QTest::newRow("line, CRLF") << crlf;
    QTest::newRow("raw") << CodecConfig::raw();
}

void TestCodecEditor::roundTrip()
{
    QFETCH(CodecConfig, config);
    CodecEditor editor;
    editor.setConfig(config);
    QCOMPARE(editor.config(), config);
    QVERIFY(editor.isValid());
}

void TestCodecEditor::choosingPythonCommsGivesThePreset()
{
    CodecEditor editor;
    QSignalSpy changed(&editor, &CodecEditor::configChanged);
    auto *kind = field<QComboBox>(editor, "kindCombo");
    QVERIFY(kind);
    kind->setCurrentIndex(int(CodecEditor::Preset::PythonComms));
    emit kind->activated(kind->currentIndex()); // what a click on the item sends
    QCOMPARE(editor.config(), CodecConfig::pythonComms());
    QCOMPARE(editor.preset(), CodecEditor::Preset::PythonComms);
    QVERIFY(changed.count() >= 1);
}

void TestCodecEditor::editingThePresetMakesItALengthCodec()
{
    CodecEditor editor;
    editor.setConfig(CodecConfig::pythonComms());
    auto *byteOrder = field<QComboBox>(editor, "byteOrderCombo");
    byteOrder->setCurrentIndex(byteOrder->findData(int(QSysInfo::BigEndian)));
    QCOMPARE(editor.preset(), CodecEditor::Preset::Length);
    QCOMPARE(editor.config().byteOrder, QSysInfo::BigEndian);
    QCOMPARE(field<QComboBox>(editor, "kindCombo")->currentIndex(), int(CodecEditor::Preset::Length));
}

void TestCodecEditor::rowsFollowTheKind()
{
    CodecEditor editor;
    editor.show();
    editor.setConfig(CodecConfig::line());
    QVERIFY(field<QLineEdit>(editor, "delimiterEdit")->isVisible());
    QVERIFY(!field<QSpinBox>(editor, "lengthOffsetSpin")->isVisible());
    editor.setConfig(CodecConfig::length());
    QVERIFY(!field<QLineEdit>(editor, "delimiterEdit")->isVisible());
    QVERIFY(field<QSpinBox>(editor, "lengthOffsetSpin")->isVisible());
    editor.setConfig(CodecConfig::raw());
    QVERIFY(!field<QSpinBox>(editor, "maxFrameSpin")->isVisible());
}

void TestCodecEditor::delimiterTakesEscapes()
{
    CodecEditor editor;
    editor.setConfig(CodecConfig::line());
    auto *delimiter = field<QLineEdit>(editor, "delimiterEdit");
    delimiter->clear();
    QTest::keyClicks(delimiter, QStringLiteral("\\r\\n\\x00"));
    QCOMPARE(editor.config().delimiter, QByteArray("\r\n\0", 3));
    QVERIFY(editor.isValid());
}

void TestCodecEditor::badDelimiterIsReported()
{
    CodecEditor editor;
    editor.show();
    editor.setConfig(CodecConfig::line());
    auto *delimiter = field<QLineEdit>(editor, "delimiterEdit");
    delimiter->clear();
    QVERIFY(!editor.isValid()); // empty
    QTest::keyClicks(delimiter, QStringLiteral("\\q"));
    QVERIFY(!editor.isValid());
    QVERIFY(editor.errorString().startsWith(QLatin1String("Delimiter")));
    QVERIFY(field<QLabel>(editor, "errorLabel")->isVisible());
    delimiter->setText(QStringLiteral("|"));
    QVERIFY(editor.isValid());
    QVERIFY(!field<QLabel>(editor, "errorLabel")->isVisible());
    QCOMPARE(editor.config().delimiter, QByteArray("|"));
}

QTEST_MAIN(TestCodecEditor)
#include "tst_codeceditor.moc"
