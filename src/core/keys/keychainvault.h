#pragma once

#include "core/keys/keyvault.h"

// The only place an API key is stored: the OS keychain through QtKeychain, one entry per
// profile. There is no insecure fallback; when no keychain works the caller is told so and
// may keep a key in memory for the session instead.
class KeychainVault final : public KeyVault
{
    Q_OBJECT

public:
    explicit KeychainVault(QString service = QStringLiteral("Pi Console"),
                           QObject *parent = nullptr);
    ~KeychainVault() override;

    void read(const QString &profileId, ReadCallback done) override;
    void write(const QString &profileId, const QString &secret, DoneCallback done) override;
    // Ok only when the keychain no longer holds the key: a locked keyring that keeps it
    // (its unlock prompt dismissed, or unable to show) is AccessDenied, though QtKeychain
    // reports the delete itself as done.
    void remove(const QString &profileId, DoneCallback done) override;

    QString service() const { return m_service; }

private:
    QString m_service;
};
