// No D-Bus at all is a state with a message, not a crash.
#include "core/keys/keychainvault.h"
#include "core/keys/profilekeys.h"
#include "support/privatesession.h"
#include "support/syncvault.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QTest>

// No D-Bus session at all (DBUS_SESSION_BUS_ADDRESS points nowhere; see CMakeLists.txt):
// the vault says there is no keychain, never falls back to a file, and a session key works.
class TestKeyVaultNoBus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void noKeychainIsAStateNotACrash()
    {
        KeychainVault vault(QStringLiteral("Pi Console test"));
        const KeyVault::Result written =
            SyncVault::write(vault, QStringLiteral("p"), QStringLiteral("pi_key_nowhere_01"));
        QVERIFY2(written.status == KeyVault::Status::NoKeychain, qPrintable(written.message));
        QVERIFY(written.message.contains(QLatin1String("session only")));

        const SyncVault::ReadOutcome read = SyncVault::read(vault, QStringLiteral("p"));
        QCOMPARE(read.result.status, KeyVault::Status::NoKeychain);

        // Nothing was written to disk in its place.
        QDirIterator it(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("pi_key_nowhere_01"), qPrintable(f.fileName()));
        }

        ProfileKeys keys(&vault);
        keys.setSessionKey(QStringLiteral("p"), QStringLiteral("pi_key_in_memory_01"));
        QString secret;
        bool done = false;
        keys.key(QStringLiteral("p"), [&](const KeyVault::Result &r, const QString &s) {
            QVERIFY(r.ok());
            secret = s;
            done = true;
        });
        QVERIFY(SyncVault::waitFor(done));
        QCOMPARE(secret, QStringLiteral("pi_key_in_memory_01"));
    }
};

QTEST_GUILESS_MAIN(TestKeyVaultNoBus)
#include "tst_keyvaultnobus.moc"
