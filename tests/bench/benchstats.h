#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QFile>

#include <algorithm>
#include <vector>

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

/** The value below which @p fraction of @p values lie (0.5: the median); 0 when empty. */
inline double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size())));
    return values[index];
}
