// The Session with a scripted key vault: a failed save changes nothing, a locked keychain keeps the
// profile (so its key can still be reached), a profile goes once its key is gone or was never
// there, a locked keychain sends nothing and says why, no stored key sends without one; a retry is
// planned to its call's own profile.
#include "core/net/apiclient.h"
#include "core/secrets/redaction.h"
#include "core/session/session.h"
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

    // Every resend of a recorded call is planned in one place: to the profile the call went
    // to, whichever is selected now, with its own key or (Use a new key) a fresh one.
    void aResendGoesToItsCallsProfile()
    {
        Fixture f;
        const Profile a = f.profiles.upsert(
            {QString(), QStringLiteral("A"), QUrl(QStringLiteral("http://127.0.0.1:9")), false});
        const Profile b = f.profiles.upsert(
            {QString(), QStringLiteral("B"), QUrl(QStringLiteral("http://127.0.0.2:9")), false});
        f.session.setCurrentProfile(b.id);
        CallRecord record;
        record.id = 7;
        record.profile = a.name;
        record.profileId = a.id;
        record.method = "POST";
        record.url = QUrl(QStringLiteral("http://127.0.0.1:9/v1/charges"));
        record.requestBody = "{\"amount\": 1}";
        record.idempotencyKey = "key-of-the-call";
        record.requestHeaders = {
            {"Authorization", "Bearer [redacted]"}, {"Cookie", "[redacted]"}, {"X-Trace", "t-1"}};

        const Resend same = f.session.retryPlan(record);
        QVERIFY(same.canGo());
        // A header recorded redacted is not resent as "[redacted]", and the person is told.
        QCOMPARE(same.request.headers, HttpHeaders({{"X-Trace", "t-1"}}));
        QVERIFY2(same.note.contains(QLatin1String("Cookie")), qPrintable(same.note));
        QCOMPARE(same.profile.id, a.id);
        QCOMPARE(same.request.idempotencyKey, record.idempotencyKey);
        QCOMPARE(same.request.body, record.requestBody);
        QCOMPARE(same.request.path, QStringLiteral("/v1/charges"));

        ApiRequest edited = same.request;
        edited.body = "{\"amount\": 2}";
        const Resend fresh = f.session.newKeyPlan(record, edited);
        QVERIFY(fresh.canGo());
        QCOMPARE(fresh.profile.id, a.id);
        QCOMPARE(fresh.request.body, edited.body);
        QVERIFY(!fresh.request.idempotencyKey.isEmpty());
        QVERIFY(fresh.request.idempotencyKey != record.idempotencyKey);
    }

    void aResendWhoseProfileMovedOrWentSaysWhy()
    {
        Fixture f;
        Profile a = f.profiles.upsert(
            {QString(), QStringLiteral("A"), QUrl(QStringLiteral("http://127.0.0.1:9")), false});
        CallRecord record;
        record.profile = a.name;
        record.profileId = a.id;
        record.method = "POST";
        record.url = QUrl(QStringLiteral("http://127.0.0.1:9/v1/charges"));
        record.idempotencyKey = "key-of-the-call";

        a.baseUrl = QUrl(QStringLiteral("https://api.example-pi.dev"));
        f.profiles.upsert(a);
        Resend plan = f.session.newKeyPlan(record, ApiRequest());
        QVERIFY(!plan.canGo());
        QVERIFY2(plan.refusal.contains(QLatin1String("now points at")), qPrintable(plan.refusal));
        QVERIFY(!f.session.resend(plan));

        QVERIFY(removeProfile(f.session, a.id));
        plan = f.session.retryPlan(record);
        QVERIFY(!plan.canGo());
        QVERIFY2(plan.refusal.contains(QLatin1String("which is gone")), qPrintable(plan.refusal));
    }

    // A queued "Send at reset" belongs to its profile: removed or pointed elsewhere, the
    // profile takes the queued call with it, and the reason is said. At the reset nothing goes
    // to another server with another key.
    void aQueuedSendGoesWithItsProfile_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::addRow("profile removed") << true;
        QTest::addRow("base URL changed") << false;
    }

    void aQueuedSendGoesWithItsProfile()
    {
        QFETCH(bool, remove);
        Fixture f;
        Profile a = f.add(true);
        // Another profile that the first profile's id would fall back to.
        f.profiles.upsert(
            {QString(), QStringLiteral("Other"), QUrl(QStringLiteral("http://127.0.0.2:9")), true});
        f.session.setCurrentProfile(a.id);
        QSignalSpy started(&f.client, &ApiClient::callStarted);
        QSignalSpy cancelled(&f.session, &Session::queuedSendCancelled);
        QObject requester;
        QCOMPARE(f.session.sendAtReset(ping(), &requester), QString());
        QVERIFY(f.session.hasQueuedSend());
        if (remove) {
            QVERIFY(removeProfile(f.session, a.id));
        } else {
            a.baseUrl = QUrl(QStringLiteral("http://127.0.0.3:9"));
            f.profiles.upsert(a);
        }
        QVERIFY(!f.session.hasQueuedSend());
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(cancelled.first().at(1).value<QObject *>(), &requester);
        const QString why = cancelled.first().first().toString();
        QVERIFY2(why.contains(remove ? QLatin1String("removed") : QLatin1String("127.0.0.3")),
                 qPrintable(why));
        QTest::qWait(400); // past the queued send's time
        QCOMPARE(started.size(), 0);
    }

    // Due, the queued send goes to the profile it was queued on.
    void aQueuedSendGoesToItsOwnProfileWhenDue()
    {
        Fixture f;
        const Profile a = f.add(true);
        f.session.setCurrentProfile(a.id);
        QSignalSpy started(&f.client, &ApiClient::callStarted);
        QSignalSpy due(&f.session, &Session::queuedSendDue);
        PendingCall *seen = nullptr;
        QCOMPARE(f.session.sendAtReset(ping(), nullptr, [&](PendingCall *c) { seen = c; }),
                 QString());
        QVERIFY(due.wait(5000));
        QTRY_COMPARE(started.size(), 1); // once the key is read
        QVERIFY(seen);
        QCOMPARE(started.first().first().value<PendingCall *>(), seen);
    }

    // The keys of saved profiles not used this run are known to the leak guard once the
    // window is up: a call that carries one in its body is refused.
    void savedKeysAreLearnedUntilOneCannotBeRead()
    {
        Fixture f;
        const Profile a = f.profiles.upsert(
            {QString(), QStringLiteral("A"), QUrl(QStringLiteral("http://127.0.0.1:9")), false});
        const Profile b = f.profiles.upsert(
            {QString(), QStringLiteral("B"), QUrl(QStringLiteral("http://127.0.0.2:9")), false});
        const QString keyA = QStringLiteral("pi_saved_but_unused_key_a_5501");
        const QString keyB = QStringLiteral("pi_saved_but_unused_key_b_5502");
        f.vault.keys.insert(a.id, keyA);
        f.vault.keys.insert(b.id, keyB);
        QVERIFY(!Redaction::holdsSecret(keyA) && !Redaction::holdsSecret(keyB));
        f.session.learnSavedKeys();
        QTRY_VERIFY(Redaction::holdsSecret(keyA) && Redaction::holdsSecret(keyB));

        // Locked: one read, no more (each could ask the person to unlock).
        Fixture locked;
        locked.profiles.upsert(
            {QString(), QStringLiteral("C"), QUrl(QStringLiteral("http://127.0.0.3:9")), false});
        locked.profiles.upsert(
            {QString(), QStringLiteral("D"), QUrl(QStringLiteral("http://127.0.0.4:9")), false});
        locked.vault.status = KeyVault::Status::AccessDenied;
        const int before = locked.vault.calls;
        locked.session.learnSavedKeys();
        QTest::qWait(50);
        QCOMPARE(locked.vault.calls - before, 1);
    }

    // The embedded sandbox's profile lives at a port of this run: saving a key for it would
    // save the profile at a port gone tomorrow. It is refused, and nothing is written.
    void noKeyIsSavedForTheEmbeddedSandbox()
    {
        Fixture f;
        const Profile sandbox =
            f.profiles.upsert({QString(), QStringLiteral("Sandbox"),
                               QUrl(QStringLiteral("http://127.0.0.1:41234")), true, true});
        bool profileSaved = true;
        const KeyVault::Result r = saveKey(f.session, sandbox.id, &profileSaved);
        QVERIFY(!r.ok());
        QVERIFY2(r.message.contains(QLatin1String("sandbox")), qPrintable(r.message));
        QVERIFY(!profileSaved);
        QVERIFY(f.vault.keys.isEmpty());
        QVERIFY(f.profiles.find(sandbox.id).sessionOnly);
    }

    // A second "Send at reset" waits beside the first: neither replaces the other, and both go.
    void queuedSendsWaitSideBySide()
    {
        Fixture f;
        const Profile a = f.add(true);
        f.session.setCurrentProfile(a.id);
        QSignalSpy started(&f.client, &ApiClient::callStarted);
        ApiRequest usage = ping();
        usage.path = QStringLiteral("/v1/usage");
        QCOMPARE(f.session.sendAtReset(ping()), QString());
        QCOMPARE(f.session.sendAtReset(usage), QString());
        QCOMPARE(f.session.queuedSends().size(), 2);
        QTRY_COMPARE(started.size(), 2);
        QVERIFY(!f.session.hasQueuedSend());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
