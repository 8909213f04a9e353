#pragma once

#include <engine/benchtypes.h>
#include <engine/savedpayload.h>

#include <QtCore/QList>
#include <QtCore/QString>

namespace wirebench {

/** The composer's sequence: saved payloads sent in order, delayMsecs apart (Bench::startSequence()). */
struct PayloadSequence
{
    static constexpr int defaultDelayMsecs = 200;

    QList<SavedPayload> steps; ///< copies: deleting a payload from the library leaves the sequence whole
    int delayMsecs = defaultDelayMsecs;

    QJsonObject toJson() const;
    /** False, with @p error set, if its steps are not a list of objects; missing fields keep their defaults. */
    static bool fromJson(const QJsonObject &object, PayloadSequence *sequence, QString *error);
    friend bool operator==(const PayloadSequence &a, const PayloadSequence &b);
};

/** Everything a workspace file holds: servers, clients (with their logins), saved payloads and the sequence. */
struct Workspace
{
    static constexpr int formatVersion = 1;

    QList<ServerSpec> servers;
    QList<ClientSpec> clients; ///< one per client, with its own name
    QList<SavedPayload> payloads;
    PayloadSequence sequence;

    QJsonObject toJson() const;
    /** False, with @p error set, if the object is not a workspace this version can read. */
    static bool fromJson(const QJsonObject &object, Workspace *workspace, QString *error);

    bool save(const QString &path, QString *error) const;
    static bool load(const QString &path, Workspace *workspace, QString *error);

    friend bool operator==(const Workspace &a, const Workspace &b);
};

} // namespace wirebench
