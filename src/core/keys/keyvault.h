#pragma once

#include <QObject>
#include <QString>

#include <functional>

// Where API keys are stored, one entry per profile id, asked asynchronously. The app's vault
// is the OS keychain (KeychainVault); unit tests of what the app does when it fails put a
// scripted one in its place.
class KeyVault : public QObject
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

    explicit KeyVault(QObject *parent = nullptr)
        : QObject(parent)
    {}

    // Each calls `done` exactly once, later, on this thread.
    virtual void read(const QString &profileId, ReadCallback done) = 0;
    virtual void write(const QString &profileId, const QString &secret, DoneCallback done) = 0;
    // Ok only when the vault no longer holds the key.
    virtual void remove(const QString &profileId, DoneCallback done) = 0;
};
