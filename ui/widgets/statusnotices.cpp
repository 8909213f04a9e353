#include "statusnotices.h"

#include <ui/widgets/composerpage.h>

#include <QtCore/QDir>
#include <QtCore/QLocale>
#include <QtWidgets/QStatusBar>

namespace wirebench {

StatusNotices::StatusNotices(QStatusBar *bar, ComposerPage *composer) : m_bar(bar), m_composer(composer) {}

void StatusNotices::onBatch(const TrafficBatch &batch)
{
    showSendReports(batch);
    // A failure's reason where the user looks: its row says it too, the status bar says it now.
    if (const QString failure = m_failures.take(batch.servers, batch.clients); !failure.isEmpty())
        m_bar->showMessage(failure, failureMsecs);
}

void StatusNotices::exported(int rows, const QString &path)
{
    const QString where = QDir::toNativeSeparators(path);
    m_bar->showMessage(rows == 1 ? tr("Exported 1 row to %1").arg(where)
                                 : tr("Exported %1 rows to %2").arg(QLocale().toString(rows), where),
                       reportMsecs);
}

void StatusNotices::showSendReports(const TrafficBatch &batch)
{
    for (const SendReport &report : batch.sends) {
        if (report.ticket != m_composerTicket)
            continue; // the demo's, or a script's
        m_composer->showSendReport(report.messages);
        if (report.messages.refused > 0)
            m_bar->showMessage(tr("Send: %1").arg(report.messages.refusalSummary()), reportMsecs);
    }
    const qint64 refused = batch.load.messages.refused;
    if (refused > 0 && m_loadRefusalShown == 0)
        m_bar->showMessage(tr("Send N: %1").arg(batch.load.messages.refusalSummary()), reportMsecs);
    m_loadRefusalShown = batch.load.running || refused > 0 ? refused : 0;
    const qint64 refusedSteps = batch.sequence.messages.refused;
    if (refusedSteps > 0 && m_sequenceRefusalShown == 0)
        m_bar->showMessage(tr("Sequence: %1").arg(batch.sequence.messages.refusalSummary()), reportMsecs);
    m_sequenceRefusalShown = batch.sequence.running || refusedSteps > 0 ? refusedSteps : 0;
}

} // namespace wirebench
