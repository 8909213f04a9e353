#pragma once

#include <ui/models/payloadlibrarymodel.h>

namespace wirebench {

/**
 * The composer's sequence: its steps, saved payloads in the order they are
 * sent (one row each; a payload may come more than once), and the delay
 * between them. Steps are copies: deleting a payload from the library
 * leaves the sequence whole.
 */
class PayloadSequenceModel : public PayloadLibraryModel
{
    Q_OBJECT
    Q_DISABLE_COPY(PayloadSequenceModel)

public:
    explicit PayloadSequenceModel(QObject *parent = nullptr);
    ~PayloadSequenceModel() override;

    /** Replaces the steps and the delay (a workspace was opened). */
    void setSequence(const PayloadSequence &sequence);
    PayloadSequence sequence() const;

    int delayMsecs() const { return m_delayMsecs; }
    /** Emits delayChanged() when it changes; a negative delay is 0. */
    void setDelayMsecs(int msecs);

signals:
    void delayChanged(int msecs);

private:
    int m_delayMsecs = PayloadSequence::defaultDelayMsecs;
};

} // namespace wirebench
