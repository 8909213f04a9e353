#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QFile>

/** A field of /proc/self/status in KiB ("VmHWM" = peak RSS, "VmRSS"); 0 if unknown. */
inline qint64 procStatusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}
