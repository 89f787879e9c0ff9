#pragma once

#include "core/keys/keyvault.h"

#include <QHash>

// The key for each profile: from the keychain, or held in memory for this session only
// (when the user asks, when no keychain works, or from PI_API_KEY). A keychain that says
// "not found" is never taken as a reason to delete or overwrite anything.
class ProfileKeys final : public QObject
{
    Q_OBJECT

public:
    explicit ProfileKeys(KeyVault *vault, QObject *parent = nullptr);

    // Session key first, then the keychain.
    void key(const QString &profileId, KeyVault::ReadCallback done);
    // Saved to the keychain; on failure nothing changes, and the caller may offer
    // setSessionKey instead.
    void saveKey(const QString &profileId, const QString &key, KeyVault::DoneCallback done);
    void removeKey(const QString &profileId, KeyVault::DoneCallback done);
    void setSessionKey(const QString &profileId, const QString &key);
    bool hasSessionKey(const QString &profileId) const;
    // The keychain itself, for the profile's other secrets (a client certificate's
    // passphrase).
    KeyVault *vault() const { return m_vault; }
    static QString passphraseEntry(const QString &profileId)
    {
        return QStringLiteral("client certificate ") + profileId;
    }

private:
    KeyVault *m_vault;
    QHash<QString, QString> m_sessionKeys;
};
