#pragma once

#include <engine/payloadbuilder.h>
#include <engine/workspace.h>

#include <QtCore/QHash>
#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class ComposerPage;
}

namespace wirebench {

class PayloadLibraryModel;

/**
 * Composes a message (json validated as it is typed, text with escapes, hex,
 * a file or an image), and asks for it to be sent once or as a paced load.
 * Where it goes is chosen here (selected clients, selected server
 * connections, or a broadcast); which clients or connections are selected is
 * the other pages' business, told with setSelection().
 */
class ComposerPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(ComposerPage)

public:
    enum class Target { SelectedClients, SelectedConnections, Broadcast };
    Q_ENUM(Target)

    explicit ComposerPage(QWidget *parent = nullptr);
    ~ComposerPage() override;

    /** The saved payload library shown and edited by the page (not owned). */
    void setLibraryModel(PayloadLibraryModel *model);

    /** What the targets currently stand for; @p serverName is empty when no server is selected. */
    void setSelection(int selectedClients, int selectedConnections, const QString &serverName);
    void setLoadProgress(const LoadProgress &progress);

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
    void sendRequested(wirebench::ComposerPage::Target target, const netcore::Message &message);
    void loadRequested(wirebench::ComposerPage::Target target, const netcore::Message &message,
                       qint64 count, int ratePerSecond);
    void stopLoadRequested();

private:
    void onKindChosen(int index);
    void onBrowse();
    void onSend();
    void onStartLoad();
    void onSaveToLibrary();
    void onLoadFromLibrary();
    void onDeleteFromLibrary();
    QString content() const;
    bool buildMessage(netcore::Message *message);
    void validate();
    void updateImagePreview();
    void updateActions();

    std::unique_ptr<Ui::ComposerPage> m_ui;
    PayloadLibraryModel *m_library = nullptr;
    PayloadBuilder::Kind m_kind = PayloadBuilder::Kind::Json;
    QHash<int, QString> m_textByKind; ///< what was typed per editor kind, kept across kind switches
    QString m_error;
    int m_selectedClients = 0;
    int m_selectedConnections = 0;
    QString m_serverName;
    bool m_loadRunning = false;
};

} // namespace wirebench
