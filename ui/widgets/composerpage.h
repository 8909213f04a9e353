#pragma once

#include <engine/composedpayload.h>
#include <engine/payloadbuilder.h>
#include <engine/workspace.h>

#include <QtCore/QHash>
#include <QtCore/QStringList>
#include <QtWidgets/QWidget>

class QLabel;

#include <memory>

namespace Ui {
class ComposerPage;
}

namespace wirebench {

class PayloadLibraryModel;
class PayloadSequenceModel;

/**
 * Composes a message (json validated as it is typed, text with escapes, hex,
 * a file or an image; the first four may hold the templates {{seq}}, {{now}}
 * and {{random:A-B}}), and asks for it to be sent once or as a paced load, or
 * for a sequence of saved payloads to be sent (SequencePanel). Where it goes
 * is chosen here (selected clients, selected server connections, or a
 * broadcast); which clients or connections are selected is the other pages'
 * business, told with setSelection().
 *
 * {{seq}} is the number of the send: 1 for Send, 1 to N for the load's
 * repetitions, the step's number in a sequence; every destination of one
 * send gets the same, and its own {{now}} and {{random}}.
 */
class ComposerPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ComposerPage)

public:
    enum class Target { SelectedClients, SelectedConnections, Broadcast };
    Q_ENUM(Target)

    /** What each target stands for now; the window tells it as the other pages' selections change. */
    struct Selection
    {
        QStringList clientNames;         ///< the selected clients
        int clientsWithoutChannels = 0;  ///< of those, how many speak a codec without channel and id
        int connections = 0;             ///< the selected server's selected connections
        QString serverName;              ///< empty when no server is selected
        int serverClients = 0;           ///< the selected server's connections: a broadcast's recipients
        bool serverWithoutChannels = false; ///< the selected server's codec carries no channel and id
    };

    explicit ComposerPage(QWidget *parent = nullptr);
    ~ComposerPage() override;

    /** The saved payload library shown and edited by the page (not owned). */
    void setLibraryModel(PayloadLibraryModel *model);
    /** The sequence edited and sent by the page (not owned); after setLibraryModel(), its steps' source. */
    void setSequenceModel(PayloadSequenceModel *model);

    void setSelection(const Selection &selection);
    /** Envelope clients named "client 1".."client N"; @p serverName is empty when no server is selected. */
    void setSelection(int selectedClients, int selectedConnections, const QString &serverName);
    void setLoadProgress(const LoadProgress &progress);
    /** Shows how far the sequence got; a refusal shows under the Send button too. */
    void setSequenceProgress(const SequenceProgress &progress);
    /** Shows what became of the latest Send under the Send button (in red when something was not sent). */
    void showSendReport(const SendTally &messages);

    Target target() const;
    void setTarget(Target target);

    /** The payload editor's font (the system's fixed font until set). */
    void setEditorFont(const QFont &font);

    PayloadBuilder::Kind kind() const;
    void setPayload(const SavedPayload &payload);
    SavedPayload currentPayload() const;

    /** Empty when the payload can be sent, else why not (also shown under the editor). */
    QString validationError() const;

signals:
    void sendRequested(wirebench::ComposerPage::Target target, const wirebench::ComposedPayload &payload);
    void loadRequested(wirebench::ComposerPage::Target target, const wirebench::ComposedPayload &payload,
                       qint64 count, int ratePerSecond);
    void stopLoadRequested();
    void sequenceRequested(wirebench::ComposerPage::Target target, const QList<wirebench::ComposedPayload> &steps,
                           int delayMsecs);
    void stopSequenceRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onKindChosen(int index);
    void onBrowse();
    void onSend();
    void onStartLoad();
    void onSaveToLibrary();
    void onLoadFromLibrary();
    void onDeleteFromLibrary();
    QString content() const;
    bool composePayload(ComposedPayload *payload);
    void validate();
    void updateImagePreview();
    void updateActions();
    /** Channel and id only where the target's codec carries them; the tooltip says why not. */
    void updateChannelField();
    void updateLoadTotal();
    /** The tab shown sets the height: the sequence's list does not squeeze the editor in the load's tab. */
    void fitSendModeTabs();
    /** The number of messages one send to the current target is. */
    int destinations() const;
    void showSummary(const QString &summary);
    void elideSummary();
    /** Shows @p text in @p label, red if @p isError, else in the theme's quiet "ok" colour. */
    void showHint(QLabel *label, const QString &text, bool isError);
    /** What of a run's refusals is under the Send button already. */
    struct RefusalsShown
    {
        quint64 run = 0;
        qint64 refused = 0;
    };
    /** Run @p run's refusals under the Send button, as @p wording ("Send N: %1") says them. */
    void showRefusals(const QString &wording, quint64 run, const SendTally &messages, bool running,
                      RefusalsShown *shown);

    std::unique_ptr<Ui::ComposerPage> m_ui;
    PayloadLibraryModel *m_library = nullptr;
    PayloadBuilder::Kind m_kind = PayloadBuilder::Kind::Json;
    QHash<int, QString> m_textByKind; ///< what was typed per editor kind, kept across kind switches
    QString m_error;
    Selection m_selection;
    QString m_summary;                ///< the target summary before eliding
    QString m_sendStatus;             ///< shown under the Send button
    bool m_sendStatusIsError = false;
    bool m_loadRunning = false;
    RefusalsShown m_loadRefusals;
    RefusalsShown m_sequenceRefusals;
};

} // namespace wirebench
