#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace wirebench {

/**
 * Streams lines to a file from any number of threads: an append costs a
 * copy into a buffer, and a thread of the writer's own writes the buffer
 * out at least every flushIntervalMsecs, or at once once it holds a chunk.
 * So a crash loses at most the last fraction of a second, and a slow disk
 * holds back the appenders (past maxPendingBytes they wait) instead of
 * growing memory or dropping a line.
 *
 * A write that fails (a full disk) is kept as the error; what comes after
 * it is counted, not written, and close() says so.
 */
class RecordingWriter
{
public:
    static constexpr int flushIntervalMsecs = 200;
    static constexpr qsizetype chunkBytes = 256 * 1024;
    static constexpr qsizetype maxPendingBytes = 16 * 1024 * 1024;

    RecordingWriter() = default;
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter &) = delete;
    RecordingWriter &operator=(const RecordingWriter &) = delete;

    /** Creates (or truncates) @p fileName and starts writing; false, with @p error, if it cannot. */
    bool open(const QString &fileName, QString *error);
    bool isOpen() const { return m_descriptor >= 0; }
    /** Appends @p bytes (whole lines). Thread-safe; waits while maxPendingBytes wait already. */
    void append(const QByteArray &bytes);
    /**
     * Writes what is left and closes the file. False, with @p error naming the file, if a write
     * failed at any time. Safe to call twice; the destructor calls it.
     */
    bool close(QString *error = nullptr);

private:
    void run();
    bool writeAll(const QByteArray &bytes);

    QString m_fileName;
    int m_descriptor = -1;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake; ///< the writer thread: a chunk is ready, or stop
    std::condition_variable m_room; ///< appenders: the buffer was taken
    QByteArray m_pending;
    bool m_stopping = false;
    QString m_error;              ///< the first failed write; the writer's thread sets it
    qint64 m_lostBytes = 0;       ///< appended after the failure
};

} // namespace wirebench
