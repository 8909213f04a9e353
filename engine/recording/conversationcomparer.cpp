#include "conversationcomparer.h"

#include <engine/recording/messagecomparison.h>

#include <QtCore/QMap>

namespace wirebench {

int ComparisonResult::conversationsWithDifferences() const
{
    QList<int> seen;
    for (const Difference &difference : differences) {
        if (!seen.contains(difference.conversation))
            seen.append(difference.conversation);
    }
    return int(seen.size());
}

QString ComparisonResult::summary() const
{
    const QString connections = conversations == 1 ? QStringLiteral("1 connection")
                                                   : QStringLiteral("%1 connections").arg(conversations);
    if (differences.isEmpty())
        return QStringLiteral("same: %1 %2 in %3").arg(messages)
            .arg(messages == 1 ? QStringLiteral("message") : QStringLiteral("messages"), connections);
    return QStringLiteral("%1 %2 in %3 of %4")
        .arg(differences.size())
        .arg(differences.size() == 1 ? QStringLiteral("difference") : QStringLiteral("differences"))
        .arg(conversationsWithDifferences())
        .arg(connections);
}

QList<netcore::Message> ConversationComparer::compared(const Conversation &conversation, ProxyDirection direction) const
{
    QList<netcore::Message> result;
    for (const netcore::Message &message : conversation.messagesOf(direction)) {
        if (!m_options.ignoreChannels.contains(message.channel()))
            result.append(message);
    }
    return result;
}

QList<Difference> ConversationComparer::compare(const Conversation &expected, const Conversation &got, int number,
                                                const QList<ProxyDirection> &directions) const
{
    QList<Difference> out;
    Difference prototype;
    prototype.conversation = number;
    prototype.connection = expected.connection;
    prototype.peer = expected.peer;
    for (const ProxyDirection direction : directions) {
        prototype.direction = direction;
        const QList<netcore::Message> wanted = compared(expected, direction);
        const QList<netcore::Message> came = compared(got, direction);
        if (!m_options.unordered) {
            QList<int> wantedPlaces, camePlaces;
            for (int i = 1; i <= wanted.size(); ++i)
                wantedPlaces.append(i);
            for (int i = 1; i <= came.size(); ++i)
                camePlaces.append(i);
            compareRun(wanted, wantedPlaces, came, camePlaces, prototype, &out);
            continue;
        }
        // Channel by channel, in the order channels first appear; numbers stay the direction's.
        QStringList channels;
        QMap<QString, QList<int>> wantedByChannel, cameByChannel;
        for (int i = 0; i < wanted.size(); ++i) {
            if (!channels.contains(wanted[i].channel()))
                channels.append(wanted[i].channel());
            wantedByChannel[wanted[i].channel()].append(i + 1);
        }
        for (int i = 0; i < came.size(); ++i) {
            if (!channels.contains(came[i].channel()))
                channels.append(came[i].channel());
            cameByChannel[came[i].channel()].append(i + 1);
        }
        for (const QString &channel : std::as_const(channels))
            compareRun(wanted, wantedByChannel.value(channel), came, cameByChannel.value(channel), prototype, &out);
    }

    if (expected.closedByServer() != got.closedByServer()) {
        Difference ending = prototype;
        ending.kind = Difference::Kind::Ending;
        ending.number = 0;
        if (expected.closedByServer()) {
            ending.what = tr("the server closed the connection in the recording (%1); this time it did not")
                              .arg(expected.end->reason);
        } else {
            const QString reason = got.end->detail.isEmpty() ? got.end->reason
                                                             : got.end->reason + QStringLiteral(": ") + got.end->detail;
            ending.what = tr("the server closed the connection (%1); in the recording it did not").arg(reason);
        }
        out.append(ending);
    }
    return out;
}

void ConversationComparer::compareRun(const QList<netcore::Message> &expected, const QList<int> &expectedPlaces,
                                      const QList<netcore::Message> &got, const QList<int> &gotPlaces,
                                      Difference prototype, QList<Difference> *out) const
{
    const qsizetype count = qMax(expectedPlaces.size(), gotPlaces.size());
    for (qsizetype i = 0; i < count; ++i) {
        Difference difference = prototype;
        if (i < expectedPlaces.size())
            difference.expected = expected[expectedPlaces[i] - 1];
        if (i < gotPlaces.size())
            difference.got = got[gotPlaces[i] - 1];
        difference.number = i < expectedPlaces.size() ? expectedPlaces[i] : gotPlaces[i];
        if (difference.expected && difference.got) {
            difference.what = MessageComparison::difference(*difference.expected, *difference.got,
                                                            m_options.ignorePointers);
            if (difference.what.isNull())
                continue;
            difference.kind = Difference::Kind::Changed;
        } else if (difference.expected) {
            difference.kind = Difference::Kind::Missing;
            difference.what = tr("did not come");
        } else {
            difference.kind = Difference::Kind::Unexpected;
            difference.what = tr("not in the recording");
        }
        out->append(difference);
    }
}

} // namespace wirebench
