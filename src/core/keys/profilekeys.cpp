#include "core/keys/profilekeys.h"

#include "core/secrets/redaction.h"

ProfileKeys::ProfileKeys(KeyVault *vault, QObject *parent)
    : QObject(parent)
    , m_vault(vault)
{}

void ProfileKeys::key(const QString &profileId, KeyVault::ReadCallback done)
{
    const auto it = m_sessionKeys.constFind(profileId);
    if (it != m_sessionKeys.cend()) {
        done(KeyVault::Result{KeyVault::Status::Ok, {}}, *it);
        return;
    }
    m_vault->read(profileId,
                  [done = std::move(done)](const KeyVault::Result &r, const QString &key) {
                      Redaction::rememberSecret(key);
                      done(r, key);
                  });
}

void ProfileKeys::saveKey(const QString &profileId, const QString &key, KeyVault::DoneCallback done)
{
    m_vault->write(profileId, key,
                   [this, profileId, done = std::move(done)](const KeyVault::Result &r) {
                       if (r.ok())
                           m_sessionKeys.remove(profileId); // the keychain holds it now
                       done(r);
                   });
}

void ProfileKeys::removeKey(const QString &profileId, KeyVault::DoneCallback done)
{
    m_sessionKeys.remove(profileId);
    m_vault->remove(profileId, std::move(done));
}

void ProfileKeys::setSessionKey(const QString &profileId, const QString &key)
{
    Redaction::rememberSecret(key);
    m_sessionKeys.insert(profileId, key);
}

bool ProfileKeys::hasSessionKey(const QString &profileId) const
{
    return m_sessionKeys.contains(profileId);
}
