// A recording turned into a scenario (wirebench-cli scenario): the exact scenario each kind of
// recording gives, that Scenario reads every one of them, that each expectation matches the
// message it was made from, and the text form people edit.
#include <engine/recording/messagestep.h>
#include <engine/recording/recording.h>
#include <engine/recording/recordingscenario.h>
#include <engine/responders/messagefacts.h>
#include <engine/responders/messagematcher.h>
#include <engine/scenarios/scenario.h>
#include <engine/scenarios/scenariotext.h>

#include <QtCore/QBuffer>
#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using netcore::CodecConfig;
using netcore::Message;
using netcore::MessageType;
using wirebench::JsonProblem;
using wirebench::MessageStep;
using wirebench::Recording;
using wirebench::RecordingScenario;
using wirebench::Scenario;
using wirebench::ScenarioText;

class TestRecordingScenario : public QObject
{
    Q_OBJECT

private slots:
    void convertsARecording_data();
    void convertsARecording();
    void whatASendCannotCarryGoesAsHex();
    void eachExpectationMatchesItsMessage_data();
    void eachExpectationMatchesItsMessage();
    void theTextFormHasAStepALine();
};

namespace {

const QString target = QStringLiteral("127.0.0.1:7000");

QByteArray header(const QByteArray &codec = R"({"codec":"envelope"})")
{
    return R"({"wirebench":"recording","version":1,"codec":)" + codec + R"(,"started":"2026-01-02T03:04:05.000Z"})"
           + '\n';
}

QByteArray connected(qint64 us, int conn)
{
    return QStringLiteral(R"({"t_us":%1,"conn":%2,"event":"connected","peer":"127.0.0.1:5%2"})")
               .arg(us).arg(conn).toUtf8() + '\n';
}

QByteArray closed(qint64 us, int conn, const char *side)
{
    return QStringLiteral(R"({"t_us":%1,"conn":%2,"event":"disconnected","side":"%3","reason":"PeerClosed"})")
               .arg(us).arg(conn).arg(QLatin1String(side)).toUtf8() + '\n';
}

QByteArray message(qint64 us, int conn, const char *dir, const char *type, const QByteArray &payload,
                   const QString &channel = {}, int id = 0)
{
    return QStringLiteral(R"({"t_us":%1,"conn":%2,"event":"message","dir":"%3","channel":"%4","type":"%5",)"
                          R"("id":%6,"size":%7,"payload_hex":"%8"})")
               .arg(us).arg(conn).arg(QLatin1String(dir), channel, QLatin1String(type)).arg(id).arg(payload.size())
               .arg(QString::fromLatin1(payload.toHex()))
               .toUtf8() + '\n';
}

QByteArray cbor(const QCborValue &value)
{
    return value.toCbor();
}

Recording read(const QByteArray &text)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    Recording recording;
    QString error;
    if (!Recording::read(&buffer, QStringLiteral("test.jsonl"), &recording, &error))
        qWarning("%s", qPrintable(error));
    return recording;
}

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s at %d in %s", qPrintable(error.errorString()), error.offset, json.constData());
    return document.object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

void TestRecordingScenario::convertsARecording_data()
{
    QTest::addColumn<QByteArray>("recording");
    QTest::addColumn<QStringList>("ignore");
    QTest::addColumn<QStringList>("ignoreChannels");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray envelope = R"({"codec": "envelope", "max-frame": 16777216})";

    QTest::newRow("text over line, a pause before a send")
        << header(R"({"codec":"line"})") + connected(0, 1) + message(1000, 1, "c2s", "text", "PING 1")
               + message(2000, 1, "s2c", "text", "PONG 1 (a.b)*") + message(200000, 1, "c2s", "text", "QUIT")
               + message(201000, 1, "s2c", "text", "BYE") + closed(202000, 1, "client")
        << QStringList() << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000",
                          "codec": {"codec": "line", "delimiter": "\\n", "payload": "text", "max-frame": 65536},
                          "steps": [{"send": {"text": "PING 1"}},
                                    {"expect": {"type": "text", "text": "^PONG 1 \\(a\\.b\\)\\*$"}},
                                    {"sleep_ms": 198},
                                    {"send": {"text": "QUIT"}},
                                    {"expect": {"type": "text", "text": "^BYE$"}}]})");

    QTest::newRow("json, pointers ignored, one with a * step")
        << header() + connected(0, 1) + message(10, 1, "c2s", "json", R"({"user":"alice"})", QStringLiteral("login"), 7)
               + message(20, 1, "s2c", "json",
                         R"({"ok":true,"ts":123,"items":[{"n":1,"ts":5},{"n":2,"ts":6}],"meta":{"at":1,"by":"x"},)"
                         R"("empty":[],"a/b":1,"t~":2})",
                         QStringLiteral("login"), 7)
        << QStringList{QStringLiteral("/ts"), QStringLiteral("/items/*/ts"), QStringLiteral("/meta")} << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(,
                          "steps": [{"send": {"channel": "login", "id": 7, "json": {"user": "alice"}}},
                                    {"expect": {"channel": "login", "type": "json",
                                                "json": {"/ok": true, "/items/0/n": 1, "/items/1/n": 2,
                                                         "/empty": [], "/a~1b": 1, "/t~0": 2}}}]})");

    QTest::newRow("cbor")
        << header() + connected(0, 1) + message(10, 1, "c2s", "cbor", cbor(QCborMap{{QStringLiteral("n"), 1}}))
               + message(20, 1, "s2c", "cbor",
                         cbor(QCborMap{{QStringLiteral("list"), QCborArray{1, QStringLiteral("x")}},
                                       {QStringLiteral("ts"), 9}}))
        << QStringList{QStringLiteral("/ts")} << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(,
                          "steps": [{"send": {"cbor": {"n": 1}}},
                                    {"expect": {"channel": "", "type": "cbor", "json": {"/list/0": 1, "/list/1": "x"}}}]})");

    QTest::newRow("binary over raw")
        << header(R"({"codec":"raw"})") + connected(0, 1) + message(10, 1, "c2s", "binary", QByteArray::fromHex("00ff10"))
               + message(20, 1, "s2c", "binary", QByteArray::fromHex("0a0b"))
        << QStringList() << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": {"codec": "raw"},
                          "steps": [{"send": {"hex": "00ff10"}}, {"expect": {"type": "binary", "hex": "0a0b"}}]})");

    // A server's json reply reaches a client of the line codec as text: that is what it must expect.
    QTest::newRow("json reply over line, typed as text")
        << header(R"({"codec":"line"})") + connected(0, 1) + message(10, 1, "c2s", "text", "hi")
               + message(20, 1, "s2c", "json", R"({"n":1})")
        << QStringList{QStringLiteral("/n")} << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000",
                          "codec": {"codec": "line", "delimiter": "\\n", "payload": "text", "max-frame": 65536},
                          "steps": [{"send": {"text": "hi"}}, {"expect": {"type": "text", "text": "^\\{\"n\":1\\}$"}}]})");

    QTest::newRow("two connections, in the recording's order")
        << header() + connected(0, 1) + message(100, 1, "c2s", "text", "a") + connected(500, 2)
               + message(1000, 2, "c2s", "text", "b") + message(2000, 2, "s2c", "text", "B")
               + message(3000, 1, "s2c", "text", "A") + closed(4000, 2, "client") + closed(5000, 1, "client")
        << QStringList() << QStringList()
        << QByteArray(R"({"clients": {"c1": {"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(},
                                      "c2": {"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(}},
                          "steps": [{"as": "c1", "send": {"text": "a"}},
                                    {"as": "c2", "send": {"text": "b"}},
                                    {"as": "c2", "expect": {"channel": "", "type": "text", "text": "^B$"}},
                                    {"as": "c1", "expect": {"channel": "", "type": "text", "text": "^A$"}}]})");

    QTest::newRow("the server closes")
        << header() + connected(0, 1) + message(10, 1, "c2s", "text", "QUIT") + message(20, 1, "s2c", "text", "BYE")
               + closed(30, 1, "server")
        << QStringList() << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(,
                          "steps": [{"send": {"text": "QUIT"}},
                                    {"expect": {"channel": "", "type": "text", "text": "^BYE$"}},
                                    {"expect_closed": true}]})");

    QTest::newRow("an ignored channel: its sends stay, every expectation skips")
        << header() + connected(0, 1) + message(10, 1, "c2s", "text", "hi", QStringLiteral("chat"))
               + message(20, 1, "s2c", "text", "hi all", QStringLiteral("chat"))
               + message(30, 1, "s2c", "text", "1", QStringLiteral("tick"))
               + message(40, 1, "c2s", "text", "t", QStringLiteral("tick"))
               + message(50, 1, "s2c", "text", "bye", QStringLiteral("chat")) + closed(60, 1, "server")
        << QStringList() << QStringList{QStringLiteral("tick")}
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(,
                          "steps": [{"send": {"channel": "chat", "text": "hi"}},
                                    {"expect": {"channel": "chat", "type": "text", "text": "^hi all$"}, "skip_others": true},
                                    {"send": {"channel": "tick", "text": "t"}},
                                    {"expect": {"channel": "chat", "type": "text", "text": "^bye$"}, "skip_others": true},
                                    {"expect_closed": true, "skip_others": true}]})");

    // 2.4 s fits the 5 s default twice over; 4 s does not, and waits 8 s.
    QTest::newRow("slow answers wait longer")
        << header() + connected(0, 1) + message(0, 1, "c2s", "text", "a") + message(2400000, 1, "s2c", "text", "A")
               + message(6400000, 1, "s2c", "text", "B") + closed(9000000, 1, "server")
        << QStringList() << QStringList()
        << QByteArray(R"({"connect": "127.0.0.1:7000", "codec": )" + envelope + R"(,
                          "steps": [{"send": {"text": "a"}},
                                    {"expect": {"channel": "", "type": "text", "text": "^A$"}},
                                    {"expect": {"channel": "", "type": "text", "text": "^B$"}, "timeout_ms": 8000},
                                    {"expect_closed": true, "timeout_ms": 6000}]})");
}

void TestRecordingScenario::convertsARecording()
{
    QFETCH(QByteArray, recording);
    QFETCH(QStringList, ignore);
    QFETCH(QStringList, ignoreChannels);
    QFETCH(QByteArray, expected);

    RecordingScenario::Options options;
    options.connect = target;
    options.ignorePointers = ignore;
    options.ignoreChannels = ignoreChannels;
    QList<RecordingScenario::Note> notes;
    const QJsonObject scenario = RecordingScenario::toScenario(read(recording), options, &notes);
    QCOMPARE(compact(scenario), compact(object(expected)));
    QVERIFY(notes.isEmpty());

    Scenario parsed;
    JsonProblem problem;
    QVERIFY2(Scenario::fromJson(scenario, &parsed, &problem), qPrintable(problem.path + QLatin1Char(' ') + problem.message));
}

void TestRecordingScenario::whatASendCannotCarryGoesAsHex()
{
    const QByteArray braces = "a {{b}}";
    const QByteArray json = R"({"t":"{{seq}}"})";
    const QByteArray bytes = cbor(QCborMap{{QStringLiteral("b"), QCborValue(QByteArray("\x01\x02"))}});
    const QByteArray notUtf8 = "\xff\xfe";
    const Recording recording = read(header() + connected(0, 1) + message(1, 1, "c2s", "text", braces)
                                     + message(2, 1, "c2s", "json", json) + message(3, 1, "c2s", "cbor", bytes)
                                     + message(4, 1, "c2s", "text", notUtf8) + message(5, 1, "c2s", "text", "{ok}"));
    RecordingScenario::Options options;
    options.connect = target;
    QList<RecordingScenario::Note> notes;
    const QJsonObject scenario = RecordingScenario::toScenario(recording, options, &notes);

    const QJsonArray steps = scenario.value(QLatin1String("steps")).toArray();
    QCOMPARE(steps.size(), 5);
    for (int i = 0; i < 4; ++i) {
        const QByteArray payload = QList<QByteArray>{braces, json, bytes, notUtf8}.at(i);
        QCOMPARE(compact(steps.at(i).toObject()),
                 compact(QJsonObject{{QStringLiteral("send"), QJsonObject{{QStringLiteral("hex"),
                                                                           QString::fromLatin1(payload.toHex())}}}}));
    }
    // One brace is no placeholder.
    QCOMPARE(compact(steps.at(4).toObject()), QStringLiteral(R"({"send":{"text":"{ok}"}})"));

    QCOMPARE(notes.size(), 4);
    QCOMPARE(notes.at(0).line, 3); // the header is line 1, "connected" line 2
    QCOMPARE(notes.at(0).text,
             QStringLiteral("its text holds \"{{\", which a send would read as a placeholder: sent as hex, a binary message"));
    QCOMPARE(notes.at(1).line, 4);
    QCOMPARE(notes.at(1).text, QStringLiteral("a string in it holds \"{{\", which a send would read as a placeholder: "
                                              "sent as hex, a binary message"));
    QCOMPARE(notes.at(2).line, 5);
    QCOMPARE(notes.at(2).text,
             QStringLiteral("its CBOR does not come back byte for byte from JSON: sent as hex, a binary message"));
    QCOMPARE(notes.at(3).text, QStringLiteral("its text is not UTF-8: sent as hex, a binary message"));

    Scenario parsed;
    JsonProblem problem;
    QVERIFY2(Scenario::fromJson(scenario, &parsed, &problem), qPrintable(problem.message));
}

void TestRecordingScenario::eachExpectationMatchesItsMessage_data()
{
    QTest::addColumn<Message>("recorded");
    QTest::addColumn<CodecConfig>("codec");
    QTest::addColumn<QByteArray>("other"); ///< a payload one byte off, which must not match

    const QByteArray special = "a.b*c (x) [y] {z} ^$ | ? + \\ \t end \xc3\xa9 /";
    QTest::newRow("text with every metacharacter")
        << Message(MessageType::Text, special, QStringLiteral("ch")) << CodecConfig::envelope()
        << QByteArray(special).replace('.', 'x');
    QTest::newRow("a line break inside") << Message(MessageType::Text, "one\ntwo") << CodecConfig::envelope()
                                         << QByteArray("one\ntwo\n3");
    QTest::newRow("empty text") << Message(MessageType::Text, {}) << CodecConfig::envelope() << QByteArray(" ");
    QTest::newRow("json") << Message(MessageType::Json, R"({"a":[1,{"b":null}],"c":{}})") << CodecConfig::envelope()
                          << QByteArray(R"({"a":[1,{"b":0}],"c":{}})");
    QTest::newRow("json over line") << Message(MessageType::Json, R"({"a":1})") << CodecConfig::line()
                                    << QByteArray(R"({"a":2})");
    QTest::newRow("cbor") << Message(MessageType::Cbor, cbor(QCborArray{1, 2.5, true})) << CodecConfig::envelope()
                          << cbor(QCborArray{1, 2.5, false});
    QTest::newRow("binary") << Message(MessageType::Binary, QByteArray::fromHex("00010203")) << CodecConfig::length()
                            << QByteArray::fromHex("00010204");
}

void TestRecordingScenario::eachExpectationMatchesItsMessage()
{
    QFETCH(Message, recorded);
    QFETCH(CodecConfig, codec);
    QFETCH(QByteArray, other);

    wirebench::MessageMatcher matcher;
    JsonProblem problem;
    QVERIFY2(wirebench::MessageMatcher::parse(MessageStep::expect(recorded, codec, {}), &matcher, &problem),
             qPrintable(problem.message));
    const MessageType type = MessageStep::receivedType(recorded.type(), codec);
    const Message received(type, recorded.payload(), recorded.channel(), recorded.id());
    QVERIFY2(matcher.matches(wirebench::MessageFacts(received)), qPrintable(matcher.describe()));
    const Message wrong(type, other, recorded.channel(), recorded.id());
    QVERIFY2(!matcher.matches(wirebench::MessageFacts(wrong)), qPrintable(matcher.describe()));
}

void TestRecordingScenario::theTextFormHasAStepALine()
{
    const Recording recording = read(header() + connected(0, 1) + connected(0, 2)
                                     + message(10, 1, "c2s", "json", R"({"user":"alice","id":3})", QStringLiteral("login"))
                                     + message(200000, 2, "s2c", "json", R"({"items":[1,2,3,4,5,6,7,8,9,10,11]})"));
    RecordingScenario::Options options;
    options.connect = target;
    options.name = QStringLiteral("login");
    const QJsonObject scenario = RecordingScenario::toScenario(recording, options);
    const QByteArray text = ScenarioText::format(scenario);
    // Keys as a person reads them; "/items/10" after "/items/9".
    QCOMPARE(QString::fromUtf8(text),
             QStringLiteral(R"({
  "name": "login",
  "clients": {
    "c1": {"connect": "127.0.0.1:7000", "codec": {"codec": "envelope", "max-frame": 16777216}},
    "c2": {"connect": "127.0.0.1:7000", "codec": {"codec": "envelope", "max-frame": 16777216}}
  },
  "steps": [
    {"as": "c1", "send": {"channel": "login", "json": {"id": 3, "user": "alice"}}},
    {"as": "c2", "expect": {"channel": "", "type": "json", "json": {"/items/0": 1, "/items/1": 2, "/items/2": 3, "/items/3": 4, "/items/4": 5, "/items/5": 6, "/items/6": 7, "/items/7": 8, "/items/8": 9, "/items/9": 10, "/items/10": 11}}}
  ]
}
)"));
    QCOMPARE(QJsonDocument::fromJson(text).object(), scenario);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("scenario.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    Scenario loaded;
    QString error;
    QVERIFY2(Scenario::load(file.fileName(), &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.name(), QStringLiteral("login"));
    QCOMPARE(loaded.clients().size(), 2);
    QCOMPARE(loaded.steps().size(), 2);

    // No steps: an empty array, still a scenario.
    QCOMPARE(ScenarioText::format(QJsonObject{{QStringLiteral("connect"), target}, {QStringLiteral("steps"), QJsonArray()}}),
             QByteArray("{\n  \"connect\": \"127.0.0.1:7000\",\n  \"steps\": []\n}\n"));
}

QTEST_GUILESS_MAIN(TestRecordingScenario)
#include "tst_recordingscenario.moc"
