#pragma once

#include <ui/widgets/composerpage.h>

#include <ui/models/preferences.h>

#include <engine/bench.h>

#include <QtWidgets/QMainWindow>

#include <memory>

class QDockWidget;

namespace Ui {
class MainWindow;
}

namespace wirebench {

class BenchSession;
class ClientsPage;
class ComposerDispatcher;
class DemoScript;
class EventsPage;
class InspectorPage;
class LogPage;
class ProxiesPage;
class ScenarioPage;
class ServersPage;
class StartGuide;
class StatusNotices;
class StatusSummary;
class TrafficPage;

/**
 * The Wirebench window: the message log in the centre, docks for servers,
 * clients, composer, inspector, traffic, events, scenarios and proxies. It owns the session
 * (bench, feed at 30 Hz, models) and turns the pages' requests into bench
 * commands. The layout, the last workspace and the preferences come back at
 * the next start (QSettings "Wirebench"/"wirebench").
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(MainWindow)

public:
    static constexpr int feedHz = 30;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    BenchSession *session() const { return m_session; }

    /** When false, settings are neither read nor written (screenshots, scripted runs). */
    void setPersistent(bool persistent) { m_persistent = persistent; }
    /** Restores the window layout and the preferences, and reopens the last workspace if @p reopenWorkspace. */
    void restoreSettings(bool reopenWorkspace = true);

    /**
     * Puts @p preferences into effect at once: the log's capacity (a smaller one drops the oldest
     * rows), the application's theme, the fonts, and the framing new servers and clients start with.
     * Saves nothing (Edit > Preferences does, when the window is persistent).
     */
    void applyPreferences(const Preferences &preferences);
    /** What was applied last; the defaults until then. */
    Preferences preferences() const { return m_preferences; }

    bool openWorkspace(const QString &path, QString *error);
    bool saveWorkspace(const QString &path, QString *error);
    /** Empties the bench, after asking to save unsaved changes (false: the user cancelled). */
    bool newWorkspace();
    QString workspacePath() const { return m_workspacePath; }

    /** Runs the demo exchange (owned by the window); returns it to wait for DemoScript::settled(). */
    DemoScript *startDemo();
    /** Selects the newest logged message on @p channel, so the inspector shows it. */
    bool showLatestMessage(const QString &channel);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addPage(QWidget *page, const QString &title, const QString &name, Qt::DockWidgetArea area);
    void createDocks();
    void connectPages();
    void connectProxiesPage();
    void connectActions();
    void onBatchApplied(const TrafficBatch &batch);
    /** Aims the spawn dialog at the selected server, or at the selected proxy when that was chosen since. */
    void updateSpawnTarget();
    void updateStatus();
    void updateTitle();
    /** The start guide over the log while the workspace has no server, no client and no proxy. */
    void updateStartGuide();
    /** True when there are no unsaved changes, or the user saved or discarded them; false: cancelled. */
    bool canDiscardWorkspace();
    void onOpenWorkspace();
    void onSaveWorkspace();
    void onSaveWorkspaceAs();
    void onPreferences();
    /** Applies @p preferences and, when persistent, saves them: OK or Apply in the dialog. */
    void commitPreferences(const Preferences &preferences);
    void saveSettings();
    void rememberWorkspace(const QString &path);

    std::unique_ptr<Ui::MainWindow> m_ui;
    BenchSession *m_session = nullptr; ///< child
    DemoScript *m_demo = nullptr;      ///< child, made by startDemo()
    LogPage *m_logPage = nullptr;
    ServersPage *m_serversPage = nullptr;
    ClientsPage *m_clientsPage = nullptr;
    ComposerPage *m_composerPage = nullptr;
    ComposerDispatcher *m_composerDispatcher = nullptr; ///< child
    InspectorPage *m_inspectorPage = nullptr;
    TrafficPage *m_trafficPage = nullptr;
    EventsPage *m_eventsPage = nullptr;
    ScenarioPage *m_scenarioPage = nullptr;
    ProxiesPage *m_proxiesPage = nullptr;
    StatusSummary *m_statusSummary = nullptr;
    StartGuide *m_startGuide = nullptr; ///< child of the log page
    std::unique_ptr<StatusNotices> m_notices;
    int m_spawnServerId = 0;     ///< the server updateSpawnTarget() last saw selected
    bool m_spawnAtProxy = false; ///< a proxy was selected after that server: clients are spawned through it
    QString m_workspacePath;
    Preferences m_preferences;
    bool m_persistent = true;
};

} // namespace wirebench
