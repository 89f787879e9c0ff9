// Keys written to the real Secret Service, read back byte for byte and deleted.
#include "core/keys/keychainvault.h"
#include "support/privatesession.h"
#include "support/syncvault.h"

#include <QTest>

// Runs against the real Secret Service of the test's private D-Bus session
// (tests/private-session.sh): no mock, no insecure fallback.
class TestKeyVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/private-session.sh (make test): this test needs the "
                 "private Secret Service");
    }

    void writeReadRemoveIsByteExact()
    {
        KeychainVault vault(QStringLiteral("Pi Console test"));
        // Every byte class a pasted key could bring: ASCII, punctuation, UTF-8, a tab.
        const QString secret = QStringLiteral("pi_live_Ab9+/=%1\t\"'\\ ключ 鍵 🔑").arg(42);
        const QString profile =
            QStringLiteral("profile-%1").arg(QLatin1String(QTest::currentTestFunction()));

        const KeyVault::Result written = SyncVault::write(vault, profile, secret);
        QVERIFY2(written.ok(), qPrintable(written.message));

        const SyncVault::ReadOutcome back = SyncVault::read(vault, profile);
        QVERIFY2(back.result.ok(), qPrintable(back.result.message));
        QCOMPARE(back.secret.toUtf8(), secret.toUtf8());

        const KeyVault::Result removed = SyncVault::remove(vault, profile);
        QVERIFY2(removed.ok(), qPrintable(removed.message));

        const SyncVault::ReadOutcome gone = SyncVault::read(vault, profile);
        QCOMPARE(gone.result.status, KeyVault::Status::NotFound);
        QVERIFY(gone.secret.isEmpty());
    }

    void profilesAreSeparateAndOverwriteReplaces()
    {
        KeychainVault vault(QStringLiteral("Pi Console test"));
        QVERIFY(
            SyncVault::write(vault, QStringLiteral("a"), QStringLiteral("pi_key_for_a_1")).ok());
        QVERIFY(
            SyncVault::write(vault, QStringLiteral("b"), QStringLiteral("pi_key_for_b_1")).ok());
        QVERIFY(
            SyncVault::write(vault, QStringLiteral("a"), QStringLiteral("pi_key_for_a_2")).ok());

        QCOMPARE(SyncVault::read(vault, QStringLiteral("a")).secret,
                 QStringLiteral("pi_key_for_a_2"));
        QCOMPARE(SyncVault::read(vault, QStringLiteral("b")).secret,
                 QStringLiteral("pi_key_for_b_1"));

        QVERIFY(SyncVault::remove(vault, QStringLiteral("a")).ok());
        QCOMPARE(SyncVault::read(vault, QStringLiteral("b")).secret,
                 QStringLiteral("pi_key_for_b_1"));
        QVERIFY(SyncVault::remove(vault, QStringLiteral("b")).ok());
    }

    void servicesDoNotSeeEachOthersKeys()
    {
        KeychainVault mine(QStringLiteral("Pi Console test"));
        KeychainVault other(QStringLiteral("Some other app"));
        QVERIFY(
            SyncVault::write(mine, QStringLiteral("shared-name"), QStringLiteral("pi_mine_secret"))
                .ok());
        QCOMPARE(SyncVault::read(other, QStringLiteral("shared-name")).result.status,
                 KeyVault::Status::NotFound);
        QVERIFY(SyncVault::remove(mine, QStringLiteral("shared-name")).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeyVault)
#include "tst_keyvault.moc"
