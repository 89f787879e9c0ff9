#include "net/apiclient.h"
#include "session/session.h"
#include "support/fakevault.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// What Session does when the key vault fails: the policy, with a scripted vault. The real
// keychain is tested against gnome-keyring in tst_keyvault*.
class TestSession final : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        QTemporaryDir dir;
        QSettings settings{dir.filePath(QStringLiteral("pi-console.conf")), QSettings::IniFormat};
        QNetworkAccessManager network;
        ApiClient client{&network};
        FakeVault vault;
        ProfileKeys keys{&vault};
        ProfileStore profiles{&settings};
        Session session{&client, &profiles, &keys, nullptr};

        // Nothing listens on port 9 (discard) on loopback: a call fails at once.
        Profile add(bool sessionOnly)
        {
            return profiles.upsert({QString(), QStringLiteral("Local"),
                                    QUrl(QStringLiteral("http://127.0.0.1:9")), sessionOnly});
        }
    };

    static KeyVault::Result saveKey(Session &session, const QString &id, bool *profileSaved)
    {
        KeyVault::Result out{KeyVault::Status::Failed, QStringLiteral("no answer")};
        bool done = false;
        session.saveKeyInKeychain(id, QStringLiteral("pi_key_for_the_session_test"),
                                  [&](const KeyVault::Result &r, bool saved) {
                                      out = r;
                                      *profileSaved = saved;
                                      done = true;
                                  });
        if (!QTest::qWaitFor([&done] { return done; }, 5000))
            qWarning("saveKeyInKeychain never answered");
        return out;
    }

    static bool removeProfile(Session &session, const QString &id)
    {
        bool removed = false;
        bool done = false;
        session.removeProfile(id, [&](const KeyVault::Result &, bool r) {
            removed = r;
            done = true;
        });
        if (!QTest::qWaitFor([&done] { return done; }, 5000))
            qWarning("removeProfile never answered");
        return removed;
    }

    static ApiRequest ping()
    {
        ApiRequest request;
        request.path = QStringLiteral("/v1/ping");
        return request;
    }

private Q_SLOTS:
    void aFailedSaveChangesNothing()
    {
        Fixture f;
        const Profile p = f.add(true);
        f.vault.status = KeyVault::Status::AccessDenied;
        bool profileSaved = true;
        QCOMPARE(saveKey(f.session, p.id, &profileSaved).status, KeyVault::Status::AccessDenied);
        QVERIFY(!profileSaved);
        QVERIFY(f.profiles.find(p.id).sessionOnly);
        QVERIFY(f.vault.keys.isEmpty());
    }

    void aSavedKeySavesItsSessionOnlyProfile()
    {
        Fixture f;
        const Profile p = f.add(true);
        bool profileSaved = false;
        QVERIFY(saveKey(f.session, p.id, &profileSaved).ok());
        QVERIFY(profileSaved);
        QVERIFY(!f.profiles.find(p.id).sessionOnly);
        QCOMPARE(f.vault.keys.value(p.id), QStringLiteral("pi_key_for_the_session_test"));
    }

    void aLockedVaultKeepsTheProfileSoItsKeyCanStillBeReached()
    {
        for (const auto status : {KeyVault::Status::AccessDenied, KeyVault::Status::NoKeychain,
                                  KeyVault::Status::Failed}) {
            Fixture f;
            const Profile p = f.add(false);
            f.vault.keys.insert(p.id, QStringLiteral("pi_still_in_the_vault"));
            f.vault.status = status;
            QVERIFY(!removeProfile(f.session, p.id));
            QVERIFY(f.profiles.find(p.id).isValid());
        }
    }

    void aProfileGoesOnceItsKeyIsGoneOrWasNeverThere()
    {
        Fixture f;
        const Profile stored = f.add(false);
        f.vault.keys.insert(stored.id, QStringLiteral("pi_to_be_removed"));
        QVERIFY(removeProfile(f.session, stored.id));
        QVERIFY(!f.profiles.find(stored.id).isValid());
        QVERIFY(f.vault.keys.isEmpty());

        // The scripted NotFound: the keychain answered, and it holds nothing under that id.
        const Profile never = f.add(false);
        f.vault.status = KeyVault::Status::NotFound;
        QVERIFY(removeProfile(f.session, never.id));
        QVERIFY(!f.profiles.find(never.id).isValid());
    }

    void aSessionOnlyProfileAlwaysGoes()
    {
        Fixture f;
        const Profile p = f.add(true);
        f.vault.status = KeyVault::Status::AccessDenied;
        QVERIFY(removeProfile(f.session, p.id));
        QVERIFY(!f.profiles.find(p.id).isValid());
    }

    void aLockedVaultSendsNothingAndSaysWhy()
    {
        Fixture f;
        const Profile p = f.add(false);
        f.session.setCurrentProfile(p.id);
        f.vault.status = KeyVault::Status::AccessDenied;
        QSignalSpy problems(&f.session, &Session::keyProblem);
        QSignalSpy started(&f.session, &Session::callStarted);
        f.session.send(ping());
        QVERIFY(problems.wait(5000));
        QCOMPARE(problems.first().at(1).value<KeyVault::Result>().status,
                 KeyVault::Status::AccessDenied);
        QTest::qWait(50);
        QCOMPARE(started.count(), 0);
    }

    void noStoredKeySendsWithoutOneSoPiSaysSo()
    {
        Fixture f;
        const Profile p = f.add(false);
        f.session.setCurrentProfile(p.id);
        QSignalSpy problems(&f.session, &Session::keyProblem);
        QSignalSpy started(&f.session, &Session::callStarted);
        f.session.send(ping());
        QVERIFY(started.wait(5000));
        QCOMPARE(problems.count(), 1);
        QCOMPARE(problems.first().at(1).value<KeyVault::Result>().status,
                 KeyVault::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
