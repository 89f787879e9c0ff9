#pragma once

#include "core/keys/keyvault.h"

#include <QTest>

// KeyVault's asynchronous calls, waited for: tests read as a sequence of steps.
namespace SyncVault {

struct ReadOutcome
{
    KeyVault::Result result;
    QString secret;
};

inline bool waitFor(const bool &done)
{
    return QTest::qWaitFor([&done] { return done; }, 20000);
}

inline ReadOutcome read(KeyVault &vault, const QString &profile)
{
    bool done = false;
    ReadOutcome out;
    vault.read(profile, [&](const KeyVault::Result &r, const QString &secret) {
        out = {r, secret};
        done = true;
    });
    if (!waitFor(done))
        out.result = {KeyVault::Status::Failed, QStringLiteral("timed out")};
    return out;
}

inline KeyVault::Result write(KeyVault &vault, const QString &profile, const QString &secret)
{
    bool done = false;
    KeyVault::Result result{KeyVault::Status::Failed, QStringLiteral("timed out")};
    vault.write(profile, secret, [&](const KeyVault::Result &r) {
        result = r;
        done = true;
    });
    waitFor(done);
    return result;
}

inline KeyVault::Result remove(KeyVault &vault, const QString &profile)
{
    bool done = false;
    KeyVault::Result result{KeyVault::Status::Failed, QStringLiteral("timed out")};
    vault.remove(profile, [&](const KeyVault::Result &r) {
        result = r;
        done = true;
    });
    waitFor(done);
    return result;
}

} // namespace SyncVault
