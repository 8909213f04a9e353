#include "eventspage.h"

#include "ui_eventspage.h"

#include <ui/widgets/readableicon.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/eventlogmodel.h>

#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStyle>

namespace wirebench {

EventsPage::EventsPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::EventsPage>())
{
    m_ui->setupUi(this);
    m_ui->clearEventsButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogResetButton));
    TableViews::setUpCompact(m_ui->eventView);
    connect(m_ui->clearEventsButton, &QToolButton::clicked, this, [this] {
        if (m_model)
            m_model->clear();
    });
    updateCount();
}

EventsPage::~EventsPage() = default;

void EventsPage::setEventModel(EventLogModel *model)
{
    m_model = model;
    m_ui->eventView->setModel(model);
    TableViews::setColumnWidths(m_ui->eventView, {96, 90, 220});
    // Follows the newest event only while scrolled to the bottom, like the log.
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_ui->eventView->verticalScrollBar();
        m_wasAtBottom = bar->value() >= bar->maximum();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_wasAtBottom)
            m_ui->eventView->scrollToBottom();
        updateCount();
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &EventsPage::updateCount);
    connect(model, &QAbstractItemModel::modelReset, this, &EventsPage::updateCount);
    updateCount();
}

void EventsPage::updateCount()
{
    m_ui->eventCountLabel->setText(tr("Events: %1").arg(m_model ? m_model->rowCount() : 0));
}

} // namespace wirebench
