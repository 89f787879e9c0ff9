// A bus with no Secret Service is a state with a message, not a crash.
#include "core/keys/keychainvault.h"
#include "support/privatesession.h"
#include "support/syncvault.h"

#include <QTest>

// A session bus with no Secret Service on it (tests/bus-without-secrets.sh): the vault
// reports that no keychain is available, with a message a person can act on.
class TestKeyVaultNoService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void busWithoutSecretServiceMeansNoKeychain()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/bus-without-secrets.sh");
        KeychainVault vault(QStringLiteral("Pi Console test"));
        const KeyVault::Result written =
            SyncVault::write(vault, QStringLiteral("p"), QStringLiteral("pi_key_without_service"));
        QVERIFY2(written.status == KeyVault::Status::NoKeychain, qPrintable(written.message));
        QVERIFY(written.message.contains(QLatin1String("session only")));
        qInfo("%s", qPrintable(written.message));
        const SyncVault::ReadOutcome read = SyncVault::read(vault, QStringLiteral("p"));
        QVERIFY2(read.result.status == KeyVault::Status::NoKeychain,
                 qPrintable(read.result.message));
        QVERIFY(read.secret.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeyVaultNoService)
#include "tst_keyvaultnoservice.moc"
