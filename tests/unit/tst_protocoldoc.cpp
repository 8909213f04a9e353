// docs/protocol.md against the codecs: every row of its vector tables, read
// from the document itself, so that the wire spec and the code cannot drift.

#include <tests/unit/codecfeeder.h>
#include <netcore/src/deliveryprotocol.h>
#include <tests/unit/vectortables.h>

#include <QtCore/QFile>
#include <QtTest/QTest>

using namespace netcore;
using vectortables::RowReader;

namespace {

/** A message and its bytes on the wire, both ways. */
struct Vector
{
    QString name;       ///< "table/vector", the row's name in the test output
    CodecConfig config;
    QByteArray wire;    ///< decodes to message
    Message message;
    Message sent;       ///< encodes to sentWire
    QByteArray sentWire;
};

/** Bad input and what the receiver reports. */
struct BadInput
{
    QString name;
    CodecConfig config;
    QByteArray wire;
    ErrorCode code = ErrorCode::NoError;
    bool stream = false;
};

// Codecs without channels must not send these: the doc says only the payload goes out.
const QString ignoredChannel = QStringLiteral("not sent");
constexpr quint32 ignoredId = 42;

CodecConfig envelopeConfig(RowReader &row)
{
    CodecConfig config = CodecConfig::envelope();
    if (const std::optional<qint64> max = row.integerOrDefault(QStringLiteral("max")))
        config.maxFrameSize = *max;
    return config;
}

CodecConfig lengthConfig(RowReader &row)
{
    CodecConfig config = CodecConfig::length(int(row.integer(QStringLiteral("length"))),
                                             row.order(QStringLiteral("order")));
    config.lengthFieldOffset = int(row.integer(QStringLiteral("offset")));
    config.lengthAdjustment = row.integer(QStringLiteral("adjust"));
    config.initialBytesToStrip = int(row.integer(QStringLiteral("strip")));
    config.payloadType = row.type(QStringLiteral("type"));
    if (const std::optional<qint64> max = row.integerOrDefault(QStringLiteral("max")))
        config.maxFrameSize = *max;
    return config;
}

CodecConfig lineConfig(RowReader &row)
{
    CodecConfig config = CodecConfig::line(row.bytes(QStringLiteral("delimiter")));
    config.payloadType = row.type(QStringLiteral("type"));
    if (const std::optional<qint64> max = row.integerOrDefault(QStringLiteral("max")))
        config.maxLineLength = int(*max);
    return config;
}

/** Envelope and delivery rows: the message is the whole contract, channel and id included. */
Vector envelopeVector(RowReader &row)
{
    const Message message(row.type(QStringLiteral("type")), row.bytes(QStringLiteral("payload")),
                          row.channel(QStringLiteral("channel")), quint32(row.integer(QStringLiteral("id"))));
    const QByteArray wire = row.bytes(QStringLiteral("wire"));
    return {row.name(), CodecConfig::envelope(), wire, message, message, wire};
}

/** The encoder's payload is what follows the field; the bytes before it go out as zeros. */
Vector lengthVector(RowReader &row)
{
    const CodecConfig config = lengthConfig(row);
    const QByteArray wire = row.bytes(QStringLiteral("wire"));
    const Message message(config.payloadType, row.bytes(QStringLiteral("payload")));
    const int offset = config.lengthFieldOffset;
    const Message sent(config.payloadType, wire.mid(offset + config.lengthFieldLength), ignoredChannel, ignoredId);
    return {row.name(), config, wire, message, sent, QByteArray(offset, '\0') + wire.mid(offset)};
}

Vector lineVector(RowReader &row)
{
    const CodecConfig config = lineConfig(row);
    const QByteArray wire = row.bytes(QStringLiteral("wire"));
    const QByteArray payload = row.bytes(QStringLiteral("payload"));
    return {row.name(), config, wire, Message(config.payloadType, payload),
            Message(config.payloadType, payload, ignoredChannel, ignoredId), wire};
}

/** Raw types nothing: any message goes out as its payload, and comes back binary. */
Vector rawVector(RowReader &row)
{
    const QByteArray wire = row.bytes(QStringLiteral("wire"));
    return {row.name(), CodecConfig::raw(), wire, Message::binary(wire),
            Message(MessageType::Text, wire, ignoredChannel, ignoredId), wire};
}

BadInput badInput(RowReader &row, const CodecConfig &config)
{
    return {row.name(), config, row.bytes(QStringLiteral("wire")), row.errorCode(QStringLiteral("error")),
            row.isStreamClass(QStringLiteral("class"))};
}

/** A frame that must decode after a frame error: the connection lives on. */
QByteArray goodFrame(const CodecConfig &config, Message *expected)
{
    const Message good(config.kind == CodecConfig::Kind::Envelope ? MessageType::Json : config.payloadType,
                       R"(["good"])", config.kind == CodecConfig::Kind::Envelope ? QStringLiteral("chat") : QString(),
                       config.kind == CodecConfig::Kind::Envelope ? 7 : 0);
    const QByteArray wire = Codec::create(config)->encode(good);
    *expected = good;
    if (config.kind == CodecConfig::Kind::Length)
        expected->setPayload(wire.mid(config.effectiveStrip()));
    return wire;
}

} // namespace

class TestProtocolDoc : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tableIsComplete_data();
    void tableIsComplete();
    void decode_data();
    void decode();
    void encode_data();
    void encode();
    void decodeError_data();
    void decodeError();
    void deliveryControlMessage_data();
    void deliveryControlMessage();

private:
    QHash<QString, vectortables::Table> m_tables;
    QList<Vector> m_vectors;
    QList<BadInput> m_badInputs;
    QList<Vector> m_deliveryVectors;
};

void TestProtocolDoc::initTestCase()
{
    QFile file(QStringLiteral(PROTOCOL_DOC));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + QLatin1String(": ") + file.errorString()));
    QStringList problems;
    m_tables = vectortables::readTables(QString::fromUtf8(file.readAll()), &problems);

    const auto rowsOf = [&](const QString &table, auto toValue, auto &into) {
        for (const vectortables::Row &row : m_tables.value(table).rows) {
            RowReader reader(row, &problems);
            auto value = toValue(reader);
            value.name = table + QLatin1Char('/') + value.name;
            if (const QString why = value.config.validate(); !why.isEmpty())
                reader.fail(QStringLiteral("(parameters)"), why);
            if (reader.ok())
                into.append(value);
        }
    };
    rowsOf(QStringLiteral("envelope"), envelopeVector, m_vectors);
    rowsOf(QStringLiteral("delivery"), envelopeVector, m_deliveryVectors);
    m_vectors += m_deliveryVectors; // envelope frames like any other
    rowsOf(QStringLiteral("length"), lengthVector, m_vectors);
    rowsOf(QStringLiteral("line"), lineVector, m_vectors);
    rowsOf(QStringLiteral("raw"), rawVector, m_vectors);
    rowsOf(QStringLiteral("envelope-errors"), [](RowReader &row) { return badInput(row, envelopeConfig(row)); },
           m_badInputs);
    rowsOf(QStringLiteral("length-errors"), [](RowReader &row) { return badInput(row, lengthConfig(row)); },
           m_badInputs);
    rowsOf(QStringLiteral("line-errors"), [](RowReader &row) { return badInput(row, lineConfig(row)); }, m_badInputs);
    const QString where = file.fileName() + QLatin1String(":\n  ");
    QVERIFY2(problems.isEmpty(), qPrintable(where + problems.join(QLatin1String("\n  "))));
}

void TestProtocolDoc::tableIsComplete_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<int>("minimumRows");
    QTest::addColumn<QStringList>("required");

    const QStringList vector{"vector"};
    const QStringList message{"type", "channel", "id", "payload", "wire"};
    const QStringList length{"offset", "length", "adjust", "strip", "order", "type", "max", "wire"};
    const QStringList line{"delimiter", "type", "max", "wire"};
    const QStringList outcome{"error", "class"};
    const QStringList payload{"payload"};

    // As many rows as the document has today: a parser that loses rows must not pass.
    QTest::newRow("envelope") << "envelope" << vector + message << 5
                              << QStringList{"text-hi", "json-chat-7", "binary-image", "cbor-state-1", "text-utf8-65535"};
    QTest::newRow("envelope-errors") << "envelope-errors"
                                     << vector + QStringList{"max", "wire"} + outcome << 21 << QStringList();
    QTest::newRow("length") << "length" << vector + length + payload << 14
                            << QStringList{"netty-1", "netty-2", "netty-3", "netty-4", "netty-5", "netty-6", "netty-7",
                                           "python-comms"};
    QTest::newRow("length-errors") << "length-errors" << vector + length + outcome << 8 << QStringList();
    QTest::newRow("line") << "line" << vector + line + payload << 8 << QStringList();
    QTest::newRow("line-errors") << "line-errors" << vector + line + outcome << 6 << QStringList();
    QTest::newRow("raw") << "raw" << vector + QStringList{"wire"} << 3 << QStringList();
    QTest::newRow("delivery") << "delivery" << vector + message << 3 << QStringList{"hello", "receipt"};
}

void TestProtocolDoc::tableIsComplete()
{
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    QFETCH(int, minimumRows);
    QFETCH(QStringList, required);

    QVERIFY2(m_tables.contains(table), "no such table in the document");
    const vectortables::Table &found = m_tables.value(table);
    QCOMPARE(found.columns, columns);
    QVERIFY2(found.rows.size() >= minimumRows,
             qPrintable(QStringLiteral("%1 rows, expected at least %2").arg(found.rows.size()).arg(minimumRows)));
    QStringList names;
    for (const vectortables::Row &row : found.rows)
        names.append(row.cells.value(QStringLiteral("vector")));
    for (const QString &name : required)
        QVERIFY2(names.contains(name), qPrintable(name));
}

void TestProtocolDoc::decode_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Message>("expected");
    for (const Vector &vector : std::as_const(m_vectors))
        QTest::newRow(qPrintable(vector.name)) << vector.config << vector.wire << vector.message;
}

void TestProtocolDoc::decode()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, wire);
    QFETCH(Message, expected);

    // Raw's messages are its reads: only a whole read is one message.
    QList<QList<QByteArray>> feeds{{wire}};
    if (config.kind != CodecConfig::Kind::Raw)
        feeds.append(codectest::bytewise(wire));
    for (const QList<QByteArray> &chunks : std::as_const(feeds)) {
        const std::unique_ptr<Codec> codec = Codec::create(config);
        const codectest::Fed fed = codectest::feed(*codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.results.size(), 1);
        QCOMPARE(fed.results.at(0).status, DecodeResult::MessageReady);
        QCOMPARE(fed.results.at(0).message, expected);
        QCOMPARE(fed.leftover, 0);
    }
    if (config.kind != CodecConfig::Kind::Raw) {
        const std::unique_ptr<Codec> codec = Codec::create(config);
        QCOMPARE(codectest::feed(*codec, wire + wire).messages(), QList<Message>({expected, expected}));
    }
}

void TestProtocolDoc::encode_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<Message>("sent");
    QTest::addColumn<QByteArray>("expected");
    for (const Vector &vector : std::as_const(m_vectors))
        QTest::newRow(qPrintable(vector.name)) << vector.config << vector.sent << vector.sentWire;
}

void TestProtocolDoc::encode()
{
    QFETCH(CodecConfig, config);
    QFETCH(Message, sent);
    QFETCH(QByteArray, expected);

    const std::unique_ptr<Codec> codec = Codec::create(config);
    QByteArray output("before");
    Error error;
    QVERIFY2(codec->encode(sent, output, &error), qPrintable(error.message));
    QCOMPARE(output, QByteArray("before") + expected);
}

void TestProtocolDoc::decodeError_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<bool>("stream");
    for (const BadInput &bad : std::as_const(m_badInputs))
        QTest::newRow(qPrintable(bad.name)) << bad.config << bad.wire << bad.code << bad.stream;
}

void TestProtocolDoc::decodeError()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, wire);
    QFETCH(ErrorCode, code);
    QFETCH(bool, stream);

    QCOMPARE(isStreamError(code), stream);
    // After a frame error the connection lives on: a good frame that follows still decodes.
    Message good;
    const QByteArray next = stream ? QByteArray() : goodFrame(config, &good);
    for (const QList<QByteArray> &chunks : {QList<QByteArray>{wire + next}, codectest::bytewise(wire + next)}) {
        const std::unique_ptr<Codec> codec = Codec::create(config);
        const codectest::Fed fed = codectest::feed(*codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.results.size(), stream ? 1 : 2);
        const DecodeResult &first = fed.results.at(0);
        QCOMPARE(first.status, stream ? DecodeResult::StreamError : DecodeResult::FrameError);
        QCOMPARE(first.error.code, code);
        if (stream)
            continue;
        QCOMPARE(first.error.rawFrame, wire);
        QCOMPARE(fed.results.at(1).status, DecodeResult::MessageReady);
        QCOMPARE(fed.results.at(1).message, good);
        QCOMPARE(fed.leftover, 0);
    }
}

void TestProtocolDoc::deliveryControlMessage_data()
{
    QTest::addColumn<Message>("message");
    for (const Vector &vector : std::as_const(m_deliveryVectors))
        QTest::newRow(qPrintable(vector.name)) << vector.message;
}

void TestProtocolDoc::deliveryControlMessage()
{
    QFETCH(Message, message);

    // Each row is a control message that netcore reads, and writes exactly so.
    QCOMPARE(message.channel(), DeliveryProtocol::channel());
    DeliveryProtocol::Hello hello;
    quint64 delivered = 0;
    if (DeliveryProtocol::parseHello(message, &hello))
        QCOMPARE(DeliveryProtocol::helloMessage(hello), message);
    else if (DeliveryProtocol::parseReceipt(message, &delivered))
        QCOMPARE(DeliveryProtocol::receiptMessage(delivered), message);
    else
        QFAIL("neither a hello nor a receipt");
}

QTEST_GUILESS_MAIN(TestProtocolDoc)
#include "tst_protocoldoc.moc"
