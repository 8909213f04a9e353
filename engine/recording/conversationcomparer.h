#pragma once

#include <engine/recording/conversation.h>
#include <engine/recording/difference.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

namespace wirebench {

/** What a comparison leaves out or lets pass, as replay and diff take it on the command line. */
struct CompareOptions
{
    QStringList ignorePointers; ///< JSON Pointers left out of json and cbor payloads (PointerMask)
    QStringList ignoreChannels; ///< messages on these channels are not compared at all
    bool unordered = false;     ///< only the order within each channel counts
};

/**
 * Compares what a conversation carried with what its recording says:
 * message by message in order (or channel by channel with unordered), by
 * MessageComparison, and how it ended: a connection the server closed in
 * the recording must be closed by the server again, and one it did not
 * close must not be.
 */
class ConversationComparer
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::ConversationComparer)

public:
    explicit ConversationComparer(CompareOptions options) : m_options(std::move(options)) {}

    const CompareOptions &options() const { return m_options; }

    /**
     * The differences of @p got from @p expected, the @p number -th conversation (from 1), in
     * the @p directions given (a replay compares s2c only: it sent c2s itself).
     */
    QList<Difference> compare(const Conversation &expected, const Conversation &got, int number,
                               const QList<ProxyDirection> &directions) const;
    /** The messages of @p conversation going @p direction that a comparison looks at. */
    QList<netcore::Message> compared(const Conversation &conversation, ProxyDirection direction) const;

private:
    /** Compares the messages at @p expectedPlaces and @p gotPlaces (positions from 1) pairwise. */
    void compareRun(const QList<netcore::Message> &expected, const QList<int> &expectedPlaces,
                    const QList<netcore::Message> &got, const QList<int> &gotPlaces, Difference prototype,
                    QList<Difference> *out) const;

    CompareOptions m_options;
};

} // namespace wirebench
