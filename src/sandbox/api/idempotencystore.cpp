#include "sandbox/api/idempotencystore.h"

#include <QCryptographicHash>

namespace {

QString entryKey(const QString &apiKey, const QByteArray &idempotencyKey)
{
    // The API key and the client's key are joined with a byte neither may contain.
    return apiKey + QLatin1Char('\n') + QString::fromLatin1(idempotencyKey.toHex());
}

} // namespace

QByteArray IdempotencyStore::hashBody(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256);
}

const IdempotencyStore::Entry *
IdempotencyStore::find(const QString &apiKey, const QByteArray &idempotencyKey, qint64 nowMs)
{
    expire(nowMs);
    const auto it = m_entries.constFind(entryKey(apiKey, idempotencyKey));
    if (it == m_entries.cend() || nowMs - it->createdMs >= lifetimeMs)
        return nullptr;
    return &*it;
}

void IdempotencyStore::remember(const QString &apiKey, const QByteArray &idempotencyKey,
                                Entry entry)
{
    m_entries.insert(entryKey(apiKey, idempotencyKey), std::move(entry));
}

void IdempotencyStore::expire(qint64 nowMs)
{
    // A sweep a minute is plenty: find() also checks the age of the entry it returns.
    if (nowMs - m_lastSweepMs < 60 * 1000)
        return;
    m_lastSweepMs = nowMs;
    m_entries.removeIf(
        [nowMs](const auto &it) { return nowMs - it.value().createdMs >= lifetimeMs; });
}
