#pragma once

#include <engine/responders/jsonproblem.h>
#include <engine/responders/messagematcher.h>
#include <engine/responders/replytemplate.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QStringList>

namespace wirebench {

/**
 * One step of a scenario, read and checked (Scenario reads the file):
 *
 *     {"as": CLIENT, "send": REPLY}
 *     {"as": CLIENT, "expect": MATCH, "timeout_ms": N, "skip_others": true}
 *     {"as": CLIENT, "expect_closed": true, "timeout_ms": N, "skip_others": true}
 *     {"sleep_ms": N}
 *     {"repeat": N, "steps": [STEP, ...]}
 *
 * REPLY is a ReplyTemplate ({{seq}} counts the client's sends from 1), MATCH
 * a MessageMatcher. "as" may be left out when there is one client.
 */
struct ScenarioStep
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ScenarioStep)

public:
    enum class Action { Send, Expect, ExpectClosed, Sleep, Repeat };

    /** What a step may refer to: the scenario's clients, and its defaults. */
    struct Context
    {
        QStringList clients;      ///< names, in Scenario::clients() order
        bool namedClients = true; ///< false for the one client of a scenario's top: summaries leave its name out
        int defaultTimeoutMsecs = 0;
    };

    /** The longest "timeout_ms", "sleep_ms": an hour. */
    static constexpr int maxMsecs = 3600 * 1000;
    /** The most passes of a "repeat". */
    static constexpr int maxRepeat = 1000000;

    Action action = Action::Sleep;
    QString path;               ///< where the step is in the file: "steps[3].steps[1]"
    QString summary;            ///< what it does, in words: `expect alice channel "login"`
    int client = -1;            ///< send, expect, expect_closed: index into Context::clients
    ReplyTemplate reply;        ///< send
    MessageMatcher matcher;     ///< expect
    bool skipOthers = false;    ///< expect, expect_closed: messages that do not match are passed over
    int timeoutMsecs = 0;       ///< expect, expect_closed
    int sleepMsecs = 0;         ///< sleep_ms
    int repeatCount = 0;        ///< repeat
    QList<ScenarioStep> steps;  ///< repeat: what is repeated

    /**
     * Reads @p value, the step at @p path ("steps[3]"). False, with @p problem (its path
     * relative to @p value), for an unknown key, a wrong type, a client that is not there.
     */
    static bool parse(const QJsonValue &value, const QString &path, const Context &context, ScenarioStep *step,
                      JsonProblem *problem);
    /** Every step of the array @p value, at @p path ("steps"); @p problem's path is relative to @p value. */
    static bool parseList(const QJsonValue &value, const QString &path, const Context &context,
                          QList<ScenarioStep> *steps, JsonProblem *problem);
    /** Reads @p value, at @p key, as ms from @p min to maxMsecs. */
    static bool parseMsecs(const QJsonValue &value, const QString &key, int min, int *msecs, JsonProblem *problem);

private:
    static bool parseClient(const QJsonObject &object, const Context &context, ScenarioStep *step,
                            JsonProblem *problem);
    void summarize(const QJsonObject &object, const Context &context);
};

} // namespace wirebench
