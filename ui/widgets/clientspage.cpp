#include "clientspage.h"

#include "ui_clientspage.h"

#include <ui/widgets/readableicon.h>
#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/spawnclientsdialog.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/clientlistmodel.h>
#include <ui/models/recordingmark.h>

#include <QtWidgets/QStyle>

#include <algorithm>

namespace wirebench {

ClientsPage::ClientsPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ClientsPage>())
{
    m_ui->setupUi(this);
    m_ui->spawnClientsButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_FileDialogNewFolder));
    m_ui->connectClientsButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPlay));
    m_ui->disconnectClientsButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaStop));
    m_ui->removeClientsButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_TrashIcon));
    m_ui->recordClientsButton->setIcon(RecordingMark::icon());
    TableViews::setUpCompact(m_ui->clientView);

    connect(m_ui->spawnClientsButton, &QToolButton::clicked, this, &ClientsPage::spawnClients);
    connect(m_ui->connectClientsButton, &QToolButton::clicked, this,
            [this] { emit connectRequested(selectedClientIds()); });
    connect(m_ui->disconnectClientsButton, &QToolButton::clicked, this,
            [this] { emit disconnectRequested(selectedClientIds()); });
    connect(m_ui->removeClientsButton, &QToolButton::clicked, this,
            [this] { emit removeRequested(selectedClientIds()); });
    connect(m_ui->recordClientsButton, &QToolButton::clicked, this, &ClientsPage::onRecord);
    updateActions();
}

ClientsPage::~ClientsPage() = default;

void ClientsPage::setClientModel(ClientListModel *model)
{
    m_model = model;
    m_ui->clientView->setModel(model);
    using C = ClientListModel;
    TableViews::setColumnSamples(m_ui->clientView,
                                 {{C::NameColumn, QStringLiteral("client 100")},
                                  {C::EndpointColumn, TableViews::endpointSample()},
                                  {C::CodecColumn, QStringLiteral("envelope + receipts")},
                                  {C::StateColumn, tr("reconnecting")},
                                  {C::LocalPortColumn, QStringLiteral("65535")},
                                  {C::MessagesInColumn, TableViews::countSample()},
                                  {C::MessagesOutColumn, TableViews::countSample()},
                                  {C::BytesInColumn, TableViews::bytesSample()},
                                  {C::BytesOutColumn, TableViews::bytesSample()}});
    TableViews::makeRoomForIcon(m_ui->clientView, C::NameColumn);
    connect(m_ui->clientView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        emit selectionChanged();
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &ClientsPage::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &ClientsPage::updateActions); // a Record switch went on or off
    updateActions();
}

void ClientsPage::setSpawnTarget(const QString &host, quint16 port, const ServerSpec &server)
{
    // Asked again on every update of the servers: only a new target (another server, or new
    // settings of this one) replaces what the user last chose in the spawn dialog.
    if (host == m_targetHost && port == m_targetPort && server == m_targetServer)
        return;
    m_targetHost = host;
    m_targetPort = port;
    m_targetServer = server;
    m_spawnSpec.host = host;
    m_spawnSpec.port = port;
    m_spawnSpec.codec = server.codec;
    m_spawnSpec.tls = server.isTls();
    m_spawnSpec.caFile = server.tlsCertificateFile;
    m_spawnSpec.receipts = server.receipts;
}

void ClientsPage::setDefaultCodec(const netcore::CodecConfig &codec)
{
    if (codec == m_defaultCodec)
        return;
    m_defaultCodec = codec;
    m_spawnSpec.codec = codec;
}

QList<int> ClientsPage::selectedClientIds() const
{
    QList<int> ids;
    if (!m_model)
        return ids;
    const QModelIndexList rows = m_ui->clientView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(ClientListModel::ClientIdRole).toInt());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ClientsPage::selectClients(const QList<int> &ids)
{
    QItemSelection selection;
    for (const int id : ids) {
        const int row = m_model ? m_model->rowOfClient(id) : -1;
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, ClientListModel::ColumnCount - 1));
    }
    m_ui->clientView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void ClientsPage::selectAll() { m_ui->clientView->selectAll(); }

void ClientsPage::spawnClients()
{
    SpawnClientsDialog dialog(this);
    dialog.setSpec(m_spawnSpec);
    dialog.setCount(m_spawnCount);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_spawnSpec = dialog.spec();
    m_spawnCount = dialog.count();
    emit spawnRequested(m_spawnSpec, m_spawnCount);
}

void ClientsPage::onRecord(bool on)
{
    const QList<int> ids = selectedClientIds();
    if (ids.isEmpty())
        return;
    if (!on) {
        emit recordRequested(ids, QString());
        return;
    }
    const ClientState first = m_model->client(m_model->rowOfClient(ids.constFirst()));
    const QString what = ids.size() == 1 ? first.name : first.spec.name.section(QLatin1Char(' '), 0, -2);
    const QString file = RecordingFileDialog::askForNew(
        this, tr("Record %n Client(s)", nullptr, int(ids.size())), what.isEmpty() ? tr("clients") : what);
    if (file.isEmpty()) {
        m_ui->recordClientsButton->setChecked(false);
        return;
    }
    emit recordRequested(ids, file);
}

QString ClientsPage::selectedRecordingFile() const
{
    if (!m_model)
        return {};
    const QList<int> ids = selectedClientIds();
    for (const int id : ids) {
        const ClientState client = m_model->client(m_model->rowOfClient(id));
        if (!client.recordingFile.isEmpty())
            return client.recordingFile;
    }
    return {};
}

void ClientsPage::updateActions()
{
    const bool selected = m_model && m_ui->clientView->selectionModel()->hasSelection();
    m_ui->connectClientsButton->setEnabled(selected);
    m_ui->disconnectClientsButton->setEnabled(selected);
    m_ui->removeClientsButton->setEnabled(selected);
    // One file for the selection; with one of them recording, the switch is on and stops its file.
    const QString recordingFile = selectedRecordingFile();
    m_ui->recordClientsButton->setEnabled(selected);
    m_ui->recordClientsButton->setChecked(!recordingFile.isEmpty());
    m_ui->recordClientsButton->setText(recordingFile.isEmpty() ? tr("Record") : tr("REC"));
    m_ui->recordClientsButton->setToolTip(recordingFile.isEmpty()
                                              ? tr("Record the selected clients' conversations to one file")
                                              : RecordingMark::toolTip(recordingFile) + tr(": click to stop"));
    const int count = m_model ? m_model->rowCount() : 0;
    const int chosen = selected ? int(m_ui->clientView->selectionModel()->selectedRows().size()) : 0;
    const QString selectedText = tr("Selected: %1 of %2");
    m_ui->clientSummaryLabel->setText(chosen > 0 ? selectedText.arg(chosen).arg(count) : tr("Clients: %1").arg(count));
    // Room for the widest text this count can give: selecting must not widen the panel (the log would jump).
    const QFontMetrics metrics = m_ui->clientSummaryLabel->fontMetrics();
    m_ui->clientSummaryLabel->setMinimumWidth(
        qMax(metrics.horizontalAdvance(selectedText.arg(count).arg(count)),
             metrics.horizontalAdvance(tr("Clients: %1").arg(count))));
}

} // namespace wirebench
