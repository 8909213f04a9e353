#pragma once

// Log entries for the model tests: built by hand, no bench needed.

#include <engine/benchtypes.h>

#include <QtCore/QList>

namespace testdata {

/** A fixed local time, so "hh:mm:ss.zzz" reads the same in every time zone. */
inline QDateTime localTime(int msecsAfter = 0)
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 34, 56, 789)).addMSecs(msecsAfter);
}

inline wirebench::LogEntry entry(qint64 sequence, wirebench::Direction direction, const QString &endpoint,
                                 const netcore::Message &message)
{
    wirebench::LogEntry entry;
    entry.sequence = sequence;
    entry.time = localTime(int(sequence));
    entry.direction = direction;
    entry.endpoint = endpoint;
    entry.message = message;
    entry.size = message.payload().size();
    return entry;
}

/** Text entries numbered @p first .. first + count - 1 ("message <n>" on channel "chat"). */
inline QList<wirebench::LogEntry> numbered(qint64 first, int count)
{
    QList<wirebench::LogEntry> entries;
    for (qint64 n = first; n < first + count; ++n)
        entries.append(entry(n, wirebench::Direction::In, QStringLiteral("client 1"),
                             netcore::Message::text(QStringLiteral("message %1").arg(n), QStringLiteral("chat"))));
    return entries;
}

} // namespace testdata
