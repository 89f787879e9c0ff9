#pragma once

#include "core/keys/keyvault.h"

#include <QHash>
#include <QTimer>

// A key vault whose answers the test scripts: it holds keys in memory and answers every call
// with `status` when that is not Ok, a turn of the event loop later, as a keychain would.
class FakeVault final : public KeyVault
{
public:
    Status status = Status::Ok;
    QHash<QString, QString> keys;
    int calls = 0;

    void read(const QString &profileId, ReadCallback done) override
    {
        answer([this, profileId, done](const Result &r) {
            const bool found = r.ok() && keys.contains(profileId);
            done(found || !r.ok() ? r : Result{Status::NotFound, QStringLiteral("not found")},
                 found ? keys.value(profileId) : QString());
        });
    }
    void write(const QString &profileId, const QString &secret, DoneCallback done) override
    {
        answer([this, profileId, secret, done](const Result &r) {
            if (r.ok())
                keys.insert(profileId, secret);
            done(r);
        });
    }
    void remove(const QString &profileId, DoneCallback done) override
    {
        answer([this, profileId, done](const Result &r) {
            if (r.ok())
                keys.remove(profileId);
            done(r);
        });
    }

private:
    void answer(std::function<void(const Result &)> then)
    {
        ++calls;
        const Result r{status, status == Status::Ok ? QString() : QStringLiteral("scripted")};
        QTimer::singleShot(0, this, [r, then = std::move(then)] { then(r); });
    }
};
