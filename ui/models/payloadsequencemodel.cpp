#include "payloadsequencemodel.h"

namespace wirebench {

PayloadSequenceModel::PayloadSequenceModel(QObject *parent) : PayloadLibraryModel(parent) {}

PayloadSequenceModel::~PayloadSequenceModel() = default;

void PayloadSequenceModel::setSequence(const PayloadSequence &sequence)
{
    setPayloads(sequence.steps);
    setDelayMsecs(sequence.delayMsecs);
}

PayloadSequence PayloadSequenceModel::sequence() const
{
    PayloadSequence sequence;
    sequence.steps = payloads();
    sequence.delayMsecs = m_delayMsecs;
    return sequence;
}

void PayloadSequenceModel::setDelayMsecs(int msecs)
{
    msecs = qMax(0, msecs);
    if (msecs == m_delayMsecs)
        return;
    m_delayMsecs = msecs;
    emit delayChanged(msecs);
}

} // namespace wirebench
