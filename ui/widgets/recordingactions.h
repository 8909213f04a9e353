#pragma once

#include <QtCore/QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace wirebench {

class BenchSession;
class ClientsPage;
class ProxiesPage;
class RecordingWindow;
class ReplayDialog;
class ServersPage;

/**
 * The app's recordings (docs/recording.md), wired apart from the main
 * window: the Record switches of the window's Servers, Clients and Proxies
 * pages, which become bench commands (the recording itself happens in the
 * bench's thread; the events tell how it went), and the File menu's
 * recording entries.
 */
class RecordingActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RecordingActions)

public:
    /**
     * A child of @p window, serving the pages it holds (found by type: there is one of each) and
     * putting its entries in @p fileMenu, after the workspace's.
     */
    RecordingActions(QMainWindow *window, BenchSession *session, QMenu *fileMenu);
    ~RecordingActions() override;

    /**
     * File > Save Log as Recording…: asks whose messages (a recording has one codec: a server's, a
     * proxy's, or clients of one codec) when the log holds several, then where; refuses, saying why,
     * when a payload of theirs was cut by the log.
     */
    void saveLogAsRecording();
    /**
     * File > Open Recording…'s work: shows @p fileName in a RecordingWindow of its own (deleted when
     * closed); none, with @p error "FILE:LINE: why", if it is not a good recording.
     */
    RecordingWindow *openRecording(const QString &fileName, QString *error);
    /**
     * File > Replay Recording…: opens the Replay dialog (not modal, deleted when closed), offering
     * the bench's listening servers and proxies as targets.
     */
    ReplayDialog *openReplayDialog();

private:
    void connectSwitches();
    void onOpenRecording();
    QAction *addAction(const QString &text, const char *name);

    QMainWindow *const m_window = nullptr;
    BenchSession *const m_session = nullptr;
    ServersPage *const m_serversPage = nullptr;
    ClientsPage *const m_clientsPage = nullptr;
    ProxiesPage *const m_proxiesPage = nullptr;
    QMenu *const m_fileMenu = nullptr;
    QAction *m_firstAfter = nullptr; ///< in the File menu, where its entries go before
};

} // namespace wirebench
