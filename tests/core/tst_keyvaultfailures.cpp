// A locked keyring loses nothing: reads say locked or not found, and nothing is deleted or
// overwritten because of it.
#include "core/keys/keychainvault.h"
#include "core/keys/profilekeys.h"
#include "support/privatesession.h"
#include "support/syncvault.h"
#include "support/testkeyring.h"

#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QProcess>
#include <QTest>

// A locked keyring, against a real gnome-keyring in a session of this test's own
// (OWN_SESSION in tests/CMakeLists.txt): it locks the keyring, so it shares it with no one.
class TestKeyVaultFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void lockedKeyringNeverLosesTheKey()
    {
        KeychainVault vault(QStringLiteral("Pi Console test"));
        ProfileKeys keys(&vault);
        const QString profile = QStringLiteral("locked-profile");
        const QString original = QStringLiteral("pi_original_key_0001");
        QVERIFY(SyncVault::write(vault, profile, original).ok());

        QVERIFY(TestKeyring::lockLogin());

        // Locked: the keychain reports the key as not found. That is not "gone".
        const SyncVault::ReadOutcome locked = SyncVault::read(vault, profile);
        QCOMPARE(locked.result.status, KeyVault::Status::NotFound);
        QVERIFY(locked.secret.isEmpty());
        QVERIFY(!locked.result.message.isEmpty());
        QVERIFY(locked.result.message.contains(QLatin1String("locked")));

        // A write is refused and must leave the stored key as it was.
        bool done = false;
        KeyVault::Result written;
        keys.saveKey(profile, QStringLiteral("pi_replacement_key_0002"),
                     [&](const KeyVault::Result &r) {
                         written = r;
                         done = true;
                     });
        QVERIFY(SyncVault::waitFor(done));
        QVERIFY(!written.ok());
        QCOMPARE(written.status, KeyVault::Status::AccessDenied);
        QVERIFY(!written.message.isEmpty());

        // The user can go on with a key for this session only.
        keys.setSessionKey(profile, QStringLiteral("pi_session_only_key_03"));
        done = false;
        QString fromKeys;
        keys.key(profile, [&](const KeyVault::Result &r, const QString &secret) {
            QVERIFY(r.ok());
            fromKeys = secret;
            done = true;
        });
        QVERIFY(SyncVault::waitFor(done));
        QCOMPARE(fromKeys, QStringLiteral("pi_session_only_key_03"));

        QVERIFY(TestKeyring::restartAndUnlock());
        QTRY_COMPARE_WITH_TIMEOUT(TestKeyring::lookUpInNewProcess(vault.service(), profile),
                                  original, 20000);
    }
};

QTEST_GUILESS_MAIN(TestKeyVaultFailures)
#include "tst_keyvaultfailures.moc"
