#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class LogPage;
}

namespace wirebench {

class MessageLogFilterModel;
class MessageLogModel;

/**
 * The message log: one row per message in or out, filtered by text,
 * channel, endpoint and direction.
 *
 * The view follows the newest row while "follow latest" is on: scrolling to
 * the bottom turns it on, scrolling up turns it off (the view then stays put
 * to be read), and the toggle does either. A filter changed or cleared
 * while following keeps following. Pause stops *recording*, like a
 * browser's network panel: messages that pass while paused never enter the
 * log (the owner detaches the log from the feed on pausedChanged()), while
 * the lists, counters and the traffic panel keep going. That keeps the
 * rows still to read and spares the GUI the log's cost during a load test.
 */
class LogPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(LogPage)

public:
    enum class ExportFormat { JsonLines, Csv };

    explicit LogPage(QWidget *parent = nullptr);
    ~LogPage() override;

    /** The log to show (not owned); the page filters it with a model of its own. */
    void setLogModel(MessageLogModel *model);
    /** The rows as shown: the filtered log. */
    const MessageLogFilterModel *shownModel() const;

    /** Channels offered by the channel filter (new ones are added, none removed). */
    void addKnownChannels(const QStringList &channels);

    bool isPaused() const;
    void setPaused(bool paused);
    /** True while new rows scroll the view ("follow latest" is on). */
    bool isFollowingTail() const;
    void setFollowingTail(bool follow);

    /** Selects the newest shown row on @p channel (any channel if empty); false if none. */
    bool selectLatest(const QString &channel = QString());

    /** Filter edits take effect this long after the last keystroke. */
    static constexpr int filterDelayMsecs = 150;

    /** CSV when @p path ends in ".csv", else JSON Lines. */
    static ExportFormat formatForPath(const QString &path);
    /** Writes the rows shown; false with @p error set on failure. */
    bool exportToFile(const QString &path, QString *error) const;
    /** Asks for a file name and exports, reporting a failure in a message box. */
    void exportWithDialog();

signals:
    void entrySelected(const wirebench::LogEntry &entry);
    void pausedChanged(bool paused);
    /** exportWithDialog() wrote @p rows rows to @p path. */
    void exported(int rows, const QString &path);

private:
    void onRowsInserted();
    void onScrolled(int value);
    void onScrollRangeChanged(int minimum, int maximum);
    void scrollToTailIfFollowing();
    void onCurrentChanged(const QModelIndex &current);
    void applyFilters();
    void updateRowCount();
    /** The direction word that takes the most room ("out", "c2s", ...), for the column's width. */
    QString widestDirection() const;

    std::unique_ptr<Ui::LogPage> m_ui;
    MessageLogModel *m_logModel = nullptr;
    MessageLogFilterModel *m_filterModel = nullptr; ///< child of the page
    bool m_scrollingItself = false; ///< a scroll the page makes is not the user's: it changes no following
    QTimer m_filterDelay; ///< refilters once typing pauses: a million rows are not refiltered per keystroke
};

} // namespace wirebench
