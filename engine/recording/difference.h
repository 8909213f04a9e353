#pragma once

#include <engine/proxy/fault.h>

#include <netcore/message.h>

#include <QtCore/QString>

#include <optional>

namespace wirebench {

/** One way a conversation went otherwise than its recording. */
struct Difference
{
    enum class Kind {
        Changed,    ///< a message came, but not the recorded one
        Missing,    ///< a recorded message did not come
        Unexpected, ///< a message came that the recording does not have
        Ending,     ///< the connection ended otherwise: the server closed it, or did not
    };

    Kind kind = Kind::Changed;
    int conversation = 0;        ///< from 1: the conversation's place in the recording
    quint64 connection = 0;      ///< its "conn" in the recording
    QString peer;                ///< its client in the recording
    ProxyDirection direction = ProxyDirection::ServerToClient;
    int number = 0;              ///< from 1: the message's place among those that went this way
    std::optional<netcore::Message> expected;
    std::optional<netcore::Message> got;
    QString what;                ///< the difference in words: `at /ok: true, then false`
};

/** What a comparison of conversations found. */
struct ComparisonResult
{
    QList<Difference> differences;
    int conversations = 0;   ///< compared
    qint64 messages = 0;     ///< recorded messages compared
    QString error;           ///< why it could not be carried out (no connection to the target); empty if it was

    /** How many conversations have a difference. */
    int conversationsWithDifferences() const;
    /** "same: 12 messages in 3 connections" or "4 differences in 2 of 3 connections". */
    QString summary() const;
};

} // namespace wirebench
