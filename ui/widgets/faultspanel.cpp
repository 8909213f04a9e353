#include "faultspanel.h"

#include "ui_faultspanel.h"

#include <ui/widgets/faultdialog.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/faultlistmodel.h>
#include <ui/models/faulttext.h>

#include <QtWidgets/QHeaderView>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleOptionViewItem>

namespace wirebench {

FaultsPanel::FaultsPanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::FaultsPanel>()), m_model(new FaultListModel(this))
{
    m_ui->setupUi(this);
    m_ui->addFaultButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogNewFolder));
    m_ui->editFaultButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogDetailedView));
    m_ui->removeFaultButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_TrashIcon));
    TableViews::setUpCompact(m_ui->faultView);
    m_ui->faultView->setModel(m_model);
    using C = FaultListModel;
    TableViews::setColumnSamples(m_ui->faultView, {{C::ParametersColumn, QStringLiteral("telemetry by 10000 ms")}});
    fitKindColumn();

    connect(m_ui->addFaultButton, &QToolButton::clicked, this, &FaultsPanel::addFault);
    connect(m_ui->editFaultButton, &QToolButton::clicked, this, &FaultsPanel::editFault);
    connect(m_ui->faultView, &QTableView::doubleClicked, this, &FaultsPanel::editFault);
    connect(m_ui->removeFaultButton, &QToolButton::clicked, this, &FaultsPanel::removeFault);
    connect(m_model, &FaultListModel::faultsEdited, this, &FaultsPanel::faultsChangeRequested);
    connect(m_ui->faultView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FaultsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FaultsPanel::updateActions);
    showProxy(0, {}, {}, 0, true);
}

FaultsPanel::~FaultsPanel() = default;

void FaultsPanel::fitKindColumn()
{
    // TableViews' samples have no check box: the kind's column measures its widest name beside one.
    QStyleOptionViewItem option;
    option.initFrom(m_ui->faultView);
    option.font = m_ui->faultView->font();
    option.fontMetrics = m_ui->faultView->fontMetrics();
    option.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasCheckIndicator;
    int width = m_ui->faultView->horizontalHeader()->sectionSizeHint(FaultListModel::KindColumn);
    const QList<Fault::Kind> kinds = FaultText::kinds();
    for (const Fault::Kind kind : kinds) {
        option.text = FaultText::kind(kind);
        width = qMax(width, style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), m_ui->faultView).width());
    }
    m_ui->faultView->setColumnWidth(FaultListModel::KindColumn, width);
}

void FaultsPanel::showProxy(int proxyId, const QString &name, const QList<Fault> &faults, quint64 seed,
                            bool messageFaults)
{
    // A snapshot taken before the bench applied the user's last switch still has the faults from
    // before it: only a change of the snapshot itself is shown, so a switch never flicks back.
    if (proxyId != m_proxyId || faults != m_shownFaults)
        m_model->setFaults(faults);
    if (proxyId != m_proxyId)
        m_ui->faultView->clearSelection();
    m_proxyId = proxyId;
    m_shownFaults = faults;
    m_messageFaults = messageFaults;
    m_ui->faultsLabel->setText(proxyId == 0 ? tr("Faults") : tr("Faults of <b>%1</b>").arg(name.toHtmlEscaped()));
    m_ui->seedLabel->setText(seed == 0 ? QString() : tr("Seed of this run: %1").arg(seed));
    m_ui->seedLabel->setVisible(seed != 0);
    setEnabled(proxyId != 0);
    updateActions();
}

void FaultsPanel::addFault()
{
    FaultDialog dialog(this);
    dialog.setWindowTitle(tr("Add Fault"));
    dialog.setMessageFaultsAllowed(m_messageFaults);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QList<Fault> faults = m_model->faults();
    faults.append(dialog.fault());
    m_model->setFaults(faults);
    emit faultsChangeRequested(faults);
}

void FaultsPanel::editFault()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    FaultDialog dialog(this);
    dialog.setWindowTitle(tr("Edit Fault"));
    dialog.setFault(m_model->fault(row));
    dialog.setMessageFaultsAllowed(m_messageFaults);
    if (dialog.exec() != QDialog::Accepted || dialog.fault() == m_model->fault(row))
        return;
    QList<Fault> faults = m_model->faults();
    faults[row] = dialog.fault();
    m_model->setFaults(faults);
    emit faultsChangeRequested(faults);
}

void FaultsPanel::removeFault()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    QList<Fault> faults = m_model->faults();
    faults.removeAt(row);
    m_model->setFaults(faults);
    emit faultsChangeRequested(faults);
}

int FaultsPanel::selectedRow() const
{
    const QModelIndexList rows = m_ui->faultView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void FaultsPanel::updateActions()
{
    const bool selected = selectedRow() >= 0;
    m_ui->editFaultButton->setEnabled(selected);
    m_ui->removeFaultButton->setEnabled(selected);
}

} // namespace wirebench
