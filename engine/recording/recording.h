#pragma once

#include <engine/recording/conversation.h>
#include <engine/recording/recordingheader.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QList>

class QIODevice;

namespace wirebench {

/**
 * A recording file, read whole and checked (docs/recording.md): its header
 * and its events, in order. Events of names this build does not know are
 * kept as Kind::Other and otherwise left alone.
 */
class Recording
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::Recording)

public:
    /** Reads @p fileName; false, with @p error "FILE:LINE: what is wrong", if it is not a good recording. */
    static bool load(const QString &fileName, Recording *result, QString *error);
    /** The same from @p device, named @p name in errors. */
    static bool read(QIODevice *device, const QString &name, Recording *result, QString *error);

    const RecordingHeader &header() const { return m_header; }
    const QList<RecordedEvent> &events() const { return m_events; }
    /** Each connection's conversation, in the order they began; events of no connection (conn 0) are left out. */
    QList<Conversation> conversations() const;
    /** The time of the last event, µs. */
    qint64 durationUs() const { return m_events.isEmpty() ? 0 : m_events.constLast().timeUs; }

private:
    RecordingHeader m_header;
    QList<RecordedEvent> m_events;
};

} // namespace wirebench
