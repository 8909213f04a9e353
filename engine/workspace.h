#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QList>
#include <QtCore/QString>

namespace wirebench {

/** A payload the user saved in the composer's library. */
struct SavedPayload
{
    QString name;
    QString kind = QStringLiteral("json"); ///< "json", "text", "binary" (hex), "file" (path), "image" (path)
    QString content;                         ///< json/text as typed, hex digits, or a file path
    QString channel;
    quint32 id = 0;

    QJsonObject toJson() const;
    static SavedPayload fromJson(const QJsonObject &object);
    friend bool operator==(const SavedPayload &a, const SavedPayload &b);
};

/** The Scenarios panel's text, and the file it came from or went to. */
struct SavedScenario
{
    QString text;     ///< as typed, valid or not
    QString fileName; ///< empty when it was never opened from nor saved to a file

    bool isEmpty() const { return text.isEmpty() && fileName.isEmpty(); }
    QJsonObject toJson() const;
    static SavedScenario fromJson(const QJsonObject &object);
    friend bool operator==(const SavedScenario &a, const SavedScenario &b);
};

/** Everything a workspace file holds: servers, clients, saved payloads and the scenario being edited. */
struct Workspace
{
    static constexpr int formatVersion = 1;

    QList<ServerSpec> servers;
    QList<ClientSpec> clients; ///< one per client, with its own name
    QList<SavedPayload> payloads;
    SavedScenario scenario; ///< "scenario", left out when empty (and in files written before it)

    QJsonObject toJson() const;
    /** False, with @p error set, if the object is not a workspace this version can read. */
    static bool fromJson(const QJsonObject &object, Workspace *workspace, QString *error);

    bool save(const QString &path, QString *error) const;
    static bool load(const QString &path, Workspace *workspace, QString *error);

    friend bool operator==(const Workspace &a, const Workspace &b);
};

} // namespace wirebench
