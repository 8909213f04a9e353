#include "serverspage.h"

#include "ui_serverspage.h"

#include <ui/widgets/confirmation.h>
#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/serverdialog.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/connectionlistmodel.h>
#include <ui/models/recordingmark.h>
#include <ui/models/serverlistmodel.h>

#include <QtWidgets/QHeaderView>
#include <QtWidgets/QStyle>

#include <algorithm>

namespace wirebench {

ServersPage::ServersPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ServersPage>()), m_connectionModel(new ConnectionListModel(this))
{
    m_ui->setupUi(this);
    m_ui->addServerButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogNewFolder));
    m_ui->startServerButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPlay));
    m_ui->stopServerButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaStop));
    m_ui->pauseServerButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPause));
    m_ui->removeServerButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_TrashIcon));
    m_ui->kickButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogCancelButton));
    m_ui->recordServerButton->setIcon(RecordingMark::icon());

    TableViews::setUpCompact(m_ui->serverView);
    TableViews::setUpCompact(m_ui->connectionView);
    m_ui->connectionView->setModel(m_connectionModel);
    using C = ConnectionListModel;
    TableViews::setColumnSamples(m_ui->connectionView, {{C::IdColumn, QStringLiteral("1000")},
                                                        {C::PeerColumn, TableViews::endpointSample()},
                                                        {C::SinceColumn, QStringLiteral("23:59:59")},
                                                        {C::MessagesInColumn, TableViews::countSample()},
                                                        {C::MessagesOutColumn, TableViews::countSample()},
                                                        {C::BytesInColumn, TableViews::bytesSample()}});
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 2);

    connect(m_ui->addServerButton, &QToolButton::clicked, this, &ServersPage::addServer);
    connect(m_ui->editServerButton, &QToolButton::clicked, this, &ServersPage::onEdit);
    connect(m_ui->serverView, &QTableView::doubleClicked, this, &ServersPage::onEdit);
    connect(m_ui->startServerButton, &QToolButton::clicked, this,
            [this] { emit startServerRequested(selectedServerId()); });
    connect(m_ui->stopServerButton, &QToolButton::clicked, this,
            [this] { emit stopServerRequested(selectedServerId()); });
    connect(m_ui->pauseServerButton, &QToolButton::clicked, this,
            [this](bool paused) { emit pauseServerRequested(selectedServerId(), paused); });
    connect(m_ui->removeServerButton, &QToolButton::clicked, this, &ServersPage::onRemove);
    connect(m_ui->recordServerButton, &QToolButton::clicked, this, &ServersPage::onRecord);
    connect(m_ui->kickButton, &QToolButton::clicked, this,
            [this] { emit kickRequested(selectedServerId(), selectedConnections()); });
    connect(m_ui->connectionView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        emit selectionChanged();
    });
    updateActions();
}

ServersPage::~ServersPage() = default;

void ServersPage::setServerModel(ServerListModel *model)
{
    m_serverModel = model;
    m_ui->serverView->setModel(model);
    using C = ServerListModel;
    TableViews::setColumnSamples(m_ui->serverView, {{C::NameColumn, QStringLiteral("server 10")},
                                                    {C::AddressColumn, TableViews::endpointSample()},
                                                    {C::CodecColumn, QStringLiteral("tls + python-comms")},
                                                    {C::ModeColumn, QStringLiteral("silent")},
                                                    {C::StateColumn, tr("listening")}});
    TableViews::makeRoomForIcon(m_ui->serverView, C::NameColumn);
    connect(m_ui->serverView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_ui->connectionView->clearSelection();
        refreshConnections();
        emit selectionChanged();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &ServersPage::onServerRowsInserted);
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        refreshConnections();
        emit selectionChanged();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &ServersPage::refreshConnections);
    refreshConnections();
}

int ServersPage::selectedServerId() const
{
    if (!m_serverModel)
        return 0;
    const QModelIndex current = m_ui->serverView->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(ServerListModel::ServerIdRole).toInt() : 0;
}

ServerState ServersPage::selectedServer() const
{
    const int id = selectedServerId();
    return id > 0 ? m_serverModel->server(m_serverModel->rowOfServer(id)) : ServerState();
}

QString ServersPage::selectedServerName() const
{
    const ServerState server = selectedServer();
    return server.id > 0 ? ServerListModel::displayName(server) : QString();
}

QList<quint64> ServersPage::selectedConnections() const
{
    QList<quint64> ids;
    const QModelIndexList rows = m_ui->connectionView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(ConnectionListModel::ConnectionIdRole).toULongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ServersPage::selectServer(int id)
{
    const int row = m_serverModel ? m_serverModel->rowOfServer(id) : -1;
    if (row >= 0)
        m_ui->serverView->setCurrentIndex(m_serverModel->index(row, 0));
}

void ServersPage::selectConnections(const QList<quint64> &ids)
{
    QItemSelection selection;
    for (const quint64 id : ids) {
        const int row = m_connectionModel->rowOfConnection(id);
        if (row >= 0)
            selection.select(m_connectionModel->index(row, 0),
                             m_connectionModel->index(row, ConnectionListModel::ColumnCount - 1));
    }
    m_ui->connectionView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void ServersPage::refreshConnections()
{
    const ServerState server = selectedServer();
    const int before = m_connectionModel->rowCount();
    m_connectionModel->setConnections(server.connections);
    if (server.id == 0) {
        m_ui->connectionsLabel->setText(tr("No server selected"));
    } else {
        m_ui->connectionsLabel->setText(tr("Clients of <b>%1</b>: %2")
                                            .arg(ServerListModel::displayName(server).toHtmlEscaped())
                                            .arg(server.connections.size()));
    }
    updateActions();
    // Connections that came or went (a broadcast's recipients, the selection), or the server's new
    // name or codec: the composer must know.
    const bool specChanged = !(server.spec == m_shownSpec);
    m_shownSpec = server.spec;
    if (before != m_connectionModel->rowCount() || specChanged)
        emit selectionChanged();
}

void ServersPage::addServer()
{
    ServerDialog dialog(this);
    dialog.setWindowTitle(tr("Add Server"));
    ServerSpec spec;
    spec.codec = m_defaultCodec;
    spec.mode = ServerMode::Echo; // what people try first: send something, see it come back
    dialog.setSpec(spec);
    if (dialog.exec() == QDialog::Accepted)
        emit addServerRequested(dialog.spec());
}

void ServersPage::onEdit()
{
    const ServerState server = selectedServer();
    if (server.id == 0)
        return;
    ServerDialog dialog(this);
    dialog.setWindowTitle(tr("Edit %1").arg(ServerListModel::displayName(server)));
    dialog.setSpec(server.spec);
    if (dialog.exec() != QDialog::Accepted || dialog.spec() == server.spec)
        return;
    const ServerSpec spec = dialog.spec();
    // Only what answers changed: the server swaps its responder in place and keeps every client
    // (HostedServer::setSpec), so there is nothing to ask.
    const bool inPlace = spec.differsOnlyInResponder(server.spec) && server.error.isEmpty()
        && !(spec.receipts && spec.hasResponder());
    const auto clients = server.connections.size();
    if (!inPlace && server.listening && clients > 0
        && !Confirmation::ask(this, tr("Restart %1").arg(ServerListModel::displayName(server)),
                              tr("%1 restarts to apply the new settings, and its %n connected client(s) are "
                                 "disconnected.", nullptr, int(clients))
                                  .arg(ServerListModel::displayName(server)),
                              tr("Restart")))
        return;
    emit updateServerRequested(server.id, spec);
}

void ServersPage::onRemove()
{
    const ServerState server = selectedServer();
    if (server.id == 0)
        return;
    const auto clients = server.connections.size();
    if (clients > 0
        && !Confirmation::ask(this, tr("Remove %1").arg(ServerListModel::displayName(server)),
                              tr("%1 is removed, and its %n connected client(s) are disconnected.", nullptr, int(clients))
                                  .arg(ServerListModel::displayName(server)),
                              tr("Remove")))
        return;
    emit removeServerRequested(server.id);
}

void ServersPage::onRecord(bool on)
{
    const ServerState server = selectedServer();
    if (server.id == 0)
        return;
    if (!on) {
        emit recordServerRequested(server.id, QString());
        return;
    }
    const QString name = ServerListModel::displayName(server);
    const QString file = RecordingFileDialog::askForNew(this, tr("Record %1").arg(name), name);
    if (file.isEmpty()) {
        m_ui->recordServerButton->setChecked(false);
        return;
    }
    emit recordServerRequested(server.id, file);
}

void ServersPage::onServerRowsInserted()
{
    // A server just added is the one the user wants to look at.
    const int last = m_serverModel->rowCount() - 1;
    if (last >= 0)
        m_ui->serverView->setCurrentIndex(m_serverModel->index(last, 0));
}

void ServersPage::updateActions()
{
    const ServerState server = selectedServer();
    const bool selected = server.id > 0;
    m_ui->editServerButton->setEnabled(selected);
    m_ui->removeServerButton->setEnabled(selected);
    m_ui->startServerButton->setEnabled(selected && !server.listening);
    m_ui->stopServerButton->setEnabled(selected && server.listening);
    m_ui->pauseServerButton->setEnabled(selected && server.listening);
    m_ui->pauseServerButton->setChecked(server.paused);
    m_ui->kickButton->setEnabled(selected && m_ui->connectionView->selectionModel()->hasSelection());
    // Only a listening server records: stopping it ends the file.
    const bool recording = !server.recordingFile.isEmpty();
    m_ui->recordServerButton->setEnabled(selected && (server.listening || recording));
    m_ui->recordServerButton->setChecked(recording);
    m_ui->recordServerButton->setText(recording ? tr("REC") : tr("Record"));
    m_ui->recordServerButton->setToolTip(recording ? RecordingMark::toolTip(server.recordingFile) + tr(": click to stop")
                                                   : tr("Record the selected server's conversations to a file "
                                                        "(on while it runs)"));
}

} // namespace wirebench
