// The recording format's pieces: header and event lines both ways, every codec's parameters
// round-tripping, strings escaped as JSON, and the streaming writer under appends from many threads.

#include <engine/codecparameters.h>
#include <engine/recording/jsonline.h>
#include <engine/recording/recorder.h>
#include <engine/recording/recording.h>
#include <engine/recording/recordingheader.h>
#include <engine/recording/recordingline.h>
#include <engine/recording/recordingwriter.h>

#include <netcore/error.h>

#include <QtCore/QBuffer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <thread>
#include <vector>

using namespace wirebench;
using netcore::CodecConfig;

class RecordingFormatTest : public QObject
{
    Q_OBJECT

private slots:
    void everyCodecRoundTripsThroughItsParameters_data();
    void everyCodecRoundTripsThroughItsParameters();
    void headerRoundTrips();
    void headerRefusesOtherVersionsAndFiles();
    void eventsRoundTrip_data();
    void eventsRoundTrip();
    void stringsAreEscapedAsJson();
    void unknownEventsAreKeptWithTheirFields();
    void conversationsGroupByConnectionInOrder();
    void writerKeepsEveryLineFromManyThreads();
    void writerReportsAFileItCannotCreate();
    void recorderStampsInTimeOrder();
};

void RecordingFormatTest::everyCodecRoundTripsThroughItsParameters_data()
{
    QTest::addColumn<CodecConfig>("codec");
    QTest::newRow("envelope") << CodecConfig::envelope();
    CodecConfig small = CodecConfig::envelope();
    small.maxFrameSize = 4096;
    QTest::newRow("envelope, max frame") << small;
    QTest::newRow("length") << CodecConfig::length(2, QSysInfo::LittleEndian);
    QTest::newRow("python-comms") << CodecConfig::pythonComms();
    CodecConfig adjusted = CodecConfig::length(4);
    adjusted.lengthFieldOffset = 2;
    adjusted.lengthAdjustment = -6;
    adjusted.initialBytesToStrip = 0;
    adjusted.payloadType = netcore::MessageType::Json;
    QTest::newRow("length, every parameter") << adjusted;
    CodecConfig crlf = CodecConfig::line("\r\n");
    crlf.maxLineLength = 1000;
    QTest::newRow("line") << crlf;
    QTest::newRow("line, a zero byte") << CodecConfig::line(QByteArray("\0\xff", 2));
    QTest::newRow("raw") << CodecConfig::raw();
}

void RecordingFormatTest::everyCodecRoundTripsThroughItsParameters()
{
    QFETCH(CodecConfig, codec);
    const QJsonObject parameters = CodecParameters::toJson(codec);
    CodecConfig back;
    CodecParameters::Problem problem;
    QVERIFY2(CodecParameters::fromJson(parameters, &back, &problem), qPrintable(problem.message));
    QVERIFY2(back == codec, QJsonDocument(parameters).toJson());
}

void RecordingFormatTest::headerRoundTrips()
{
    RecordingHeader header;
    header.codec = CodecConfig::line();
    header.started = QDateTime(QDate(2026, 12, 7), QTime(14, 0, 0, 123), Qt::UTC);
    header.recorder = QStringLiteral("serve");
    const QByteArray line = header.toLine();
    QCOMPARE(line, QByteArray(R"({"wirebench":"recording","version":1,"codec":{"codec":"line","delimiter":"\\n",)"
                              R"("max-frame":65536,"payload":"text"},"started":"2026-12-07T14:00:00.123Z",)"
                              R"("recorder":"serve"})" "\n"));
    RecordingHeader back;
    QString error;
    QVERIFY2(RecordingHeader::parse(line, &back, &error), qPrintable(error));
    QVERIFY(back.codec == header.codec);
    QCOMPARE(back.started, header.started);
    QCOMPARE(back.recorder, header.recorder);
}

void RecordingFormatTest::headerRefusesOtherVersionsAndFiles()
{
    RecordingHeader header;
    QString error;
    QVERIFY(!RecordingHeader::parse(R"({"wirebench":"recording","version":2,"codec":"line","started":"2026-12-07T14:00:00Z"})",
                                    &header, &error));
    QCOMPARE(error, QStringLiteral("recording version 2: this build reads version 1"));
    QVERIFY(!RecordingHeader::parse(R"({"event":"message"})", &header, &error));
    QVERIFY(error.startsWith(QStringLiteral("not a Wirebench recording")));
    QVERIFY(!RecordingHeader::parse(R"({"wirebench":"recording","version":1,"codec":"morse","started":"2026-12-07T14:00:00Z"})",
                                    &header, &error));
    QVERIFY(error.contains(QStringLiteral("unknown codec \"morse\"")));
    QVERIFY(!RecordingHeader::parse(R"({"wirebench":"recording","version":1,"codec":"line","started":"yesterday"})",
                                    &header, &error));
    QVERIFY(error.contains(QStringLiteral("\"started\"")));
}

void RecordingFormatTest::eventsRoundTrip_data()
{
    QTest::addColumn<RecordedEvent>("event");
    RecordedEvent connected;
    connected.kind = RecordedEvent::Kind::Connected;
    connected.timeUs = 12;
    connected.connection = 3;
    connected.peer = QStringLiteral("[::1]:5000");
    QTest::newRow("connected") << connected;
    for (const auto type : {netcore::MessageType::Binary, netcore::MessageType::Text, netcore::MessageType::Json,
                            netcore::MessageType::Cbor}) {
        RecordedEvent message;
        message.kind = RecordedEvent::Kind::Message;
        message.timeUs = 99;
        message.connection = 3;
        message.direction = type == netcore::MessageType::Text ? ProxyDirection::ServerToClient
                                                                : ProxyDirection::ClientToServer;
        const QByteArray payload = type == netcore::MessageType::Binary ? QByteArray("\0\x01\xff\x80", 4)
                                 : type == netcore::MessageType::Cbor   ? QByteArray::fromHex("a1616bf5")
                                 : type == netcore::MessageType::Json   ? QByteArray(R"({"a":"\"q\""})")
                                                                        : QByteArray("tab\there \xc3\xa9");
        message.message = netcore::Message(type, payload, QStringLiteral("ch/1"), 4294967295u);
        QTest::newRow(qPrintable(netcore::messageTypeName(type))) << message;
    }
    RecordedEvent error;
    error.kind = RecordedEvent::Kind::Error;
    error.connection = 1;
    error.direction = ProxyDirection::ClientToServer;
    error.code = QStringLiteral("InvalidJson");
    error.text = QStringLiteral("not JSON: \"x\"");
    QTest::newRow("error") << error;
    RecordedEvent end;
    end.kind = RecordedEvent::Kind::Disconnected;
    end.connection = 1;
    end.side = QStringLiteral("server");
    end.reason = QStringLiteral("IdleTimeout");
    end.detail = QStringLiteral("nothing for 100 ms");
    QTest::newRow("disconnected") << end;
}

void RecordingFormatTest::eventsRoundTrip()
{
    QFETCH(RecordedEvent, event);
    const QByteArray line = RecordingLine::format(event);
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QJsonParseError parseError;
    QJsonDocument::fromJson(line, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    RecordedEvent back;
    QString error;
    QVERIFY2(RecordingLine::parse(line, &back, &error), qPrintable(error));
    QCOMPARE(back.kind, event.kind);
    QCOMPARE(back.timeUs, event.timeUs);
    QCOMPARE(back.connection, event.connection);
    QCOMPARE(back.direction, event.direction);
    QCOMPARE(back.peer, event.peer);
    QCOMPARE(back.side, event.side);
    QCOMPARE(back.reason, event.reason);
    QCOMPARE(back.detail, event.detail);
    QCOMPARE(back.code, event.code);
    QCOMPARE(back.text, event.text);
    QCOMPARE(back.message.type(), event.message.type());
    QCOMPARE(back.message.payload(), event.message.payload());
    QCOMPARE(back.message.channel(), event.message.channel());
    QCOMPARE(back.message.id(), event.message.id());
}

void RecordingFormatTest::stringsAreEscapedAsJson()
{
    QString text;
    for (char16_t c = 0; c < 0x80; ++c)
        text += QChar(c);
    text += QStringLiteral("é€😀");
    JsonLine line;
    line.add("s", text);
    const QJsonDocument document = QJsonDocument::fromJson(line.finish());
    QVERIFY(document.isObject());
    QCOMPARE(document.object().value(QStringLiteral("s")).toString(), text);
}

void RecordingFormatTest::unknownEventsAreKeptWithTheirFields()
{
    RecordedEvent event;
    QString error;
    QVERIFY(RecordingLine::parse(R"({"t_us":5,"conn":2,"event":"fault","dir":"s2c","fault":"drop","size":3})", &event, &error));
    QCOMPARE(event.kind, RecordedEvent::Kind::Other);
    QCOMPARE(event.name, QStringLiteral("fault"));
    QCOMPARE(event.direction, std::optional(ProxyDirection::ServerToClient));
    QCOMPARE(event.extra.value(QStringLiteral("fault")).toString(), QStringLiteral("drop"));
    QCOMPARE(RecordingLine::format(event),
             QByteArray(R"({"t_us":5,"conn":2,"event":"fault","dir":"s2c","fault":"drop","size":3})" "\n"));
}

void RecordingFormatTest::conversationsGroupByConnectionInOrder()
{
    RecordingHeader header;
    header.started = QDateTime::currentDateTimeUtc();
    QByteArray text = header.toLine();
    text += R"({"t_us":0,"conn":2,"event":"connected","peer":"b"})" "\n"
            R"({"t_us":1,"conn":1,"event":"connected","peer":"a"})" "\n"
            R"({"t_us":2,"conn":1,"event":"message","dir":"c2s","type":"text","payload_hex":"31"})" "\n"
            R"({"t_us":3,"conn":2,"event":"message","dir":"s2c","type":"text","payload_hex":"32"})" "\n"
            R"({"t_us":4,"conn":0,"event":"log","text":"no connection"})" "\n"
            R"({"t_us":5,"conn":2,"event":"disconnected","side":"server","reason":"ClosedLocally"})" "\n";
    QBuffer buffer(&text);
    buffer.open(QIODevice::ReadOnly);
    Recording recording;
    QString error;
    QVERIFY2(Recording::read(&buffer, QStringLiteral("mem"), &recording, &error), qPrintable(error));
    QCOMPARE(recording.events().size(), 6);
    QCOMPARE(recording.events().at(1).line, 3);
    const QList<Conversation> conversations = recording.conversations();
    QCOMPARE(conversations.size(), 2);
    QCOMPARE(conversations[0].peer, QStringLiteral("b"));
    QVERIFY(conversations[0].closedByServer());
    QCOMPARE(conversations[0].messagesOf(ProxyDirection::ServerToClient).constFirst().payload(), QByteArray("2"));
    QCOMPARE(conversations[1].peer, QStringLiteral("a"));
    QCOMPARE(conversations[1].startUs, 1);
    QVERIFY(!conversations[1].end);
    QCOMPARE(conversations[1].messagesOf(ProxyDirection::ClientToServer).size(), 1);
}

void RecordingFormatTest::writerKeepsEveryLineFromManyThreads()
{
    QTemporaryDir folder;
    const QString fileName = folder.filePath(QStringLiteral("lines.txt"));
    constexpr int threads = 4, perThread = 20000;
    {
        RecordingWriter writer;
        QString error;
        QVERIFY2(writer.open(fileName, &error), qPrintable(error));
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&writer, t] {
                for (int i = 0; i < perThread; ++i)
                    writer.append(QByteArray::number(t) + ' ' + QByteArray::number(i) + ' ' + QByteArray(100, 'x') + '\n');
            });
        }
        for (std::thread &worker : workers)
            worker.join();
        QVERIFY(writer.close(&error));
    }
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<int> next(threads, 0); // each thread's lines come whole, and in its order
    int lines = 0;
    while (!file.atEnd()) {
        const QList<QByteArray> parts = file.readLine().trimmed().split(' ');
        QCOMPARE(parts.size(), 3);
        const int t = parts[0].toInt();
        QCOMPARE(parts[1].toInt(), next[t]++);
        QCOMPARE(parts[2].size(), 100);
        ++lines;
    }
    QCOMPARE(lines, threads * perThread);
}

void RecordingFormatTest::writerReportsAFileItCannotCreate()
{
    RecordingWriter writer;
    QString error;
    QVERIFY(!writer.open(QStringLiteral("/nonexistent-folder/x.jsonl"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write /nonexistent-folder/x.jsonl: ")), qPrintable(error));
}

void RecordingFormatTest::recorderStampsInTimeOrder()
{
    QTemporaryDir folder;
    const QString fileName = folder.filePath(QStringLiteral("recorded.jsonl"));
    Recorder recorder;
    QString error;
    QVERIFY(recorder.start(fileName, CodecConfig::envelope(), QStringLiteral("test"), &error));
    std::vector<std::thread> workers;
    for (quint64 connection = 1; connection <= 3; ++connection) {
        workers.emplace_back([&recorder, connection] {
            recorder.connected(connection, QStringLiteral("peer"));
            for (int i = 0; i < 1000; ++i)
                recorder.message(connection, ProxyDirection::ClientToServer, netcore::Message::text(QStringLiteral("m")));
            recorder.disconnected(connection, netcore::DisconnectReason::PeerClosed, {}, true);
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QVERIFY(recorder.finish(&error));
    Recording recording; // load() refuses a file whose times go back
    QVERIFY2(Recording::load(fileName, &recording, &error), qPrintable(error));
    QCOMPARE(recording.header().recorder, QStringLiteral("test"));
    QCOMPARE(recording.events().size(), 3 * 1002);
    for (const Conversation &conversation : recording.conversations()) {
        QCOMPARE(conversation.messages.size(), 1000);
        QCOMPARE(conversation.end->side, QStringLiteral("client"));
    }
}

QTEST_GUILESS_MAIN(RecordingFormatTest)
#include "tst_recordingformat.moc"
