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

/**
 * Everything a workspace file holds: servers, clients (with their logins), proxies (with their
 * faults), saved payloads, the sequence and the scenario being edited.
 */
struct Workspace
{
    static constexpr int formatVersion = 1;

    QList<ServerSpec> servers;
    QList<ClientSpec> clients; ///< one per client, with its own name
    QList<ProxySpec> proxies;  ///< "proxies", left out when empty (and in files written before them)
    QList<SavedPayload> payloads;
    PayloadSequence sequence;
    SavedScenario scenario; ///< "scenario", left out when empty (and in files written before it)

    QJsonObject toJson() const;
    /** False, with @p error set, if the object is not a workspace this version can read. */
    static bool fromJson(const QJsonObject &object, Workspace *workspace, QString *error);

    bool save(const QString &path, QString *error) const;
    static bool load(const QString &path, Workspace *workspace, QString *error);

    friend bool operator==(const Workspace &a, const Workspace &b);
};

} // namespace wirebench
