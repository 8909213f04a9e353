#pragma once

#include <ui/models/failurenotices.h>

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>

class QStatusBar;

namespace wirebench {

class ComposerPage;

/**
 * What the window tells as it happens, in the status bar: a server or client
 * that failed, what became of the composer's Send (shown under its button
 * too) and the first refusal of its Send N or its sequence, and where an
 * export went.
 */
class StatusNotices
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::StatusNotices)

public:
    /** How long a failure is told (its row and the Events page keep it). */
    static constexpr int failureMsecs = 15000;
    static constexpr int reportMsecs = 10000;

    /** Both must outlive this. */
    StatusNotices(QStatusBar *bar, ComposerPage *composer);

    /** Bench::send()'s ticket for the composer's latest Send: its report is the one told. */
    void setComposerTicket(quint64 ticket) { m_composerTicket = ticket; }
    /** Tells what @p batch brought: failures that started, send reports, a load's or a sequence's first refusal. */
    void onBatch(const TrafficBatch &batch);
    void exported(int rows, const QString &path);
    /** A new workspace: its failures are news again. */
    void clear() { m_failures.clear(); }

private:
    void showSendReports(const TrafficBatch &batch);

    QStatusBar *const m_bar;
    ComposerPage *const m_composer;
    FailureNotices m_failures;
    quint64 m_composerTicket = 0;
    qint64 m_loadRefusalShown = 0;     ///< refusals of the current load already told
    qint64 m_sequenceRefusalShown = 0; ///< refusals of the current sequence already told
};

} // namespace wirebench
