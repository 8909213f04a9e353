#include "proxiespage.h"

#include "ui_proxiespage.h"

#include <ui/widgets/confirmation.h>
#include <ui/widgets/faultspanel.h>
#include <ui/widgets/proxydialog.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/proxyconnectionlistmodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/recordingmark.h>

#include <QtWidgets/QStyle>

#include <algorithm>

namespace wirebench {

ProxiesPage::ProxiesPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ProxiesPage>()), m_connectionModel(new ProxyConnectionListModel(this))
{
    m_ui->setupUi(this);
    m_ui->addProxyButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogNewFolder));
    m_ui->editProxyButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogDetailedView));
    m_ui->startProxyButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPlay));
    m_ui->stopProxyButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaStop));
    m_ui->removeProxyButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_TrashIcon));
    m_ui->kickProxyConnectionButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogCancelButton));
    m_ui->recordProxyButton->setIcon(RecordingMark::icon());

    TableViews::setUpCompact(m_ui->proxyView);
    TableViews::setUpCompact(m_ui->proxyConnectionView);
    m_ui->proxyConnectionView->setModel(m_connectionModel);
    using C = ProxyConnectionListModel;
    TableViews::setColumnSamples(m_ui->proxyConnectionView, {{C::IdColumn, QStringLiteral("1000")},
                                                             {C::ClientColumn, QStringLiteral("127.0.0.1:65535")},
                                                             {C::UpstreamColumn, QStringLiteral("127.0.0.1:65535")},
                                                             {C::MessagesC2sColumn, TableViews::countSample()},
                                                             {C::MessagesS2cColumn, TableViews::countSample()},
                                                             {C::BytesC2sColumn, TableViews::bytesSample()}});
    m_ui->proxiesSplitter->setStretchFactor(0, 4);
    m_ui->proxiesSplitter->setStretchFactor(1, 4);
    m_ui->proxiesSplitter->setStretchFactor(2, 3);

    connect(m_ui->addProxyButton, &QToolButton::clicked, this, &ProxiesPage::addProxy);
    connect(m_ui->editProxyButton, &QToolButton::clicked, this, &ProxiesPage::onEdit);
    connect(m_ui->proxyView, &QTableView::doubleClicked, this, &ProxiesPage::onEdit);
    connect(m_ui->startProxyButton, &QToolButton::clicked, this, [this] { emit startProxyRequested(selectedProxyId()); });
    connect(m_ui->stopProxyButton, &QToolButton::clicked, this, [this] { emit stopProxyRequested(selectedProxyId()); });
    connect(m_ui->removeProxyButton, &QToolButton::clicked, this, &ProxiesPage::onRemove);
    connect(m_ui->recordProxyButton, &QToolButton::clicked, this, &ProxiesPage::onRecord);
    connect(m_ui->kickProxyConnectionButton, &QToolButton::clicked, this,
            [this] { emit kickRequested(selectedProxyId(), selectedConnections()); });
    connect(m_ui->proxyConnectionView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProxiesPage::updateActions);
    connect(m_ui->faultsPanel, &FaultsPanel::faultsChangeRequested, this,
            [this](const QList<Fault> &faults) { emit faultsChangeRequested(selectedProxyId(), faults); });
    updateActions();
}

ProxiesPage::~ProxiesPage() = default;

void ProxiesPage::setProxyModel(ProxyListModel *model)
{
    m_proxyModel = model;
    m_ui->proxyView->setModel(model);
    using C = ProxyListModel;
    TableViews::setColumnSamples(m_ui->proxyView, {{C::NameColumn, QStringLiteral("proxy 10")},
                                                   {C::ListenColumn, QStringLiteral("127.0.0.1:65535")},
                                                   {C::UpstreamColumn, QStringLiteral("127.0.0.1:65535")},
                                                   {C::CodecColumn, QStringLiteral("envelope")},
                                                   {C::StateColumn, tr("listening")}});
    TableViews::makeRoomForIcon(m_ui->proxyView, C::NameColumn);
    connect(m_ui->proxyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_ui->proxyConnectionView->clearSelection();
        refresh();
        emit selectionChanged();
    });
    // A proxy just added is the one the user wants to look at.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int, int last) { m_ui->proxyView->setCurrentIndex(m_proxyModel->index(last, 0)); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ProxiesPage::refresh);
    connect(model, &QAbstractItemModel::dataChanged, this, &ProxiesPage::refresh);
    refresh();
}

int ProxiesPage::selectedProxyId() const
{
    if (!m_proxyModel)
        return 0;
    const QModelIndex current = m_ui->proxyView->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(ProxyListModel::ProxyIdRole).toInt() : 0;
}

ProxyState ProxiesPage::selectedProxy() const
{
    const int id = selectedProxyId();
    return id > 0 ? m_proxyModel->proxy(m_proxyModel->rowOfProxy(id)) : ProxyState();
}

QList<quint64> ProxiesPage::selectedConnections() const
{
    QList<quint64> ids;
    const QModelIndexList rows = m_ui->proxyConnectionView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(ProxyConnectionListModel::ConnectionIdRole).toULongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ProxiesPage::selectProxy(int id)
{
    const int row = m_proxyModel ? m_proxyModel->rowOfProxy(id) : -1;
    if (row >= 0)
        m_ui->proxyView->setCurrentIndex(m_proxyModel->index(row, 0));
}

void ProxiesPage::setDefaultUpstream(const QString &host, quint16 port, const netcore::CodecConfig &codec)
{
    m_defaultSpec.upstreamHost = host;
    m_defaultSpec.upstreamPort = port;
    m_defaultSpec.codec = codec;
}

void ProxiesPage::refresh()
{
    const ProxyState proxy = selectedProxy();
    m_connectionModel->setConnections(proxy.connections);
    if (proxy.id == 0)
        m_ui->proxyConnectionsLabel->setText(tr("No proxy selected"));
    else
        m_ui->proxyConnectionsLabel->setText(tr("Connections through <b>%1</b>: %2")
                                            .arg(proxy.spec.name.toHtmlEscaped())
                                            .arg(proxy.connections.size()));
    m_ui->faultsPanel->showProxy(proxy.id, proxy.spec.name, proxy.spec.faults, proxy.seed,
                                 proxy.spec.codec.kind != netcore::CodecConfig::Kind::Raw);
    updateActions();
}

void ProxiesPage::addProxy()
{
    ProxyDialog dialog(this);
    dialog.setWindowTitle(tr("Add Proxy"));
    dialog.setSpec(m_defaultSpec);
    if (dialog.exec() == QDialog::Accepted)
        emit addProxyRequested(dialog.spec());
}

void ProxiesPage::onEdit()
{
    const ProxyState proxy = selectedProxy();
    if (proxy.id == 0)
        return;
    ProxyDialog dialog(this);
    dialog.setWindowTitle(tr("Edit %1").arg(proxy.spec.name));
    dialog.setSpec(proxy.spec);
    if (dialog.exec() != QDialog::Accepted || dialog.spec() == proxy.spec)
        return;
    const auto connections = proxy.connections.size();
    if (proxy.listening && connections > 0
        && !Confirmation::ask(this, tr("Restart %1").arg(proxy.spec.name),
                              tr("%1 restarts to apply the new settings, and its %n connection(s) are ended.", nullptr,
                                 int(connections))
                                  .arg(proxy.spec.name),
                              tr("Restart")))
        return;
    emit updateProxyRequested(proxy.id, dialog.spec());
}

void ProxiesPage::onRemove()
{
    const ProxyState proxy = selectedProxy();
    if (proxy.id == 0)
        return;
    const auto connections = proxy.connections.size();
    if (connections > 0
        && !Confirmation::ask(this, tr("Remove %1").arg(proxy.spec.name),
                              tr("%1 is removed, and its %n connection(s) are ended.", nullptr, int(connections))
                                  .arg(proxy.spec.name),
                              tr("Remove")))
        return;
    emit removeProxyRequested(proxy.id);
}

void ProxiesPage::onRecord(bool on)
{
    const ProxyState proxy = selectedProxy();
    if (proxy.id == 0)
        return;
    if (!on) {
        emit recordProxyRequested(proxy.id, QString());
        return;
    }
    const QString file = RecordingFileDialog::askForNew(this, tr("Record %1").arg(proxy.spec.name), proxy.spec.name);
    if (file.isEmpty()) {
        m_ui->recordProxyButton->setChecked(false);
        return;
    }
    emit recordProxyRequested(proxy.id, file);
}

void ProxiesPage::updateActions()
{
    const ProxyState proxy = selectedProxy();
    const bool selected = proxy.id > 0;
    m_ui->editProxyButton->setEnabled(selected);
    m_ui->removeProxyButton->setEnabled(selected);
    m_ui->startProxyButton->setEnabled(selected && !proxy.listening);
    m_ui->stopProxyButton->setEnabled(selected && proxy.listening);
    const bool recording = !proxy.recordingFile.isEmpty();
    m_ui->recordProxyButton->setEnabled(selected && (proxy.listening || recording));
    m_ui->recordProxyButton->setChecked(recording);
    m_ui->recordProxyButton->setToolTip(recording ? RecordingMark::toolTip(proxy.recordingFile) + tr(": click to stop")
                                                  : tr("Record what the selected proxy passes to a file (on while it runs)"));
    m_ui->kickProxyConnectionButton->setEnabled(selected
                                                && m_ui->proxyConnectionView->selectionModel()->hasSelection());
}

} // namespace wirebench
