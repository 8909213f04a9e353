#include "recording.h"

#include <engine/recording/recordingline.h>

#include <QtCore/QFile>
#include <QtCore/QHash>

namespace wirebench {

QList<netcore::Message> Conversation::messagesOf(ProxyDirection direction) const
{
    QList<netcore::Message> result;
    for (const RecordedEvent &event : messages) {
        if (event.direction == direction)
            result.append(event.message);
    }
    return result;
}

bool Recording::load(const QString &fileName, Recording *result, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return read(&file, fileName, result, error);
}

bool Recording::read(QIODevice *device, const QString &name, Recording *result, QString *error)
{
    Recording recording;
    int lineNumber = 0;
    QString why;
    const auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1:%2: %3").arg(name).arg(lineNumber).arg(what);
        return false;
    };
    bool blankSeen = false;
    qint64 lastTime = 0;
    while (!device->atEnd()) {
        QByteArray line = device->readLine();
        ++lineNumber;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            blankSeen = true;
            continue;
        }
        if (blankSeen)
            return fail(tr("a blank line in the middle: every line is one event"));
        if (lineNumber == 1) {
            if (!RecordingHeader::parse(line, &recording.m_header, &why))
                return fail(why);
            continue;
        }
        RecordedEvent event;
        if (!RecordingLine::parse(line, &event, &why))
            return fail(why);
        if (event.timeUs < lastTime)
            return fail(tr("\"t_us\" %1 is before the line above's %2: events are in time order")
                            .arg(event.timeUs).arg(lastTime));
        lastTime = event.timeUs;
        event.line = lineNumber;
        recording.m_events.append(std::move(event));
    }
    if (lineNumber == 0) {
        lineNumber = 1;
        return fail(tr("empty: a recording starts with its header line"));
    }
    *result = std::move(recording);
    return true;
}

QList<Conversation> Recording::conversations() const
{
    QList<Conversation> result;
    QHash<quint64, qsizetype> index; // connection -> its place in result
    for (const RecordedEvent &event : m_events) {
        if (event.connection == 0)
            continue;
        auto it = index.find(event.connection);
        if (it == index.end() || result[*it].end) { // a connection id used again starts a new one
            Conversation conversation;
            conversation.connection = event.connection;
            conversation.startUs = event.timeUs;
            it = index.insert(event.connection, result.size());
            result.append(conversation);
        }
        Conversation &conversation = result[*it];
        switch (event.kind) {
        case RecordedEvent::Kind::Connected:
            conversation.peer = event.peer;
            break;
        case RecordedEvent::Kind::Message:
            conversation.messages.append(event);
            break;
        case RecordedEvent::Kind::Disconnected:
            conversation.end = event;
            break;
        case RecordedEvent::Kind::Error:
        case RecordedEvent::Kind::Other:
            break;
        }
    }
    return result;
}

} // namespace wirebench
