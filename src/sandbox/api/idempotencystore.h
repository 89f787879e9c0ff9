#pragma once

#include "sandbox/api/sandboxreply.h"

#include <QHash>
#include <QString>

// Remembers, per API key and Idempotency-Key, the first POST's body hash and its response,
// for 24 hours, so a retry with the same bytes replays it and one with other bytes is refused.
class IdempotencyStore final
{
public:
    struct Entry
    {
        QByteArray bodyHash;
        SandboxReply reply;
        qint64 createdMs = 0;
    };

    static constexpr qint64 lifetimeMs = 24LL * 60 * 60 * 1000;

    // The live entry for (apiKey, idempotencyKey), or nullptr.
    const Entry *find(const QString &apiKey, const QByteArray &idempotencyKey, qint64 nowMs);
    void remember(const QString &apiKey, const QByteArray &idempotencyKey, Entry entry);
    int size() const { return int(m_entries.size()); }

    static QByteArray hashBody(const QByteArray &body);

private:
    void expire(qint64 nowMs);

    QHash<QString, Entry> m_entries;
    qint64 m_lastSweepMs = 0;
};
