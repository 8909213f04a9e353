#include "mainwindow.h"

#include "ui_mainwindow.h"

#include <ui/widgets/apptheme.h>
#include <ui/widgets/clientspage.h>
#include <ui/widgets/composerdispatcher.h>
#include <ui/widgets/eventspage.h>
#include <ui/widgets/iconbuttontooltips.h>
#include <ui/widgets/inspectorpage.h>
#include <ui/widgets/logpage.h>
#include <ui/widgets/preferencesdialog.h>
#include <ui/widgets/proxiespage.h>
#include <ui/widgets/recordingactions.h>
#include <ui/widgets/scenariopage.h>
#include <ui/widgets/serverspage.h>
#include <ui/widgets/startguide.h>
#include <ui/widgets/statusnotices.h>
#include <ui/widgets/statussummary.h>
#include <ui/widgets/trafficpage.h>
#include <ui/widgets/windowshortcutsfirst.h>

#include <ui/models/benchfeed.h>
#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/payloadlibrarymodel.h>
#include <ui/models/payloadsequencemodel.h>
#include <ui/models/proxylistmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/demoscript.h>

#include <QtCore/QFileInfo>
#include <QtCore/QSettings>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QStatusBar>

namespace wirebench {

namespace {

const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString lastWorkspaceKey = QStringLiteral("workspace/last");

const QString settingsOrganization = QStringLiteral("Wirebench");
const QString settingsApplication = QStringLiteral("wirebench");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_session(new BenchSession(this))
{
    m_ui->setupUi(this);

    m_logPage = new LogPage(this);
    m_logPage->setObjectName(QStringLiteral("logPage"));
    m_logPage->setLogModel(m_session->logModel());
    setCentralWidget(m_logPage);
    createDocks();
    m_startGuide = new StartGuide(m_logPage);
    connect(m_startGuide, &StartGuide::addServerClicked, m_serversPage, &ServersPage::addServer);
    connect(m_startGuide, &StartGuide::spawnClientsClicked, m_clientsPage, &ClientsPage::spawnClients);

    m_statusSummary = new StatusSummary(this);
    statusBar()->addPermanentWidget(m_statusSummary);
    m_notices = std::make_unique<StatusNotices>(statusBar(), m_composerPage);

    connectPages();
    connectActions();
    new RecordingActions(this, m_session, m_ui->fileMenu); // a child: the Record switches, File's recording entries
    IconButtonToolTips::fillIn(this);
    WindowShortcutsFirst::install(this);
    m_composerDispatcher->updateSelection();
    updateStatus();
    updateStartGuide();
    updateTitle();
    applyPreferences(m_preferences);
    m_session->feed()->start(feedHz);
}

MainWindow::~MainWindow()
{
    // The pages point into the session's models, and children die in the order they were made
    // (the session first): the pages go before.
    m_session->feed()->stop();
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
    qDeleteAll(docks);
    delete takeCentralWidget();
}

void MainWindow::restoreSettings(bool reopenWorkspace)
{
    if (!m_persistent)
        return;
    QSettings store(settingsOrganization, settingsApplication);
    restoreGeometry(store.value(geometryKey).toByteArray());
    restoreState(store.value(stateKey).toByteArray());
    applyPreferences(Preferences::load(store));
    const QString last = store.value(lastWorkspaceKey).toString();
    QString error;
    if (reopenWorkspace && !last.isEmpty() && QFileInfo::exists(last) && !openWorkspace(last, &error))
        statusBar()->showMessage(tr("Could not reopen %1: %2").arg(last, error), 10000);
}

void MainWindow::applyPreferences(const Preferences &preferences)
{
    m_preferences = preferences;
    m_session->logModel()->setCapacity(preferences.logCapacity);
    AppTheme::apply(preferences.theme);
    m_inspectorPage->setHexFont(preferences.hexFont);
    m_inspectorPage->setTextFont(preferences.textFont);
    m_composerPage->setEditorFont(preferences.textFont);
    m_serversPage->setDefaultCodec(preferences.defaultCodec);
    m_clientsPage->setDefaultCodec(preferences.defaultCodec);
    updateSpawnTarget(); // clients aimed at the selected server keep speaking its framing
}

bool MainWindow::openWorkspace(const QString &path, QString *error)
{
    Workspace workspace;
    if (!Workspace::load(path, &workspace, error))
        return false;
    m_session->openWorkspace(workspace);
    m_scenarioPage->setScenario(workspace.scenario);
    m_inspectorPage->clear();
    m_trafficPage->resetCharts();
    rememberWorkspace(path);
    setWindowModified(false); // the payload library's rows came in as it was filled
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool MainWindow::saveWorkspace(const QString &path, QString *error)
{
    Workspace workspace = m_session->workspace();
    workspace.scenario = m_scenarioPage->scenario();
    if (!workspace.save(path, error))
        return false;
    rememberWorkspace(path);
    setWindowModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool MainWindow::newWorkspace()
{
    if (!canDiscardWorkspace())
        return false;
    if (m_demo)
        m_demo->stop();
    m_session->clear();
    m_scenarioPage->setScenario({});
    m_notices->clear();
    m_inspectorPage->clear();
    m_trafficPage->resetCharts();
    m_workspacePath.clear();
    updateTitle();
    setWindowModified(false);
    updateStartGuide();
    return true;
}

DemoScript *MainWindow::startDemo()
{
    if (!m_demo) {
        m_demo = new DemoScript(m_session->bench(), m_session->feed()->poller(), this);
        m_demo->start();
    }
    return m_demo;
}

bool MainWindow::showLatestMessage(const QString &channel) { return m_logPage->selectLatest(channel); }

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!canDiscardWorkspace()) {
        event->ignore();
        return;
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

bool MainWindow::canDiscardWorkspace()
{
    if (!isWindowModified())
        return true;
    const QString name = m_workspacePath.isEmpty() ? tr("The new workspace") : QFileInfo(m_workspacePath).fileName();
    const auto answer = QMessageBox::warning(this, tr("Unsaved Changes"),
                                             tr("%1 has changes that are not saved. Save them?").arg(name),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
    if (answer == QMessageBox::Discard)
        return true;
    if (answer == QMessageBox::Save)
        onSaveWorkspace();
    return answer == QMessageBox::Save && !isWindowModified(); // saved, not cancelled in the file dialog
}

QDockWidget *MainWindow::addPage(QWidget *page, const QString &title, const QString &name, Qt::DockWidgetArea area)
{
    page->setObjectName(name + QStringLiteral("Page"));
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name + QStringLiteral("Dock"));
    dock->setWidget(page);
    addDockWidget(area, dock);
    m_ui->viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createDocks()
{
    // The right column (composer, inspector) runs the full height; the bottom (traffic, events) is wide.
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_serversPage = new ServersPage(this);
    m_clientsPage = new ClientsPage(this);
    m_composerPage = new ComposerPage(this);
    m_inspectorPage = new InspectorPage(this);
    m_trafficPage = new TrafficPage(this);
    m_eventsPage = new EventsPage(this);
    m_scenarioPage = new ScenarioPage(this);
    m_proxiesPage = new ProxiesPage(this);
    m_serversPage->setServerModel(m_session->serverModel());
    m_clientsPage->setClientModel(m_session->clientModel());
    m_composerPage->setLibraryModel(m_session->payloadLibrary());
    m_composerPage->setSequenceModel(m_session->payloadSequence());
    m_trafficPage->setChannelModel(m_session->channelModel());
    m_eventsPage->setEventModel(m_session->eventModel());
    m_proxiesPage->setProxyModel(m_session->proxyModel());

    QDockWidget *servers = addPage(m_serversPage, tr("Servers"), QStringLiteral("servers"), Qt::LeftDockWidgetArea);
    QDockWidget *clients = addPage(m_clientsPage, tr("Clients"), QStringLiteral("clients"), Qt::LeftDockWidgetArea);
    QDockWidget *composer = addPage(m_composerPage, tr("Composer"), QStringLiteral("composer"), Qt::RightDockWidgetArea);
    QDockWidget *inspector = addPage(m_inspectorPage, tr("Inspector"), QStringLiteral("inspector"), Qt::RightDockWidgetArea);
    QDockWidget *traffic = addPage(m_trafficPage, tr("Traffic"), QStringLiteral("traffic"), Qt::BottomDockWidgetArea);
    QDockWidget *events = addPage(m_eventsPage, tr("Events"), QStringLiteral("events"), Qt::BottomDockWidgetArea);
    QDockWidget *scenarios = addPage(m_scenarioPage, tr("Scenarios"), QStringLiteral("scenarios"), Qt::BottomDockWidgetArea);
    QDockWidget *proxies = addPage(m_proxiesPage, tr("Proxies"), QStringLiteral("proxies"), Qt::BottomDockWidgetArea);
    splitDockWidget(servers, clients, Qt::Vertical);
    splitDockWidget(composer, inspector, Qt::Vertical);
    tabifyDockWidget(traffic, events);
    tabifyDockWidget(events, scenarios);
    tabifyDockWidget(scenarios, proxies);
    traffic->raise();

    resizeDocks({servers, composer}, {475, 430}, Qt::Horizontal);
    resizeDocks({servers, clients}, {330, 260}, Qt::Vertical);
    resizeDocks({composer, inspector}, {520, 400}, Qt::Vertical);
    resizeDocks({traffic}, {330}, Qt::Vertical);
}

void MainWindow::connectPages()
{
    Bench *bench = m_session->bench();
    connect(m_session->feed(), &BenchFeed::batchApplied, this, &MainWindow::onBatchApplied);

    connect(m_serversPage, &ServersPage::addServerRequested, bench, [bench](const ServerSpec &spec) {
        bench->addServer(spec, true);
    });
    connect(m_serversPage, &ServersPage::updateServerRequested, bench, &Bench::updateServer);
    connect(m_serversPage, &ServersPage::startServerRequested, bench, &Bench::startServer);
    connect(m_serversPage, &ServersPage::stopServerRequested, bench, &Bench::stopServer);
    connect(m_serversPage, &ServersPage::pauseServerRequested, bench, &Bench::setServerPaused);
    connect(m_serversPage, &ServersPage::removeServerRequested, bench, &Bench::removeServer);
    connect(m_serversPage, &ServersPage::kickRequested, bench, [bench](int serverId, const QList<quint64> &ids) {
        for (const quint64 id : ids)
            bench->kick(serverId, id);
    });
    // What a workspace file holds changed: the title says so until it is saved.
    connect(m_serversPage, &ServersPage::addServerRequested, this, [this] { setWindowModified(true); });
    connect(m_serversPage, &ServersPage::updateServerRequested, this, [this] { setWindowModified(true); });
    connect(m_serversPage, &ServersPage::removeServerRequested, this, [this] { setWindowModified(true); });
    connect(m_clientsPage, &ClientsPage::spawnRequested, this, [this] { setWindowModified(true); });
    connect(m_clientsPage, &ClientsPage::removeRequested, this, [this] { setWindowModified(true); });
    const PayloadSequenceModel *sequence = m_session->payloadSequence();
    for (const QAbstractItemModel *payloads : {static_cast<const QAbstractItemModel *>(m_session->payloadLibrary()),
                                               static_cast<const QAbstractItemModel *>(sequence)}) {
        for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(payloads, signal, this, [this] { setWindowModified(true); });
        connect(payloads, &QAbstractItemModel::rowsMoved, this, [this] { setWindowModified(true); });
        connect(payloads, &QAbstractItemModel::dataChanged, this, [this] { setWindowModified(true); });
    }
    connect(sequence, &PayloadSequenceModel::delayChanged, this, [this] { setWindowModified(true); });
    connect(m_scenarioPage, &ScenarioPage::edited, this, [this] { setWindowModified(true); });
    connect(m_serversPage, &ServersPage::selectionChanged, this, &MainWindow::updateSpawnTarget);
    connectProxiesPage();

    connect(m_clientsPage, &ClientsPage::spawnRequested, bench, &Bench::spawnClients);
    auto forEachClient = [bench](void (Bench::*command)(int)) {
        return [bench, command](const QList<int> &ids) {
            for (const int id : ids)
                (bench->*command)(id);
        };
    };
    connect(m_clientsPage, &ClientsPage::connectRequested, bench, forEachClient(&Bench::connectClient));
    connect(m_clientsPage, &ClientsPage::disconnectRequested, bench, forEachClient(&Bench::disconnectClient));
    connect(m_clientsPage, &ClientsPage::removeRequested, bench, forEachClient(&Bench::removeClient));

    m_composerDispatcher = new ComposerDispatcher(m_composerPage, m_serversPage, m_clientsPage, m_session,
                                                  m_notices.get(), this);

    connect(m_logPage, &LogPage::entrySelected, m_inspectorPage, &InspectorPage::setEntry);
    connect(m_logPage, &LogPage::exported, this,
            [this](int rows, const QString &path) { m_notices->exported(rows, path); });
    connect(m_logPage, &LogPage::pausedChanged, this, [this](bool paused) {
        m_session->setLogRecording(!paused);
        updateStatus();
    });
}

void MainWindow::connectProxiesPage()
{
    connect(m_proxiesPage, &ProxiesPage::selectionChanged, this, [this] {
        m_spawnAtProxy = m_proxiesPage->selectedProxyId() != 0;
        updateSpawnTarget();
    });
    Bench *bench = m_session->bench();
    connect(m_proxiesPage, &ProxiesPage::addProxyRequested, bench, [bench](const ProxySpec &spec) {
        bench->addProxy(spec, true);
    });
    connect(m_proxiesPage, &ProxiesPage::updateProxyRequested, bench, &Bench::updateProxy);
    connect(m_proxiesPage, &ProxiesPage::startProxyRequested, bench, &Bench::startProxy);
    connect(m_proxiesPage, &ProxiesPage::stopProxyRequested, bench, &Bench::stopProxy);
    connect(m_proxiesPage, &ProxiesPage::removeProxyRequested, bench, &Bench::removeProxy);
    connect(m_proxiesPage, &ProxiesPage::faultsChangeRequested, bench, &Bench::setProxyFaults);
    connect(m_proxiesPage, &ProxiesPage::kickRequested, bench, [bench](int proxyId, const QList<quint64> &ids) {
        for (const quint64 id : ids)
            bench->kickProxyConnection(proxyId, id);
    });
    // Faults are saved with their proxy: switching one is a change to the workspace too.
    const auto modified = [this] { setWindowModified(true); };
    connect(m_proxiesPage, &ProxiesPage::addProxyRequested, this, modified);
    connect(m_proxiesPage, &ProxiesPage::updateProxyRequested, this, modified);
    connect(m_proxiesPage, &ProxiesPage::removeProxyRequested, this, modified);
    connect(m_proxiesPage, &ProxiesPage::faultsChangeRequested, this, modified);
}

void MainWindow::connectActions()
{
    connect(m_ui->actionNewWorkspace, &QAction::triggered, this, &MainWindow::newWorkspace);
    connect(m_ui->actionOpenWorkspace, &QAction::triggered, this, &MainWindow::onOpenWorkspace);
    connect(m_ui->actionSaveWorkspace, &QAction::triggered, this, &MainWindow::onSaveWorkspace);
    connect(m_ui->actionSaveWorkspaceAs, &QAction::triggered, this, &MainWindow::onSaveWorkspaceAs);
    connect(m_ui->actionExportLog, &QAction::triggered, m_logPage, &LogPage::exportWithDialog);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    // A standard key has no spelling in a .ui file; it differs per platform (none on some).
    m_ui->actionPreferences->setShortcuts(QKeySequence::Preferences);
    connect(m_ui->actionPreferences, &QAction::triggered, this, &MainWindow::onPreferences);
    connect(m_ui->actionQuickStart, &QAction::triggered, this, [this] { StartGuide::showQuickStart(this); });
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] { StartGuide::showAbout(this); });
}

void MainWindow::onBatchApplied(const TrafficBatch &batch)
{
    m_serversPage->refreshConnections();
    m_proxiesPage->refresh(); // the proxy list changes no cell when only a connection's counters move
    m_trafficPage->onBatchApplied();
    m_composerPage->setLoadProgress(batch.load);
    m_composerPage->setSequenceProgress(batch.sequence);
    m_notices->onBatch(batch);
    m_logPage->addKnownChannels(batch.channels.keys());
    if (!batch.servers.isEmpty() || !batch.proxies.isEmpty())
        updateSpawnTarget();
    if (!batch.servers.isEmpty() || !batch.clients.isEmpty() || !batch.proxies.isEmpty())
        updateStartGuide();
    updateStatus();
}

void MainWindow::updateSpawnTarget()
{
    const ServerState server = m_serversPage->selectedServer();
    if (server.id != m_spawnServerId) { // another server chosen: clients go to it
        m_spawnServerId = server.id;
        m_spawnAtProxy = false;
    }
    const ProxyState proxy = m_proxiesPage->selectedProxy();
    if (m_spawnAtProxy && proxy.listening) {
        ServerSpec throughProxy; // clients speak the framing it decodes
        throughProxy.name = proxy.spec.name;
        throughProxy.codec = proxy.spec.codec;
        m_clientsPage->setSpawnTarget(reachableHost(proxy.spec.listenHost), proxy.boundPort, throughProxy);
        return;
    }
    if (server.id == 0)
        return;
    const quint16 port = server.boundPort != 0 ? server.boundPort : server.spec.port;
    m_clientsPage->setSpawnTarget(reachableHost(server.spec.address), port, server.spec);
    m_proxiesPage->setDefaultUpstream(reachableHost(server.spec.address), port, server.spec.codec);
}

void MainWindow::updateStatus() { m_statusSummary->refresh(*m_session); }

void MainWindow::updateTitle()
{
    // The platform appends the application's name ("bench.json — Wirebench"); [*] becomes "*"
    // while the workspace has unsaved changes.
    setWindowTitle(m_workspacePath.isEmpty() ? tr("new workspace[*]")
                                             : QFileInfo(m_workspacePath).fileName() + QStringLiteral("[*]"));
}

void MainWindow::updateStartGuide()
{
    m_startGuide->setWorkspaceEmpty(m_session->serverModel()->rowCount() == 0 && m_session->clientModel()->rowCount() == 0
                                    && m_session->proxyModel()->rowCount() == 0);
}

void MainWindow::onOpenWorkspace()
{
    if (!canDiscardWorkspace())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), m_workspacePath,
                                                      tr("Wirebench workspaces (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openWorkspace(path, &error))
        QMessageBox::warning(this, tr("Open Workspace"), error);
}

void MainWindow::onSaveWorkspace()
{
    if (m_workspacePath.isEmpty()) {
        onSaveWorkspaceAs();
        return;
    }
    QString error;
    if (!saveWorkspace(m_workspacePath, &error))
        QMessageBox::warning(this, tr("Save Workspace"), error);
}

void MainWindow::onSaveWorkspaceAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace"),
                                                m_workspacePath.isEmpty() ? tr("workspace.json") : m_workspacePath,
                                                tr("Wirebench workspaces (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    QString error;
    if (!saveWorkspace(path, &error))
        QMessageBox::warning(this, tr("Save Workspace"), error);
}

void MainWindow::onPreferences()
{
    PreferencesDialog dialog(this);
    dialog.setPreferences(m_preferences);
    // Apply keeps the dialog open; Cancel after it does not take the applied values back.
    connect(&dialog, &PreferencesDialog::applyRequested, this, &MainWindow::commitPreferences);
    if (dialog.exec() == QDialog::Accepted)
        commitPreferences(dialog.preferences());
}

void MainWindow::commitPreferences(const Preferences &preferences)
{
    applyPreferences(preferences);
    if (!m_persistent)
        return;
    QSettings store(settingsOrganization, settingsApplication);
    preferences.save(store);
}

void MainWindow::saveSettings()
{
    if (!m_persistent)
        return;
    QSettings store(settingsOrganization, settingsApplication);
    store.setValue(geometryKey, saveGeometry());
    store.setValue(stateKey, saveState());
    // The last workspace is written when one is opened or saved: a session without one forgets nothing.
}

void MainWindow::rememberWorkspace(const QString &path)
{
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    updateTitle();
    if (m_persistent)
        QSettings(settingsOrganization, settingsApplication).setValue(lastWorkspaceKey, m_workspacePath);
}

} // namespace wirebench
