// What a start builds: the first run starts the embedded sandbox, Send works at once, the sandbox
// ends with the app and never sees PI_API_KEY in its environment; --base-url and PI_API_KEY make a
// session profile that is never saved; a key saved for it saves it, and the next --base-url of that
// origin opens it with its key; a --base-url handed over to the running app opens the same
// profiles, and the same URL twice one session profile.
#include "app/startup/appservices.h"
#include "core/history/historydatabase.h"
#include "core/history/historyquery.h"
#include "core/history/historystore.h"
#include "support/privatesession.h"
#include "support/sandboxprocess.h"
#include "support/syncvault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// Sends GET /v1/ping with the current profile and its key, as Send does.
CallRecord ping(AppServices &app)
{
    ApiRequest request;
    request.path = QStringLiteral("/v1/ping");
    QSignalSpy finished(app.session(), &Session::callFinished);
    app.session()->send(request);
    if (!finished.wait(10000))
        return {};
    return finished.first().first().value<CallRecord>();
}

// The environment of a running process, as any process of the same user can read it.
QList<QByteArray> environmentOf(qint64 pid)
{
    QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!environ.open(QIODevice::ReadOnly))
        return {};
    return environ.readAll().split('\0');
}

} // namespace

// How the app starts: the first run with its embedded sandbox, --base-url, PI_API_KEY.
class TestAppServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
        qRegisterMetaType<CallRecord>();
        // Found on PATH, as an installed pi-sandbox would be.
        qputenv("PATH", QFileInfo(QStringLiteral(PI_SANDBOX_PATH)).absolutePath().toUtf8() + ':' +
                            qgetenv("PATH"));
    }

    void init()
    {
        QFile::remove(
            AppServices(AppServices::Options{{}, {}, false, {}, {}}).settings().fileName());
    }

    void cleanup()
    {
        for (const char *name :
             {"PI_API_KEY", "LC_PI_CONSOLE_TEST", "PI_CONSOLE_TEST_TOKEN", "QT_LOGGING_RULES"})
            qunsetenv(name);
    }

    void firstRunStartsTheSandboxAndSendWorks()
    {
        qint64 sandboxPid = 0;
        {
            AppServices app(AppServices::Options{});
            QVERIFY(app.sandbox());
            QSignalSpy changed(app.session(), &Session::currentProfileChanged);
            QVERIFY(changed.wait(10000));
            const Profile p = app.session()->currentProfile();
            QCOMPARE(p.name, QStringLiteral("Sandbox"));
            QVERIFY(p.sessionOnly);
            QVERIFY(p.baseUrl.host() == QLatin1String("127.0.0.1"));
            QVERIFY(app.session()->keys()->hasSessionKey(p.id));

            ApiRequest ping;
            ping.path = QStringLiteral("/v1/ping");
            QSignalSpy finished(app.session(), &Session::callFinished);
            app.session()->send(ping);
            QVERIFY(finished.wait(10000));
            QCOMPARE(finished.first().first().value<CallRecord>().status, 200);
            QCOMPARE(app.session()->currentTracker()->limit(), 20);

            // The session-only profile is not saved.
            app.settings().sync();
            QFile conf(app.settings().fileName());
            QVERIFY(!conf.open(QIODevice::ReadOnly) || !conf.readAll().contains("127.0.0.1"));
            sandboxPid = app.sandbox()->processId();
        }
        QVERIFY(sandboxPid > 0);
        // The sandbox ended with the app.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(sandboxPid), 0) != 0, 5000);
    }

    void anUnusedEnvironmentKeyIsStillGuarded()
    {
        // A first run gives the sandbox its demo key: PI_API_KEY goes unused, but a request that
        // holds it is refused and a record that holds it is redacted all the same.
        AppServices::Options options;
        options.environmentKey = QStringLiteral("pi_environment_only_key_4242");
        AppServices app(options);
        QVERIFY(app.sandbox());
        QSignalSpy changed(app.session(), &Session::currentProfileChanged);
        QVERIFY(changed.wait(10000));
        ApiRequest charge;
        charge.method = "POST";
        charge.path = QStringLiteral("/v1/charges");
        charge.body = "{\"amount\":1,\"note\":\"pi_environment_only_key_4242\"}";
        QSignalSpy finished(app.session(), &Session::callFinished);
        app.session()->send(charge);
        QVERIFY(finished.wait(10000));
        const auto record = finished.first().first().value<CallRecord>();
        QCOMPARE(record.outcome, CallRecord::Outcome::Refused);
        QVERIFY(!record.requestBody.contains("pi_environment_only_key_4242"));
    }

    void baseUrlAndEnvironmentKeyMakeASessionProfile()
    {
        AppServices::Options options;
        options.baseUrl = QUrl(QStringLiteral("https://api.pi.example"));
        options.environmentKey = QStringLiteral("pi_from_the_environment_1");
        AppServices app(options);
        QVERIFY(!app.sandbox());
        const Profile p = app.session()->currentProfile();
        QCOMPARE(p.baseUrl, options.baseUrl);
        QVERIFY(p.sessionOnly);
        QVERIFY(app.session()->keys()->hasSessionKey(p.id));
        app.settings().sync();
        QFile conf(app.settings().fileName());
        if (conf.open(QIODevice::ReadOnly)) {
            const QByteArray text = conf.readAll();
            QVERIFY(!text.contains("pi_from_the_environment_1"));
            QVERIFY(!text.contains("api.pi.example"));
        }
    }

    // A key saved for a --base-url profile is found again by the next --base-url of the same
    // origin: the profile was saved with the key, and is opened instead of a new one.
    void keySavedForABaseUrlIsFoundNextTime()
    {
        const QString key = QStringLiteral("pi_saved_for_base_url_0001");
        SandboxProcess sandbox({QStringLiteral("--key"), key}); // the demo key is refused
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorText()));
        AppServices::Options options;
        options.baseUrl = sandbox.baseUrl();
        options.startSandbox = false;
        options.keychainService = QStringLiteral("Pi Console appservices test");

        QString id;
        {
            AppServices app(options);
            const Profile p = app.session()->currentProfile();
            QVERIFY(p.sessionOnly);
            QCOMPARE(p.baseUrl, sandbox.baseUrl());
            id = p.id;
            QCOMPARE(ping(app).envelope.code, QStringLiteral("missing_authorization_header"));

            // What the profiles dialog's "Save key in keychain" does.
            bool done = false;
            bool profileSaved = false;
            KeyVault::Result saved;
            app.session()->saveKeyInKeychain(id, key, [&](const KeyVault::Result &r, bool s) {
                saved = r;
                profileSaved = s;
                done = true;
            });
            QVERIFY(SyncVault::waitFor(done));
            QVERIFY2(saved.ok(), qPrintable(saved.message));
            QVERIFY(profileSaved);
            QVERIFY(!app.session()->currentProfile().sessionOnly);
            QCOMPARE(app.session()->currentProfile().id, id);
        }

        // The same origin, spelled otherwise: the saved profile, its key, a call that carries it.
        options.baseUrl =
            QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(sandbox.baseUrl().port()));
        {
            AppServices app(options);
            QCOMPARE(app.session()->profiles()->profiles().size(), 1);
            const Profile p = app.session()->currentProfile();
            QCOMPARE(p.id, id);
            QVERIFY(!p.sessionOnly);
            QVERIFY(!app.session()->keys()->hasSessionKey(id));
            const SyncVault::ReadOutcome stored = SyncVault::read(app.vault(), id);
            QVERIFY2(stored.result.ok(), qPrintable(stored.result.message));
            QCOMPARE(stored.secret, key);
            QCOMPARE(ping(app).status, 200);

            // Removing the profile takes its key out of the keychain.
            bool done = false;
            bool removed = false;
            app.session()->removeProfile(id, [&](const KeyVault::Result &, bool r) {
                removed = r;
                done = true;
            });
            QVERIFY(SyncVault::waitFor(done));
            QVERIFY(removed);
            QVERIFY(!app.session()->profiles()->find(id).isValid());
            QCOMPARE(SyncVault::read(app.vault(), id).result.status, KeyVault::Status::NotFound);
        }
    }

    // Another origin than a saved profile's: a session profile, and the saved one untouched.
    void baseUrlOfAnotherOriginIsASessionProfile()
    {
        AppServices::Options options;
        options.startSandbox = false;
        QString savedId;
        {
            AppServices app(options);
            savedId = app.session()
                          ->profiles()
                          ->upsert({QString(), QStringLiteral("Production"),
                                    QUrl(QStringLiteral("https://api.pi.example")), false})
                          .id;
        }
        for (const char *other :
             {"http://api.pi.example", "https://api.pi.example:8443", "https://other.pi.example"}) {
            options.baseUrl = QUrl(QLatin1String(other));
            AppServices app(options);
            QVERIFY2(app.session()->currentProfile().sessionOnly, other);
            QVERIFY2(app.session()->currentProfile().id != savedId, other);
            QVERIFY(app.session()->profiles()->find(savedId).isValid());
        }
        options.baseUrl = QUrl(QStringLiteral("https://API.pi.example:443/v1"));
        AppServices app(options);
        QCOMPARE(app.session()->currentProfile().id, savedId);
    }

    // What a second launch hands over: its --base-url opened in the running app as at a
    // fresh start (the saved profile of that origin, else a session one), made current, and
    // the same URL twice is one session profile, not two.
    void baseUrlOpenedWhileRunning()
    {
        AppServices::Options options;
        options.startSandbox = false;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/"));
        AppServices app(options);
        const QString startId = app.session()->currentProfile().id;
        const QString savedId =
            app.session()
                ->profiles()
                ->upsert({QString(), QStringLiteral("Production"),
                          QUrl(QStringLiteral("https://api.pi.example")), false})
                .id;
        QSignalSpy changed(app.session(), &Session::currentProfileChanged);

        const Profile other = app.openBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8/")));
        QVERIFY(other.sessionOnly);
        QCOMPARE(other.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:8/")));
        QCOMPARE(app.session()->currentProfile().id, other.id);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(app.openBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8"))).id, other.id);
        QCOMPARE(app.openBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9/"))).id, startId);
        QCOMPARE(app.openBaseUrl(QUrl(QStringLiteral("https://api.pi.example/v1"))).id, savedId);
        QCOMPARE(app.session()->currentProfile().id, savedId);
        QCOMPARE(app.session()->profiles()->profiles().size(), 3);
    }

    // Quitting (SIGTERM, Ctrl+Q or closing the window all end here) with a POST on its way,
    // received and maybe charged: the call is in the history, not finished, with its
    // idempotency key, so that it can be retried with the same key after a restart.
    void aCallOnItsWayAtQuitIsRecordedWithItsKey()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorText()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QByteArray key;
        QElapsedTimer quitting;
        {
            AppServices::Options options;
            options.startSandbox = false;
            options.baseUrl = sandbox.baseUrl();
            options.historyPath = path;
            AppServices app(options);
            app.session()->keys()->setSessionKey(app.session()->currentProfile().id,
                                                 SandboxProcess::demoKey());
            app.openHistory();
            ApiRequest charge;
            charge.method = "POST";
            charge.path = QStringLiteral("/v1/charges");
            charge.body = "{\"amount\": 1250, \"currency\": \"eur\"}";
            charge.headers = {{"Pi-Sandbox-Fault", "latency=10000"}};
            PendingCall *call = nullptr;
            app.session()->send(charge, [&call](PendingCall *c) { call = c; });
            QTRY_VERIFY(call);
            key = call->record().idempotencyKey;
            QVERIFY(!key.isEmpty());
            QTest::qWait(300); // on the wire, and at the sandbox
            // Due in the grace the quit gives the call above: it must not go out after the
            // window has closed.
            ApiRequest usage;
            usage.path = QStringLiteral("/v1/usage");
            QCOMPARE(app.session()->sendAtReset(usage), QString());
            quitting.start();
        }
        QVERIFY2(quitting.elapsed() < 8000, "the quit waited for the call to finish");
        const HistoryDatabase::Opened db = HistoryDatabase::prepare(path);
        QVERIFY(db.ok && !db.inMemory);
        HistoryStore store(db);
        const HistoryQuery query(store.connectionName());
        const QList<HistoryRow> rows = query.chain(key);
        QCOMPARE(rows.size(), 1);
        const CallRecord record = query.load(rows.first().id);
        QCOMPARE(record.method, QByteArray("POST"));
        QCOMPARE(record.idempotencyKey, key);
        QCOMPARE(record.outcome, CallRecord::Outcome::Cancelled);
        QVERIFY2(record.errorText.contains(QLatin1String("quit while it was on its way")),
                 qPrintable(record.errorText));
        QCOMPARE(record.requestBody, QByteArray("{\"amount\": 1250, \"currency\": \"eur\"}"));
        HistoryFilter usageCalls;
        usageCalls.text = QStringLiteral("usage");
        QCOMPARE(query.page(usageCalls, 0, 10).size(), 0);
    }

    // The same through the real path: a console process ended by SIGTERM (QuitOnSignal, the
    // window closing, AppServices going) with a POST on its way leaves a row with its key.
    void sigtermWithAPostOnItsWayLeavesItsRow()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorText()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QProcess console;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        console.setProcessEnvironment(env);
        console.start(QStringLiteral(PI_QUIT_SESSION_PATH), {sandbox.baseUrl().toString(), path});
        QVERIFY(console.waitForStarted(10000));
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (!out.contains('\n') && waited.elapsed() < 20000 &&
               console.state() == QProcess::Running) {
            console.waitForReadyRead(200);
            out += console.readAllStandardOutput();
        }
        QVERIFY2(out.startsWith("SENT "), out.constData());
        const QByteArray key = out.mid(5).trimmed();
        QTest::qWait(500); // on the wire, at the sandbox, waiting out its latency
        ::kill(pid_t(console.processId()), SIGTERM);
        QVERIFY(console.waitForFinished(20000));
        QCOMPARE(console.exitStatus(), QProcess::NormalExit);
        QCOMPARE(console.exitCode(), 0);

        const HistoryDatabase::Opened db = HistoryDatabase::prepare(path);
        QVERIFY(db.ok && !db.inMemory);
        HistoryStore store(db);
        const HistoryQuery query(store.connectionName());
        const QList<HistoryRow> rows = query.chain(key);
        QCOMPARE(rows.size(), 1);
        const CallRecord record = query.load(rows.first().id);
        QVERIFY2(record.errorText.contains(QLatin1String("quit while it was on its way")),
                 qPrintable(record.errorText));
    }

    // The embedded sandbox is started with a cleaned environment: PI_API_KEY, or any variable
    // holding its value, would be readable in the child's /proc/PID/environ.
    void sandboxDoesNotInheritTheKey()
    {
        const QByteArray key = "pi_never_in_the_sandbox_environment_42";
        qputenv("PI_API_KEY", key);
        qputenv("LC_PI_CONSOLE_TEST", "prefix-" + key); // allowed by name, not by value
        qputenv("PI_CONSOLE_TEST_TOKEN", "not-allowed-by-name");
        qputenv("QT_LOGGING_RULES", "pi.*.debug=true"); // the console's, not the sandbox's
        AppServices::Options options;
        options.environmentKey = QString::fromUtf8(key);
        qunsetenv("PI_API_KEY"); // as main() does before it builds the services
        AppServices app(options);
        QVERIFY(app.sandbox());
        QSignalSpy changed(app.session(), &Session::currentProfileChanged);
        QVERIFY(changed.wait(10000));
        QCOMPARE(ping(app).status, 200); // it runs with what it was given

        const QList<QByteArray> environment = environmentOf(app.sandbox()->processId());
        QVERIFY2(environment.size() > 1, "the sandbox's environment could not be read");
        QVERIFY(environment.contains("PATH=" + qgetenv("PATH")));
        for (const QByteArray &variable : environment) {
            QVERIFY2(!variable.startsWith("PI_API_KEY="), variable.constData());
            QVERIFY2(!variable.contains(key), variable.constData());
            QVERIFY2(!variable.startsWith("PI_CONSOLE_TEST_TOKEN="), variable.constData());
            QVERIFY2(!variable.startsWith("QT_LOGGING_RULES="), variable.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestAppServices)
#include "tst_appservices.moc"
