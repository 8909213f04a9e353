#include <engine/composedpayload.h>

#include <QtCore/QCborValue>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryFile>
#include <QtTest/QTest>

using namespace wirebench;

using Kind = PayloadBuilder::Kind;

Q_DECLARE_METATYPE(PayloadBuilder::Kind)

/** What the composer and a login accept as templates, and what they make of them. */
class tst_ComposedPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void rendersEachSeq();
    void withoutTemplatesTheMessageIsBuiltOnce();
    void jsonIsValidOnceFilledIn();
    void aFileHasNoTemplates();
    void savedPayloadsCompose();
};

void tst_ComposedPayload::validate_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("error"); // a part of it; empty: valid

    QTest::newRow("json seq as a number") << Kind::Json << QStringLiteral("{\"n\": {{seq}}}") << QString();
    QTest::newRow("json now in a string") << Kind::Json << QStringLiteral("{\"t\": \"{{now}}\"}") << QString();
    QTest::newRow("json random") << Kind::Json << QStringLiteral("[{{random:1-6}}]") << QString();
    QTest::newRow("json spaces in braces") << Kind::Json << QStringLiteral("[{{ seq }}]") << QString();
    QTest::newRow("text") << Kind::Text << QStringLiteral("n={{seq}}\\n") << QString();
    QTest::newRow("cbor") << Kind::Cbor << QStringLiteral("{{seq}}") << QString();
    QTest::newRow("hex") << Kind::Binary << QStringLiteral("0{{seq}}") << QString();
    QTest::newRow("unknown") << Kind::Json << QStringLiteral("{\"n\": {{sequence}}}")
                             << QStringLiteral("unknown template {{sequence}}: use {{seq}}, {{now}} or {{random:A-B}}");
    QTest::newRow("reply only: text") << Kind::Text << QStringLiteral("{{text}}")
                                      << QStringLiteral("{{text}} means nothing here");
    QTest::newRow("reply only: json pointer") << Kind::Json << QStringLiteral("{\"a\": \"{{json:/a}}\"}")
                                              << QStringLiteral("{{json:/a}} means nothing here");
    QTest::newRow("reply only: peer") << Kind::Text << QStringLiteral("{{peer}}") << QStringLiteral("{{peer}} means nothing");
    QTest::newRow("reply only: group") << Kind::Text << QStringLiteral("{{1}}") << QStringLiteral("{{1}} means nothing");
    QTest::newRow("bad range") << Kind::Text << QStringLiteral("{{random:9-1}}") << QStringLiteral("A <= B");
    QTest::newRow("unclosed") << Kind::Text << QStringLiteral("a {{seq") << QStringLiteral("without a closing");
    QTest::newRow("json invalid once filled in") << Kind::Json << QStringLiteral("{\"n\": {{seq}}")
                                                  << QStringLiteral("With the templates filled in: Invalid JSON");
    QTest::newRow("json scalar once filled in") << Kind::Json << QStringLiteral("{{seq}}")
                                                 << QStringLiteral("JSON must be an object or an array");
    QTest::newRow("hex odd once filled in") << Kind::Binary << QStringLiteral("{{seq}}")
                                             << QStringLiteral("With the templates filled in:");
}

void tst_ComposedPayload::validate()
{
    QFETCH(Kind, kind);
    QFETCH(QString, content);
    QFETCH(QString, error);
    const QString why = ComposedPayload::validate(kind, content);
    if (error.isEmpty())
        QVERIFY2(why.isEmpty(), qPrintable(why));
    else
        QVERIFY2(why.contains(error), qPrintable(why));
    ComposedPayload composed;
    QString composeError;
    QCOMPARE(ComposedPayload::compose(kind, content, QString(), 0, &composed, &composeError), error.isEmpty());
    QCOMPARE(composeError, why); // the same words when it is sent as when it was typed
}

void tst_ComposedPayload::rendersEachSeq()
{
    ComposedPayload composed;
    QString error;
    QVERIFY(ComposedPayload::compose(Kind::Text, QStringLiteral("#{{seq}} {{random:7-7}}"), QStringLiteral("c"), 3,
                                     &composed, &error));
    QVERIFY(composed.hasTemplates());
    for (const qint64 seq : {1, 2, 10, 1000}) {
        netcore::Message message;
        QVERIFY2(composed.render(seq, &message, &error), qPrintable(error));
        QCOMPARE(message, netcore::Message::text(QStringLiteral("#%1 7").arg(seq), QStringLiteral("c"), 3));
    }
}

void tst_ComposedPayload::withoutTemplatesTheMessageIsBuiltOnce()
{
    ComposedPayload composed;
    QString error;
    QVERIFY(ComposedPayload::compose(Kind::Binary, QStringLiteral("de ad"), QString(), 0, &composed, &error));
    QVERIFY(!composed.hasTemplates());
    netcore::Message message;
    QVERIFY(composed.render(42, &message, &error));
    QCOMPARE(message.payload(), QByteArray::fromHex("dead"));

    const ComposedPayload wrapped(netcore::Message::text(QStringLiteral("{{seq}} as it is")));
    QVERIFY(!wrapped.hasTemplates()); // a message given whole is sent whole
    QVERIFY(wrapped.render(5, &message, &error));
    QCOMPARE(message.toText(), QStringLiteral("{{seq}} as it is"));
}

void tst_ComposedPayload::jsonIsValidOnceFilledIn()
{
    ComposedPayload composed;
    QString error;
    QVERIFY(ComposedPayload::compose(Kind::Json, QStringLiteral("{\"n\": {{seq}}, \"at\": {{now}}}"), QString(), 0,
                                     &composed, &error));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    netcore::Message message;
    QVERIFY(composed.render(12, &message, &error));
    QCOMPARE(message.type(), netcore::MessageType::Json);
    const QJsonObject object = QJsonDocument::fromJson(message.payload()).object();
    QCOMPARE(object.value(QStringLiteral("n")).toInt(), 12);
    QVERIFY(qint64(object.value(QStringLiteral("at")).toDouble()) >= before);
}

void tst_ComposedPayload::aFileHasNoTemplates()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("{{seq}}");
    file.close();
    ComposedPayload composed;
    QString error;
    QVERIFY(ComposedPayload::compose(Kind::File, file.fileName(), QString(), 0, &composed, &error));
    QVERIFY(!composed.hasTemplates());
    netcore::Message message;
    QVERIFY(composed.render(3, &message, &error));
    QCOMPARE(message.payload(), QByteArrayLiteral("{{seq}}")); // the file's bytes, as they are
}

void tst_ComposedPayload::savedPayloadsCompose()
{
    ComposedPayload composed;
    QString error;
    QVERIFY(ComposedPayload::compose(SavedPayload{QStringLiteral("a"), QStringLiteral("cbor"), QStringLiteral("[{{seq}}]"),
                                                  QStringLiteral("c"), 1},
                                     &composed, &error));
    netcore::Message message;
    QVERIFY(composed.render(4, &message, &error));
    QCOMPARE(message.type(), netcore::MessageType::Cbor);
    QVERIFY(!ComposedPayload::compose(SavedPayload{QStringLiteral("b"), QStringLiteral("xml"), QStringLiteral("<a/>"), {}, 0},
                                      &composed, &error));
    QVERIFY2(error.contains(QLatin1String("xml")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ComposedPayload)
#include "tst_composedpayload.moc"
