// CodecParameters: the codec names and values the CLI's flags and a scenario's codec object share.
#include <engine/codecparameters.h>

#include <QtTest/QTest>

using netcore::CodecConfig;
using wirebench::CodecParameters;

using Values = QHash<QString, QString>;
Q_DECLARE_METATYPE(Values)

class TestCodecParameters : public QObject
{
    Q_OBJECT

private slots:
    void buildsTheConfig_data();
    void buildsTheConfig();
    void refusesNamingTheParameter_data();
    void refusesNamingTheParameter();
};

void TestCodecParameters::buildsTheConfig_data()
{
    QTest::addColumn<Values>("values");
    QTest::addColumn<CodecConfig>("expected");

    QTest::newRow("nothing: envelope") << Values{} << CodecConfig::envelope();
    QTest::newRow("python-comms") << Values{{QStringLiteral("codec"), QStringLiteral("python-comms")}}
                                  << CodecConfig::pythonComms();
    QTest::newRow("line with an escaped delimiter")
        << Values{{QStringLiteral("codec"), QStringLiteral("line")}, {QStringLiteral("delimiter"), QStringLiteral("\\r\\n")}}
        << CodecConfig::line(QByteArrayLiteral("\r\n"));
    CodecConfig length = CodecConfig::length(8, QSysInfo::LittleEndian);
    length.lengthAdjustment = -8;
    length.initialBytesToStrip = 0;
    length.lengthFieldOffset = 2;
    length.payloadType = netcore::MessageType::Json;
    length.maxFrameSize = 4096;
    QTest::newRow("length, every parameter")
        << Values{{QStringLiteral("codec"), QStringLiteral("length")},  {QStringLiteral("length-bytes"), QStringLiteral("8")},
                  {QStringLiteral("byte-order"), QStringLiteral("little")}, {QStringLiteral("length-adjust"), QStringLiteral("-8")},
                  {QStringLiteral("strip"), QStringLiteral("0")},        {QStringLiteral("length-offset"), QStringLiteral("2")},
                  {QStringLiteral("payload"), QStringLiteral("json")},   {QStringLiteral("max-frame"), QStringLiteral("4096")}}
        << length;
}

void TestCodecParameters::buildsTheConfig()
{
    QFETCH(Values, values);
    QFETCH(CodecConfig, expected);
    for (const auto naming : {CodecParameters::Naming::Flags, CodecParameters::Naming::Keys}) {
        CodecConfig config;
        CodecParameters::Problem problem;
        QVERIFY2(CodecParameters::toConfig(values, naming, &config, &problem), qPrintable(problem.message));
        QCOMPARE(config, expected);
    }
}

void TestCodecParameters::refusesNamingTheParameter_data()
{
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("flags"); ///< as wirebench-cli has always said it
    QTest::addColumn<QString>("keys");  ///< as a scenario file's error says it

    const QString codec = QStringLiteral("codec");
    QTest::newRow("unknown codec") << Values{{codec, QStringLiteral("morse")}} << codec
                                   << QStringLiteral("unknown codec \"morse\" (envelope, length, line, raw or python-comms)")
                                   << QStringLiteral("unknown codec \"morse\" (envelope, length, line, raw or python-comms)");
    QTest::newRow("not for this codec") << Values{{QStringLiteral("delimiter"), QStringLiteral("x")}} << QStringLiteral("delimiter")
                                        << QStringLiteral("--delimiter does not apply to --codec envelope")
                                        << QStringLiteral("\"delimiter\" does not apply to the codec \"envelope\"");
    QTest::newRow("out of range") << Values{{codec, QStringLiteral("length")}, {QStringLiteral("length-bytes"), QStringLiteral("9")}}
                                  << QStringLiteral("length-bytes")
                                  << QStringLiteral("--length-bytes must be an integer from 1 to 8, not \"9\"")
                                  << QStringLiteral("\"length-bytes\" must be an integer from 1 to 8, not \"9\"");
    QTest::newRow("byte order") << Values{{codec, QStringLiteral("length")}, {QStringLiteral("byte-order"), QStringLiteral("mid")}}
                                << QStringLiteral("byte-order")
                                << QStringLiteral("--byte-order must be big or little, not \"mid\"")
                                << QStringLiteral("\"byte-order\" must be big or little, not \"mid\"");
    QTest::newRow("payload") << Values{{codec, QStringLiteral("line")}, {QStringLiteral("payload"), QStringLiteral("cbor")}}
                             << QStringLiteral("payload")
                             << QStringLiteral("--payload must be binary, text or json, not \"cbor\"")
                             << QStringLiteral("\"payload\" must be binary, text or json, not \"cbor\"");
    QTest::newRow("bad escape") << Values{{codec, QStringLiteral("line")}, {QStringLiteral("delimiter"), QStringLiteral("\\q")}}
                                << QStringLiteral("delimiter")
                                << QStringLiteral("--delimiter: unknown escape \\q at position 0")
                                << QStringLiteral("\"delimiter\": unknown escape \\q at position 0");
    QTest::newRow("line's max-frame") << Values{{codec, QStringLiteral("line")}, {QStringLiteral("max-frame"), QStringLiteral("0")}}
                                      << QStringLiteral("max-frame")
                                      << QStringLiteral("--max-frame must be an integer from 1 to 2147483647, not \"0\"")
                                      << QStringLiteral("\"max-frame\" must be an integer from 1 to 2147483647, not \"0\"");
    QTest::newRow("fails validate()") << Values{{codec, QStringLiteral("line")}, {QStringLiteral("delimiter"), QString()}}
                                      << codec << QStringLiteral("the line delimiter must not be empty")
                                      << QStringLiteral("the line delimiter must not be empty");
    QTest::newRow("unknown parameter") << Values{{QStringLiteral("colour"), QStringLiteral("red")}} << QStringLiteral("colour")
                                       << QStringLiteral("unknown codec parameter --colour: there are codec, length-bytes, "
                                                         "length-offset, length-adjust, strip, byte-order, payload, "
                                                         "delimiter, max-frame")
                                       << QStringLiteral("unknown codec parameter \"colour\": there are codec, length-bytes, "
                                                         "length-offset, length-adjust, strip, byte-order, payload, "
                                                         "delimiter, max-frame");
}

void TestCodecParameters::refusesNamingTheParameter()
{
    QFETCH(Values, values);
    QFETCH(QString, name);
    QFETCH(QString, flags);
    QFETCH(QString, keys);
    CodecConfig config;
    CodecParameters::Problem problem;
    QVERIFY(!CodecParameters::toConfig(values, CodecParameters::Naming::Flags, &config, &problem));
    QCOMPARE(problem.name, name);
    QCOMPARE(problem.message, flags);
    QVERIFY(!CodecParameters::toConfig(values, CodecParameters::Naming::Keys, &config, &problem));
    QCOMPARE(problem.name, name);
    QCOMPARE(problem.message, keys);
}

QTEST_GUILESS_MAIN(TestCodecParameters)
#include "tst_codecparameters.moc"
