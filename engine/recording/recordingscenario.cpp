#include "recordingscenario.h"

#include <engine/codecparameters.h>
#include <engine/recording/messagestep.h>
#include <engine/recording/recording.h>
#include <engine/scenarios/scenario.h>

#include <QtCore/QJsonArray>

#include <algorithm>

namespace wirebench {

namespace {

/** One step to be: a message of a conversation, or the server's close of it. */
struct Moment
{
    qint64 timeUs = 0;
    int line = 0;
    int client = 0;
    const RecordedEvent *event = nullptr;
    bool close = false;
};

QList<Moment> timeline(const QList<Conversation> &conversations, const QStringList &ignoreChannels,
                       QList<bool> *skipping)
{
    QList<Moment> moments;
    for (int client = 0; client < conversations.size(); ++client) {
        const Conversation &conversation = conversations.at(client);
        for (const RecordedEvent &event : conversation.messages) {
            if (event.direction == ProxyDirection::ServerToClient
                && ignoreChannels.contains(event.message.channel())) {
                (*skipping)[client] = true;
                continue;
            }
            moments.append({event.timeUs, event.line, client, &event, false});
        }
        if (conversation.closedByServer())
            moments.append({conversation.end->timeUs, conversation.end->line, client, &*conversation.end, true});
    }
    // The recording's order across connections; a line breaks a tie of the clock.
    std::stable_sort(moments.begin(), moments.end(), [](const Moment &a, const Moment &b) {
        return a.timeUs != b.timeUs ? a.timeUs < b.timeUs : a.line < b.line;
    });
    return moments;
}

void appendSleeps(qint64 gapMsecs, QJsonArray *steps)
{
    if (gapMsecs < RecordingScenario::minSleepMsecs)
        return;
    // A step sleeps an hour at most; a longer pause in the recording takes several.
    for (qint64 left = gapMsecs; left > 0; left -= ScenarioStep::maxMsecs)
        steps->append(QJsonObject{{QStringLiteral("sleep_ms"), qMin<qint64>(left, ScenarioStep::maxMsecs)}});
}

/** An expectation's wait: twice what the recording took, when the default would not be enough. */
void setTimeout(qint64 gapMsecs, QJsonObject *step)
{
    const qint64 wanted = 2 * gapMsecs;
    if (wanted <= Scenario::defaultTimeoutMsecs)
        return;
    const qint64 rounded = (wanted + 999) / 1000 * 1000;
    step->insert(QStringLiteral("timeout_ms"), qMin<qint64>(rounded, ScenarioStep::maxMsecs));
}

} // namespace

QJsonObject RecordingScenario::toScenario(const Recording &recording, const Options &options, QList<Note> *notes)
{
    const QList<Conversation> conversations = recording.conversations();
    const netcore::CodecConfig &codec = recording.header().codec;
    const bool named = conversations.size() > 1;
    QList<bool> skipping(conversations.size(), false);
    const QList<Moment> moments = timeline(conversations, options.ignoreChannels, &skipping);

    QJsonArray steps;
    // The runner connects every client before the first step, so gaps count from the first connection.
    qint64 lastUs = conversations.isEmpty() ? 0 : conversations.first().startUs;
    for (const Moment &moment : moments) {
        const qint64 gapMsecs = qMax<qint64>(0, (moment.timeUs - lastUs + 500) / 1000);
        lastUs = moment.timeUs;
        QJsonObject step;
        if (named)
            step.insert(QStringLiteral("as"), QStringLiteral("c%1").arg(moment.client + 1));
        const netcore::Message &message = moment.event->message;
        if (!moment.close && moment.event->direction == ProxyDirection::ClientToServer) {
            appendSleeps(gapMsecs, &steps);
            QString note;
            step.insert(QStringLiteral("send"), MessageStep::send(message, codec, &note));
            if (!note.isEmpty() && notes)
                notes->append({moment.line, note});
        } else {
            if (moment.close)
                step.insert(QStringLiteral("expect_closed"), true);
            else
                step.insert(QStringLiteral("expect"), MessageStep::expect(message, codec, options.ignorePointers));
            if (skipping.at(moment.client))
                step.insert(QStringLiteral("skip_others"), true);
            setTimeout(gapMsecs, &step);
        }
        steps.append(step);
    }

    QJsonObject scenario;
    if (!options.name.isEmpty())
        scenario.insert(QStringLiteral("name"), options.name);
    const QJsonObject codecObject = CodecParameters::toJson(codec);
    if (named) {
        QJsonObject clients;
        for (int i = 0; i < conversations.size(); ++i)
            clients.insert(QStringLiteral("c%1").arg(i + 1),
                           QJsonObject{{QStringLiteral("connect"), options.connect}, {QStringLiteral("codec"), codecObject}});
        scenario.insert(QStringLiteral("clients"), clients);
    } else {
        scenario.insert(QStringLiteral("connect"), options.connect);
        scenario.insert(QStringLiteral("codec"), codecObject);
    }
    scenario.insert(QStringLiteral("steps"), steps);
    return scenario;
}

} // namespace wirebench
