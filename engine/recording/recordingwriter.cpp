#include "recordingwriter.h"

#include <QtCore/QFile>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wirebench {

RecordingWriter::~RecordingWriter()
{
    close();
}

bool RecordingWriter::open(const QString &fileName, QString *error)
{
    close();
    const int descriptor = ::open(QFile::encodeName(fileName).constData(),
                                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (descriptor < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_fileName = fileName;
    m_descriptor = descriptor;
    m_stopping = false;
    m_error.clear();
    m_lostBytes = 0;
    m_thread = std::thread([this] { run(); });
    return true;
}

void RecordingWriter::append(const QByteArray &bytes)
{
    std::unique_lock lock(m_mutex);
    m_room.wait(lock, [this] { return m_pending.size() < maxPendingBytes || m_stopping; });
    if (!m_error.isEmpty() || m_stopping) {
        m_lostBytes += bytes.size();
        return;
    }
    m_pending += bytes;
    if (m_pending.size() >= chunkBytes)
        m_wake.notify_one();
}

void RecordingWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, std::chrono::milliseconds(flushIntervalMsecs),
                        [this] { return m_stopping || m_pending.size() >= chunkBytes; });
        QByteArray bytes;
        bytes.swap(m_pending);
        const bool stopping = m_stopping;
        m_room.notify_all();
        if (!bytes.isEmpty()) {
            lock.unlock(); // appenders fill the next buffer meanwhile
            const bool written = writeAll(bytes);
            lock.lock();
            if (!written)
                m_lostBytes += bytes.size();
        }
        if (stopping && m_pending.isEmpty())
            return;
    }
}

bool RecordingWriter::writeAll(const QByteArray &bytes)
{
    if (!m_error.isEmpty())
        return false;
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(m_descriptor, data, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const QString why = QString::fromLocal8Bit(std::strerror(written < 0 ? errno : ENOSPC));
            std::lock_guard lock(m_mutex);
            m_error = QStringLiteral("writing %1 failed: %2").arg(m_fileName, why);
            return false;
        }
        data += written;
        left -= written;
    }
    return true;
}

bool RecordingWriter::close(QString *error)
{
    if (m_descriptor < 0)
        return true;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_room.notify_all();
    m_thread.join();
    if (::close(m_descriptor) != 0 && m_error.isEmpty())
        m_error = QStringLiteral("writing %1 failed: %2").arg(m_fileName, QString::fromLocal8Bit(std::strerror(errno)));
    m_descriptor = -1;
    if (m_error.isEmpty())
        return true;
    if (error)
        *error = m_lostBytes > 0 ? QStringLiteral("%1 (%2 bytes of events not written)").arg(m_error).arg(m_lostBytes)
                                 : m_error;
    return false;
}

} // namespace wirebench
