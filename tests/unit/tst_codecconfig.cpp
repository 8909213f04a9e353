#include <netcore/codecconfig.h>

#include <QtTest/QTest>

using namespace netcore;

namespace {

template <typename Edit> CodecConfig edited(CodecConfig config, Edit edit)
{
    edit(config);
    return config;
}

} // namespace

class TestCodecConfig : public QObject
{
    Q_OBJECT

private slots:
    void presets();
    void effectiveStrip();
    void kindNames();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void missingJsonFieldsKeepDefaults();
    void validate_data();
    void validate();
    void equalityCoversEveryField_data() { jsonRoundTrip_data(); }
    void equalityCoversEveryField();
};

void TestCodecConfig::presets()
{
    QCOMPARE(CodecConfig::envelope().kind, CodecConfig::Kind::Envelope);
    QCOMPARE(CodecConfig::envelope().maxFrameSize, 16 * 1024 * 1024);

    const CodecConfig length = CodecConfig::length(2, QSysInfo::LittleEndian);
    QCOMPARE(length.kind, CodecConfig::Kind::Length);
    QCOMPARE(length.lengthFieldLength, 2);
    QCOMPARE(length.byteOrder, QSysInfo::LittleEndian);
    QCOMPARE(length.payloadType, MessageType::Binary);

    const CodecConfig python = CodecConfig::pythonComms();
    QCOMPARE(python.kind, CodecConfig::Kind::Length);
    QCOMPARE(python.lengthFieldLength, 4);
    QCOMPARE(python.byteOrder, QSysInfo::LittleEndian);
    QCOMPARE(python.effectiveStrip(), 4);
    QCOMPARE(python.payloadType, MessageType::Json);

    const CodecConfig line = CodecConfig::line("\r\n");
    QCOMPARE(line.kind, CodecConfig::Kind::Line);
    QCOMPARE(line.delimiter, QByteArray("\r\n"));
    QCOMPARE(line.payloadType, MessageType::Text);
    QCOMPARE(line.maxLineLength, 64 * 1024);

    QCOMPARE(CodecConfig::raw().kind, CodecConfig::Kind::Raw);
}

void TestCodecConfig::effectiveStrip()
{
    CodecConfig config = CodecConfig::length(3);
    config.lengthFieldOffset = 2;
    QCOMPARE(config.effectiveStrip(), 5);
    config.initialBytesToStrip = 0;
    QCOMPARE(config.effectiveStrip(), 0);
}

void TestCodecConfig::kindNames()
{
    for (const auto kind : {CodecConfig::Kind::Envelope, CodecConfig::Kind::Length, CodecConfig::Kind::Line,
                            CodecConfig::Kind::Raw}) {
        CodecConfig::Kind parsed = CodecConfig::Kind::Envelope;
        QVERIFY(CodecConfig::parseKindName(CodecConfig::kindName(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    QCOMPARE(CodecConfig::kindName(CodecConfig::Kind::Length), QStringLiteral("length"));
    CodecConfig::Kind untouched = CodecConfig::Kind::Raw;
    QVERIFY(!CodecConfig::parseKindName(QStringLiteral("bogus"), &untouched));
    QCOMPARE(untouched, CodecConfig::Kind::Raw);
}

void TestCodecConfig::jsonRoundTrip_data()
{
    QTest::addColumn<CodecConfig>("config");

    QTest::newRow("envelope") << CodecConfig::envelope();
    QTest::newRow("envelope, small max") << edited(CodecConfig::envelope(), [](CodecConfig &c) { c.maxFrameSize = 1024; });
    QTest::newRow("length 2 little") << CodecConfig::length(2, QSysInfo::LittleEndian);
    QTest::newRow("python-comms") << CodecConfig::pythonComms();
    QTest::newRow("length, every parameter") << edited(CodecConfig::length(3), [](CodecConfig &c) {
        c.lengthFieldOffset = 2;
        c.lengthAdjustment = -5;
        c.initialBytesToStrip = 1;
        c.maxFrameSize = 5000000000LL;
        c.payloadType = MessageType::Text;
    });
    QTest::newRow("line \\r\\n") << CodecConfig::line("\r\n");
    QTest::newRow("line \\0 binary") << edited(CodecConfig::line(QByteArray(1, '\0')), [](CodecConfig &c) {
        c.payloadType = MessageType::Binary;
        c.maxLineLength = 10;
    });
    QTest::newRow("raw") << CodecConfig::raw();
}

void TestCodecConfig::jsonRoundTrip()
{
    QFETCH(CodecConfig, config);
    QCOMPARE(CodecConfig::fromJson(config.toJson()), config);
}

void TestCodecConfig::missingJsonFieldsKeepDefaults()
{
    QCOMPARE(CodecConfig::fromJson(QJsonObject()), CodecConfig());
    QCOMPARE(CodecConfig::fromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("line")}}), CodecConfig::line());
}

void TestCodecConfig::validate_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<bool>("valid");

    using C = CodecConfig;
    QTest::newRow("envelope") << C::envelope() << true;
    QTest::newRow("envelope max 8") << edited(C::envelope(), [](C &c) { c.maxFrameSize = 8; }) << true;
    QTest::newRow("envelope max 7") << edited(C::envelope(), [](C &c) { c.maxFrameSize = 7; }) << false;
    QTest::newRow("envelope max 4 GiB") << edited(C::envelope(), [](C &c) { c.maxFrameSize = 0x100000000LL; }) << false;
    for (int size : {1, 2, 3, 4, 8})
        QTest::addRow("length %d", size) << C::length(size) << true;
    for (int size : {0, 5, 7, 16})
        QTest::addRow("length %d", size) << C::length(size) << false;
    QTest::newRow("python-comms") << C::pythonComms() << true;
    QTest::newRow("length offset -1") << edited(C::length(), [](C &c) { c.lengthFieldOffset = -1; }) << false;
    QTest::newRow("length strip -2") << edited(C::length(), [](C &c) { c.initialBytesToStrip = -2; }) << false;
    QTest::newRow("length adjustment 2^31") << edited(C::length(), [](C &c) { c.lengthAdjustment = 0x80000000LL; }) << false;
    QTest::newRow("length max below field end") << edited(C::length(4), [](C &c) { c.maxFrameSize = 3; }) << false;
    QTest::newRow("length cbor payload") << edited(C::length(), [](C &c) { c.payloadType = MessageType::Cbor; }) << false;
    QTest::newRow("line") << C::line() << true;
    QTest::newRow("line empty delimiter") << C::line({}) << false;
    QTest::newRow("line max 0") << edited(C::line(), [](C &c) { c.maxLineLength = 0; }) << false;
    QTest::newRow("line cbor payload") << edited(C::line(), [](C &c) { c.payloadType = MessageType::Cbor; }) << false;
    QTest::newRow("raw") << C::raw() << true;
}

void TestCodecConfig::validate()
{
    QFETCH(CodecConfig, config);
    QFETCH(bool, valid);
    QCOMPARE(config.validate().isEmpty(), valid);
}

void TestCodecConfig::equalityCoversEveryField()
{
    QFETCH(CodecConfig, config);

    const QList<void (*)(CodecConfig &)> edits = {
        [](CodecConfig &c) { c.kind = c.kind == CodecConfig::Kind::Raw ? CodecConfig::Kind::Line : CodecConfig::Kind::Raw; },
        [](CodecConfig &c) { c.maxFrameSize += 1; },
        [](CodecConfig &c) { c.lengthFieldOffset += 1; },
        [](CodecConfig &c) { c.lengthFieldLength += 1; },
        [](CodecConfig &c) { c.lengthAdjustment += 1; },
        [](CodecConfig &c) { c.initialBytesToStrip += 1; },
        [](CodecConfig &c) { c.byteOrder = c.byteOrder == QSysInfo::BigEndian ? QSysInfo::LittleEndian : QSysInfo::BigEndian; },
        [](CodecConfig &c) { c.payloadType = c.payloadType == MessageType::Json ? MessageType::Text : MessageType::Json; },
        [](CodecConfig &c) { c.delimiter += 'x'; },
        [](CodecConfig &c) { c.maxLineLength += 1; },
    };
    for (const auto edit : edits) {
        const CodecConfig other = edited(config, edit);
        QVERIFY(other != config);
        QVERIFY(!(other == config));
    }
    QVERIFY(config == CodecConfig(config));
}

QTEST_GUILESS_MAIN(TestCodecConfig)
#include "tst_codecconfig.moc"
