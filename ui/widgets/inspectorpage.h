#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class InspectorPage;
}

namespace wirebench {

/**
 * Shows one log entry: its payload as text, as a hex dump, as a JSON tree
 * (json and cbor payloads) and as a picture (when the bytes are an image).
 * The tab the user last picked stays while it applies; otherwise the most
 * telling one is shown (image, then JSON tree, then text).
 */
class InspectorPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(InspectorPage)

public:
    enum class View { Text, Hex, Json, Image };
    Q_ENUM(View)

    explicit InspectorPage(QWidget *parent = nullptr);
    ~InspectorPage() override;

    void setEntry(const LogEntry &entry);
    void clear();

    bool hasEntry() const { return m_hasEntry; }
    LogEntry entry() const { return m_entry; }
    View currentView() const;
    bool isViewAvailable(View view) const;

    /** The hex dump's font (the system's fixed font until set). */
    void setHexFont(const QFont &font);
    /** The font of the text and JSON views (the system's fixed font until set). */
    void setTextFont(const QFont &font);

    /** True when @p bytes start like a PNG, JPEG, GIF or BMP file. */
    static bool looksLikeImage(const QByteArray &bytes);

private:
    void showText(const netcore::Message &message);
    bool showJson(const netcore::Message &message);
    bool showImage(const QByteArray &payload);
    void onTabClicked(int index);

    std::unique_ptr<Ui::InspectorPage> m_ui;
    LogEntry m_entry;
    bool m_hasEntry = false;
    int m_chosenTab = -1; ///< the tab the user clicked last; -1: none yet
};

} // namespace wirebench
