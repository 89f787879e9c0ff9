#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcKeyVault)

// The only place an API key is stored: the OS keychain through QtKeychain, one entry per
// profile. There is no insecure fallback; when no keychain works the caller is told so and
// may keep a key in memory for the session instead.
class KeyVault final : public QObject
{
    Q_OBJECT

public:
    enum class Status
    {
        Ok,
        // No entry, or (with a locked keyring) an entry the keychain will not show: never
        // take it as proof that the key is gone.
        NotFound,
        AccessDenied, // the keyring is locked or the user refused
        NoKeychain,   // no D-Bus, no Secret Service, no backend on this system
        Failed,
    };
    Q_ENUM(Status)

    struct Result
    {
        Status status = Status::Failed;
        QString message; // for people; never contains the secret
        bool ok() const { return status == Status::Ok; }
    };

    using ReadCallback = std::function<void(const Result &, const QString &secret)>;
    using DoneCallback = std::function<void(const Result &)>;

    explicit KeyVault(QString service = QStringLiteral("Pi Console"), QObject *parent = nullptr);

    void read(const QString &profileId, ReadCallback done);
    void write(const QString &profileId, const QString &secret, DoneCallback done);
    // Ok only when the keychain no longer holds the key: a locked keyring that keeps it
    // (its unlock prompt dismissed, or unable to show) is AccessDenied, though QtKeychain
    // reports the delete itself as done.
    void remove(const QString &profileId, DoneCallback done);

    QString service() const { return m_service; }

private:
    QString m_service;
};
