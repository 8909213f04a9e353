#pragma once

#include <engine/recording/recording.h>
#include <engine/recording/replayclient.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class ReplayDialog;
}

namespace wirebench {

class ReplayDiffModel;
class ReplayRunner;

/**
 * File > Replay Recording…: plays a recording's client side against a
 * target (HOST:PORT, or a server or proxy of the bench), at a speed, with
 * ignore rules; shows the progress, then the summary ("same: …" / "N
 * differences in M connections"), each connection side by side (expected,
 * as recorded, against what came; differing rows marked) and the selected
 * difference in words. The replay runs in a thread of its own (ReplayRunner).
 */
class ReplayDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayDialog)

public:
    /** A target the bench offers: "echo (server)" at @p host : @p port. */
    struct Target
    {
        QString name;
        QString host;
        quint16 port = 0;
    };

    explicit ReplayDialog(QWidget *parent = nullptr);
    ~ReplayDialog() override;

    /** The bench's listening servers and proxies, offered as targets; the first fills the address. */
    void setTargets(const QList<Target> &targets);
    /** Reads @p fileName as the recording to replay; false, with the reason shown, if it is not one. */
    bool setRecordingFile(const QString &fileName);
    void setTarget(const QString &hostPort);
    /** The Replay button's work; false, with the reason shown, if the form is not complete. */
    bool startReplay();
    bool isReplaying() const;

    /** The summary line, as shown once a replay ended. */
    QString summary() const;
    const ReplayDiffModel *diffModel() const { return m_diffModel; }
    /** The differences of the last replay, in the list's order. */
    const QList<Difference> &differences() const { return m_differences; }

signals:
    /** A replay ended (its summary is shown). */
    void replayFinished();

private:
    void setUpForm();
    void setUpResults();
    void onBrowse();
    void onProgress(int finishedConversations, int conversations, qint64 sent, qint64 toSend);
    void onFinished();
    void showConversation(int index);
    void showDifference(int row);
    /** The spec the form says; false, with @p why, if it says none. */
    bool spec(ReplaySpec *spec, QString *why) const;
    void setProblem(const QString &problem);

    std::unique_ptr<Ui::ReplayDialog> m_ui;
    Recording m_recording;
    bool m_hasRecording = false;
    QString m_loadedFile; ///< the file m_recording came from, as typed or chosen
    ReplayRunner *m_runner = nullptr;       ///< child
    ReplayDiffModel *m_diffModel = nullptr; ///< child
    CompareOptions m_options;               ///< of the replay shown
    QList<Difference> m_differences;
    QList<Conversation> m_expected;
    QList<Conversation> m_replayed;
};

} // namespace wirebench
