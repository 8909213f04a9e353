#include "statussummary.h"

#include <ui/models/benchfeed.h>
#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <QtCore/QLocale>
#include <QtWidgets/QFrame>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>

namespace wirebench {

StatusSummary::StatusSummary(QWidget *parent)
    : QWidget(parent), m_countsLabel(new QLabel(this)), m_rowsLabel(new QLabel(this)), m_droppedLabel(new QLabel(this))
{
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_rowsLabel->setObjectName(QStringLiteral("rowsLabel"));
    m_droppedLabel->setObjectName(QStringLiteral("droppedLabel"));
    m_droppedLabel->setToolTip(tr("Log entries dropped because the window fell behind the traffic"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    for (QLabel *label : {m_countsLabel, m_rowsLabel, m_droppedLabel})
        layout->addWidget(label);
}

StatusSummary::~StatusSummary() = default;

void StatusSummary::refresh(const BenchSession &session)
{
    const QLocale locale;
    QString counts = tr("Servers: %1 · Clients: %2").arg(session.serverModel()->rowCount()).arg(session.clientModel()->rowCount());
    if (const int proxies = session.proxyModel()->rowCount(); proxies > 0) // most benches have none: no room taken
        counts += tr(" · Proxies: %1").arg(proxies);
    setText(m_countsLabel, counts);
    QString rows = tr("Log rows: %1").arg(locale.toString(session.logModel()->rowCount()));
    if (!session.isLogRecording())
        rows += tr(" (paused: %1 not recorded)").arg(locale.toString(session.unrecordedEntries()));
    setText(m_rowsLabel, rows);
    setText(m_droppedLabel, tr("Dropped: %1").arg(locale.toString(session.feed()->droppedEntries())));
}

void StatusSummary::setText(QLabel *label, const QString &text)
{
    // Cheap to compare, dear to relayout 30 times a second.
    if (label->text() != text)
        label->setText(text);
}

} // namespace wirebench
