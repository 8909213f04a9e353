#include <tests/engine/scriptrig.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace wirebench;
using namespace scripttest;
using netcore::Message;

/*
 * What goes wrong in a script, and that the server lives on: load errors
 * with file and line, throws and non-replies as ScriptErrors with the
 * script's line, runaway handlers interrupted while other connections are
 * served, an overflowing queue, the sandbox, and a responder destroyed
 * while its script spins.
 */
class tst_ScriptErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadErrorsNameFileAndLine_data();
    void loadErrorsNameFileAndLine();
    void topLevelTimeoutFailsTheLoad();
    void checkSyntax_data();
    void checkSyntax();
    void failuresAreReportedAndTheNextMessageAnswered_data();
    void failuresAreReportedAndTheNextMessageAnswered();
    void connectAndDisconnectHandlersFailToo();
    void runawayHandlerIsInterruptedWhileOthersAreServed();
    void overflowIsReportedNotQueued();
    void scriptsReachNothingOutside();
    void destroyingStopsASpinningScript();
};

void tst_ScriptErrors::loadErrorsNameFileAndLine_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("error"); // after "FILE:"
    QTest::newRow("syntax error") << QStringLiteral("function onMessage(conn, msg) {\n  return {text: 1};\n  var = 2;\n}\n")
                                  << QStringLiteral("3: SyntaxError: ");
    QTest::newRow("throw at the top level") << QStringLiteral("var a = 1;\nnotDefined.x = 2;\n")
                                            << QStringLiteral("2: ReferenceError: notDefined is not defined");
    QTest::newRow("a thrown value, not an Error") << QStringLiteral("throw \"no\";\n")
                                                  << QStringLiteral(" uncaught exception: no");
}

void tst_ScriptErrors::loadErrorsNameFileAndLine()
{
    QFETCH(QString, source);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("bad.js"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(source.toUtf8());
    file.close();

    QString why;
    QVERIFY(!ScriptResponder::load(fileName, 1000, &why));
    QVERIFY2(why.startsWith(fileName + QLatin1Char(':') + error), qPrintable(why));

    QVERIFY(!ScriptResponder::load(dir.filePath(QStringLiteral("missing.js")), 1000, &why));
    QVERIFY2(why.startsWith(dir.filePath(QStringLiteral("missing.js: cannot read: "))), qPrintable(why));
}

void tst_ScriptErrors::topLevelTimeoutFailsTheLoad()
{
    QString why;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!ScriptResponder::fromSource(QStringLiteral("var i = 0;\nwhile (true) { ++i; }\n"), QStringLiteral("spin.js"),
                                         200, &why));
    QCOMPARE(why, QStringLiteral("spin.js: the top level timed out after 200 ms"));
    QVERIFY(timer.elapsed() >= 200); // not before its time; how much later depends on the machine
}

void tst_ScriptErrors::checkSyntax_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("result");
    QTest::newRow("fine") << QStringLiteral("function onMessage(c, m) {\n  return {text: m.text};\n}\n") << QString();
    QTest::newRow("fine, though it would throw") << QStringLiteral("throw 1;") << QString();
    QTest::newRow("line 2") << QStringLiteral("var a = 1;\nvar = 2;\n") << QStringLiteral("line 2: ");
    QTest::newRow("unclosed, at its last line") << QStringLiteral("function f() {\n  return 1;\n") << QStringLiteral("line 3: ");
    // Closing the wrapper early runs the rest, but in a bare engine and only for a moment.
    QTest::newRow("breaking out") << QStringLiteral("}); while (true) {} (function () {") << QString();
}

void tst_ScriptErrors::checkSyntax()
{
    QFETCH(QString, source);
    QFETCH(QString, result);
    const QString checked = ScriptResponder::checkSyntax(source);
    QVERIFY2(result.isEmpty() ? checked.isEmpty() : checked.startsWith(result), qPrintable(checked));
    QVERIFY(result.isEmpty() || checked.size() > result.size()); // with the parser's message
}

void tst_ScriptErrors::failuresAreReportedAndTheNextMessageAnswered_data()
{
    QTest::addColumn<QString>("handler"); // the body of onMessage when msg.text is "bad", from line 3
    QTest::addColumn<QString>("message");
    QTest::newRow("TypeError") << QStringLiteral("var o;\n return o.x;")
                               << QStringLiteral("onMessage: TypeError: Cannot read property 'x' of undefined (line 4)");
    QTest::newRow("thrown Error") << QStringLiteral("\n\n throw new RangeError(\"too far\");")
                                  << QStringLiteral("onMessage: RangeError: too far (line 5)");
    QTest::newRow("thrown string") << QStringLiteral("throw \"boom\";")
                                   << QStringLiteral("onMessage: Error: uncaught exception: boom");
    QTest::newRow("two payload keys")
        << QStringLiteral("return {text: \"a\", hex: \"00\"};")
        << QStringLiteral("onMessage returned what is not a reply: a reply has exactly one payload key, this one has ");
    QTest::newRow("a number") << QStringLiteral("return 5;")
                              << QStringLiteral("onMessage returned what is not a reply: a reply is an object");
    QTest::newRow("a bad one in an array")
        << QStringLiteral("return [{text: \"a\"}, {text: \"b\", nope: 1}];")
        << QStringLiteral("onMessage returned what is not a reply: [1]: /nope: unknown reply key \"nope\"");
    QTest::newRow("conn.send of no reply")
        << QStringLiteral("\n conn.send({json: 5});")
        << QStringLiteral("onMessage: TypeError: send: /json: \"json\" must be an object or an array");
    QTest::newRow("an after() callback that throws")
        << QStringLiteral("conn.after(0, function () {\n  null.x;\n });\n return;")
        << QStringLiteral("after: TypeError: Cannot read property 'x' of null (line 4)");
    QTest::newRow("after without a function")
        << QStringLiteral("conn.after(10, \"text\");")
        << QStringLiteral("onMessage: TypeError: after: the second argument must be a function (line 3)");
}

void tst_ScriptErrors::failuresAreReportedAndTheNextMessageAnswered()
{
    QFETCH(QString, handler);
    QFETCH(QString, message);
    ScriptRig rig;
    QVERIFY2(rig.start(QStringLiteral("function onMessage(conn, msg) {\n if (msg.text === \"bad\") {\n")
                       + handler + QStringLiteral("\n }\n return {text: \"ok \" + msg.text};\n}\n")),
             qPrintable(rig.error));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("bad")));
    client->send(Message::text(QStringLiteral("next")));
    QCOMPARE(nextText(*client), QStringLiteral("ok next")); // "bad" got no reply, "next" did
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.failures.size(), 1, testing::scaled(5000));
    const HostRecorder::Report failure = rig.recorder.failures.at(0);
    QCOMPARE(failure.connection, rig.newestConnection());
    QCOMPARE(failure.code, QStringLiteral("ScriptError"));
    QVERIFY2(failure.message.startsWith(message), qPrintable(failure.message));
}

void tst_ScriptErrors::connectAndDisconnectHandlersFailToo()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral("function onConnect(c) { throw new Error(\"no greeting\"); }\n"
                                     "function onMessage(c, m) { return {text: \"ok\"}; }\n"
                                     "function onDisconnect(c, reason) { throw new Error(\"no farewell\"); }\n")));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("m")));
    QCOMPARE(nextText(*client), QStringLiteral("ok")); // the connection lives on
    const quint64 id = rig.newestConnection();
    client->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.failures.size(), 2, testing::scaled(5000));
    QCOMPARE(rig.recorder.failures.at(0).connection, id);
    QCOMPARE(rig.recorder.failures.at(0).message, QStringLiteral("onConnect: Error: no greeting (line 1)"));
    QCOMPARE(rig.recorder.failures.at(1).connection, id);
    QCOMPARE(rig.recorder.failures.at(1).message, QStringLiteral("onDisconnect: Error: no farewell (line 3)"));
}

void tst_ScriptErrors::runawayHandlerIsInterruptedWhileOthersAreServed()
{
    const int timeout = testing::scaled(300);
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
function onMessage(conn, msg) {
  if (msg.text === "spin") { console.log("spinning"); while (true) {} }
  return {text: "ok " + msg.text};
}
)JS"),
                      timeout));
    auto spinning = rig.connect();
    QVERIFY(spinning);
    QVERIFY(testing::waitForConnections(rig.server, 1));
    const quint64 spinningId = rig.newestConnection();
    auto other = rig.connect();
    QVERIFY(other);

    spinning->send(Message::text(QStringLiteral("spin")));
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.lines.size(), 1, testing::scaled(5000));
    other->send(Message::text(QStringLiteral("b"))); // waits behind the spin, then is answered
    spinning->send(Message::text(QStringLiteral("a")));
    QCOMPARE(nextText(*other), QStringLiteral("ok b"));
    QCOMPARE(nextText(*spinning), QStringLiteral("ok a")); // the spinner's connection lives on
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.failures.size(), 1, testing::scaled(5000));
    QCOMPARE(rig.recorder.failures.at(0).connection, spinningId);
    QCOMPARE(rig.recorder.failures.at(0).code, QStringLiteral("ScriptError"));
    QCOMPARE(rig.recorder.failures.at(0).message, QStringLiteral("onMessage: timed out after %1 ms").arg(timeout));
}

void tst_ScriptErrors::overflowIsReportedNotQueued()
{
    ScriptRig rig;
    // Stopped by the responder's end, not by its timeout: the queue fills behind it meanwhile.
    QVERIFY(rig.start(QStringLiteral(
                          "function onMessage(conn, msg) { if (msg.text === \"spin\") { console.log(\"spinning\"); while (true) {} } }"),
                      600000));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("spin")));
    QTRY_COMPARE_WITH_TIMEOUT(rig.recorder.lines.size(), 1, testing::scaled(5000));
    client->setMaxPendingMessages(100000);
    const Message small = Message::text(QStringLiteral("x"));
    for (int i = 0; i < 64 * 1024 + 100; ++i)
        QVERIFY(client->send(small));
    QTRY_VERIFY_WITH_TIMEOUT(!rig.recorder.failures.isEmpty(), testing::scaled(20000));
    QCOMPARE(rig.recorder.failures.at(0).code, QStringLiteral("ScriptError"));
    QVERIFY2(rig.recorder.failures.at(0).message.startsWith(QStringLiteral("the script is behind (65536 messages")),
             qPrintable(rig.recorder.failures.at(0).message));
    QCOMPARE(rig.recorder.failures.size(), 1); // once, not once per dropped message
}

void tst_ScriptErrors::scriptsReachNothingOutside()
{
    ScriptRig rig;
    QVERIFY(rig.start(QStringLiteral(R"JS(
var reachable = [];
["XMLHttpRequest", "require", "process", "Qt", "qsTr", "print", "gc", "importModule", "WebSocket", "fetch"]
    .forEach(function (name) { if (typeof this[name] !== "undefined") reachable.push(name); }, this);
var imports;
try { eval("import('/etc/passwd')"); imports = "ran"; } catch (e) { imports = e.name; }
function onMessage(conn, msg) { return {json: {reachable: reachable, imports: imports}}; }
)JS")));
    auto client = rig.connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("?")));
    const QJsonObject answer = next(*client).toJson().object();
    QCOMPARE(answer.value(QStringLiteral("reachable")).toArray(), QJsonArray());
    QCOMPARE(answer.value(QStringLiteral("imports")).toString(), QStringLiteral("SyntaxError"));
}

void tst_ScriptErrors::destroyingStopsASpinningScript()
{
    auto rig = std::make_unique<ScriptRig>();
    QVERIFY(rig->start(QStringLiteral("function onMessage(c, m) { console.log(\"spinning\"); while (true) {} }"), 600000));
    auto client = rig->connect();
    QVERIFY(client);
    client->send(Message::text(QStringLiteral("spin")));
    QTRY_COMPARE_WITH_TIMEOUT(rig->recorder.lines.size(), 1, testing::scaled(5000));
    QElapsedTimer timer;
    timer.start();
    rig.reset(); // closes the server, then the host drops the responder, which interrupts the script
    QVERIFY(timer.elapsed() < testing::scaled(5000));
}

QTEST_GUILESS_MAIN(tst_ScriptErrors)
#include "tst_scripterrors.moc"
