#include <netcore/linecodec.h>

#include <netcore/bytebuffer.h>

#include <QtCore/QCoreApplication>

namespace netcore {

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::LineCodec)
};

QString lineTooLong(int maxLineLength)
{
    return Strings::tr("no delimiter within the maximum line length of %1 bytes").arg(maxLineLength);
}

/** How many trailing bytes of @p bytes could be the start of a delimiter still arriving. */
qsizetype partialDelimiterAtEnd(QByteArrayView bytes, QByteArrayView delimiter)
{
    for (qsizetype k = qMin(delimiter.size() - 1, bytes.size()); k > 0; --k) {
        if (bytes.last(k) == delimiter.first(k))
            return k;
    }
    return 0;
}

} // namespace

LineCodec::LineCodec(const CodecConfig &config) : Codec(config), m_configProblem(config.validate()) {}

DecodeResult::Status LineCodec::decodeFrame(ByteBuffer &input, MessageView *message, Error *error)
{
    if (!m_configProblem.isEmpty())
        return streamError(error, ErrorCode::InvalidConfiguration, m_configProblem);

    const QByteArrayView delimiter(m_config.delimiter);
    const QByteArrayView bytes = input.readable();
    // This codec is the buffer's only consumer; a buffer cleared behind its back restarts the scan.
    if (m_scanned > bytes.size())
        m_scanned = 0;

    // A delimiter starting beyond maxLineLength ends a line that is too long: never search further.
    const qsizetype window = qMin(bytes.size(), qsizetype(m_config.maxLineLength) + delimiter.size());
    const qsizetype lineEnd = bytes.first(window).indexOf(delimiter, m_scanned);
    if (lineEnd < 0) {
        // Exactly maxLineLength bytes plus the first bytes of the delimiter is still a good line.
        if (bytes.size() - partialDelimiterAtEnd(bytes, delimiter) > m_config.maxLineLength)
            return streamError(error, ErrorCode::LineTooLong, lineTooLong(m_config.maxLineLength));
        // The last delimiter.size() - 1 bytes may begin a delimiter completed by the next chunk.
        m_scanned = qMax<qsizetype>(0, bytes.size() - (delimiter.size() - 1));
        return DecodeResult::NeedMoreData;
    }
    m_scanned = 0;
    if (lineEnd > m_config.maxLineLength)
        return streamError(error, ErrorCode::LineTooLong, lineTooLong(m_config.maxLineLength));

    const qsizetype frameSize = lineEnd + delimiter.size();
    const QByteArrayView line = bytes.first(lineEnd);
    QString why;
    const ErrorCode code = validatePayload(m_config.payloadType, line, &why);
    const DecodeResult::Status status = code == ErrorCode::NoError
        ? DecodeResult::MessageReady
        : frameError(error, code, why, bytes.first(frameSize));
    if (status == DecodeResult::MessageReady)
        *message = MessageView(m_config.payloadType, line);
    input.consume(frameSize);
    return status;
}

/*
 * Only the length is checked. A payload that contains the delimiter is sent
 * as is and the peer sees several lines: on a test bench, sending exactly
 * the bytes the user typed (say, a pipelined multi-line command) is the point.
 */
bool LineCodec::encode(const MessageView &message, QByteArray &output, Error *error) const
{
    QString why;
    ErrorCode code = ErrorCode::NoError;
    if (!m_configProblem.isEmpty()) {
        code = ErrorCode::InvalidConfiguration;
        why = m_configProblem;
    } else if (message.payload().size() > m_config.maxLineLength) {
        code = ErrorCode::MessageTooLarge;
        why = Strings::tr("a line of %1 bytes exceeds the maximum of %2")
                  .arg(message.payload().size()).arg(m_config.maxLineLength);
    }
    if (code != ErrorCode::NoError) {
        if (error)
            *error = Error(code, why);
        return false;
    }
    output.append(message.payload()).append(m_config.delimiter);
    return true;
}

} // namespace netcore
