#include "recordingactions.h"

#include <ui/widgets/clientspage.h>
#include <ui/widgets/proxiespage.h>
#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/recordingwindow.h>
#include <ui/widgets/replaydialog.h>
#include <ui/widgets/serverspage.h>

#include <ui/models/benchsession.h>
#include <ui/models/logselections.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>
#include <engine/recording/logrecordingwriter.h>
#include <engine/recording/recording.h>

#include <QtCore/QDir>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QMainWindow>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QStatusBar>

namespace wirebench {

RecordingActions::RecordingActions(QMainWindow *window, BenchSession *session, QMenu *fileMenu)
    : QObject(window), m_window(window), m_session(session), m_serversPage(window->findChild<ServersPage *>()),
      m_clientsPage(window->findChild<ClientsPage *>()), m_proxiesPage(window->findChild<ProxiesPage *>()),
      m_fileMenu(fileMenu)
{
    Q_ASSERT(m_serversPage && m_clientsPage && m_proxiesPage);
    connectSwitches();
    // After the workspace's entries, a section of its own.
    for (QAction *action : fileMenu->actions()) {
        if (action->isSeparator()) {
            m_firstAfter = action;
            break;
        }
    }
    fileMenu->insertSeparator(m_firstAfter);
    QAction *open = addAction(tr("Open &Recording…"), "actionOpenRecording");
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    connect(open, &QAction::triggered, this, &RecordingActions::onOpenRecording);
    connect(addAction(tr("Save &Log as Recording…"), "actionSaveLogAsRecording"), &QAction::triggered, this,
            &RecordingActions::saveLogAsRecording);
    connect(addAction(tr("Re&play Recording…"), "actionReplayRecording"), &QAction::triggered, this,
            &RecordingActions::openReplayDialog);
}

RecordingActions::~RecordingActions() = default;

QAction *RecordingActions::addAction(const QString &text, const char *name)
{
    auto *action = new QAction(text, m_window);
    action->setObjectName(QLatin1String(name));
    m_fileMenu->insertAction(m_firstAfter, action);
    return action;
}

void RecordingActions::connectSwitches()
{
    Bench *bench = m_session->bench();
    connect(m_serversPage, &ServersPage::recordServerRequested, bench, &Bench::recordServer);
    connect(m_clientsPage, &ClientsPage::recordRequested, bench, &Bench::recordClients);
    connect(m_proxiesPage, &ProxiesPage::recordProxyRequested, bench, &Bench::recordProxy);
}

RecordingWindow *RecordingActions::openRecording(const QString &fileName, QString *error)
{
    Recording recording;
    if (!Recording::load(fileName, &recording, error))
        return nullptr;
    auto *window = new RecordingWindow(recording, fileName, m_window);
    window->show();
    return window;
}

void RecordingActions::onOpenRecording()
{
    const QString file = RecordingFileDialog::askForExisting(m_window, tr("Open Recording"));
    QString error;
    if (!file.isEmpty() && !openRecording(file, &error))
        QMessageBox::warning(m_window, tr("Open Recording"), tr("Cannot show it: %1").arg(error));
}

ReplayDialog *RecordingActions::openReplayDialog()
{
    QList<ReplayDialog::Target> targets;
    // Where a client on this machine reaches them: a listener on every address is on loopback too.
    const ServerListModel *servers = m_session->serverModel();
    for (int row = 0; row < servers->rowCount(); ++row) {
        const ServerState server = servers->server(row);
        if (server.listening)
            targets.append({tr("%1 (server)").arg(ServerListModel::displayName(server)), reachableHost(server.spec.address),
                            server.boundPort});
    }
    const ProxyListModel *proxies = m_session->proxyModel();
    for (int row = 0; row < proxies->rowCount(); ++row) {
        const ProxyState proxy = proxies->proxy(row);
        if (proxy.listening)
            targets.append({tr("%1 (proxy)").arg(proxy.spec.name), reachableHost(proxy.spec.listenHost), proxy.boundPort});
    }
    auto *dialog = new ReplayDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTargets(targets);
    dialog->show();
    return dialog;
}

void RecordingActions::saveLogAsRecording()
{
    const QString title = tr("Save Log as Recording");
    const QList<LogEntry> entries = LogSelections::entriesOf(*m_session->logModel());
    const QList<LogSelection> selections = LogSelections::available(
        entries, *m_session->serverModel(), *m_session->clientModel(), *m_session->proxyModel());
    if (selections.isEmpty()) {
        QMessageBox::information(m_window, title, tr("The log has no message of a server, client or proxy of the bench."));
        return;
    }
    LogSelection selection = selections.constFirst();
    if (selections.size() > 1) {
        QStringList names;
        for (const LogSelection &each : selections)
            names.append(each.name);
        bool chosen = false;
        const QString name = QInputDialog::getItem(m_window, title,
                                                   tr("A recording holds the conversations of one server, one proxy, "
                                                      "or clients of one codec. Whose messages?"),
                                                   names, 0, false, &chosen);
        if (!chosen)
            return;
        selection = selections.at(names.indexOf(name));
    }
    // Refused before a file is chosen: nothing the user can pick would make it exact.
    QString error = LogRecordingWriter::refusal(entries, selection);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, title, tr("Cannot save it as a recording: %1.").arg(error));
        return;
    }
    const QString file = RecordingFileDialog::askForNew(m_window, title, selection.name);
    if (file.isEmpty())
        return;
    if (!LogRecordingWriter::save(entries, selection, file, &error)) {
        QMessageBox::warning(m_window, title, error);
        return;
    }
    m_window->statusBar()->showMessage(
        tr("Saved the log of %1 as the recording %2").arg(selection.name, QDir::toNativeSeparators(file)), 10000);
}

} // namespace wirebench
