#include "appservices.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

namespace {

// Sends GET /v1/ping with the current profile and its key, as Send does.
CallRecord ping(AppServices &app)
{
    ApiRequest request;
    request.path = QStringLiteral("/v1/ping");
    QSignalSpy finished(app.session.get(), &Session::callFinished);
    app.session->send(request);
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
        qRegisterMetaType<CallRecord>();
        // Found on PATH, as an installed pi-sandbox would be.
        qputenv("PATH", QFileInfo(QStringLiteral(PI_SANDBOX_PATH)).absolutePath().toUtf8() + ':' +
                            qgetenv("PATH"));
    }

    void init()
    {
        QFile::remove(AppServices(AppServices::Options{{}, {}, false, {}, {}}).settings.fileName());
    }

    void cleanup()
    {
        for (const char *name : {"PI_API_KEY", "LC_PI_CONSOLE_TEST", "PI_CONSOLE_TEST_TOKEN"})
            qunsetenv(name);
    }

    void firstRunStartsTheSandboxAndSendWorks()
    {
        qint64 sandboxPid = 0;
        {
            AppServices app(AppServices::Options{});
            QVERIFY(app.sandbox);
            QSignalSpy changed(app.session.get(), &Session::currentProfileChanged);
            QVERIFY(changed.wait(10000));
            const Profile p = app.session->currentProfile();
            QCOMPARE(p.name, QStringLiteral("Sandbox"));
            QVERIFY(p.sessionOnly);
            QVERIFY(p.baseUrl.host() == QLatin1String("127.0.0.1"));
            QVERIFY(app.keys.hasSessionKey(p.id));

            ApiRequest ping;
            ping.path = QStringLiteral("/v1/ping");
            QSignalSpy finished(app.session.get(), &Session::callFinished);
            app.session->send(ping);
            QVERIFY(finished.wait(10000));
            QCOMPARE(finished.first().first().value<CallRecord>().status, 200);
            QCOMPARE(app.session->currentTracker()->limit(), 20);

            // The session-only profile is not saved.
            app.settings.sync();
            QFile conf(app.settings.fileName());
            QVERIFY(!conf.open(QIODevice::ReadOnly) || !conf.readAll().contains("127.0.0.1"));
            sandboxPid = app.sandbox->processId();
        }
        QVERIFY(sandboxPid > 0);
        // The sandbox ended with the app.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(sandboxPid), 0) != 0, 5000);
    }

    void baseUrlAndEnvironmentKeyMakeASessionProfile()
    {
        AppServices::Options options;
        options.baseUrl = QUrl(QStringLiteral("https://api.pi.example"));
        options.environmentKey = QStringLiteral("pi_from_the_environment_1");
        AppServices app(options);
        QVERIFY(!app.sandbox);
        const Profile p = app.session->currentProfile();
        QCOMPARE(p.baseUrl, options.baseUrl);
        QVERIFY(p.sessionOnly);
        QVERIFY(app.keys.hasSessionKey(p.id));
        app.settings.sync();
        QFile conf(app.settings.fileName());
        if (conf.open(QIODevice::ReadOnly)) {
            const QByteArray text = conf.readAll();
            QVERIFY(!text.contains("pi_from_the_environment_1"));
            QVERIFY(!text.contains("api.pi.example"));
        }
    }

    // The embedded sandbox is started with a cleaned environment: PI_API_KEY, or any variable
    // holding its value, would be readable in the child's /proc/PID/environ.
    void sandboxDoesNotInheritTheKey()
    {
        const QByteArray key = "pi_never_in_the_sandbox_environment_42";
        qputenv("PI_API_KEY", key);
        qputenv("LC_PI_CONSOLE_TEST", "prefix-" + key); // allowed by name, not by value
        qputenv("PI_CONSOLE_TEST_TOKEN", "not-allowed-by-name");
        AppServices::Options options;
        options.environmentKey = QString::fromUtf8(key);
        AppServices app(options);
        QVERIFY(app.sandbox);
        QSignalSpy changed(app.session.get(), &Session::currentProfileChanged);
        QVERIFY(changed.wait(10000));
        QCOMPARE(ping(app).status, 200); // it runs with what it was given

        const QList<QByteArray> environment = environmentOf(app.sandbox->processId());
        QVERIFY2(environment.size() > 1, "the sandbox's environment could not be read");
        QVERIFY(environment.contains("PATH=" + qgetenv("PATH")));
        for (const QByteArray &variable : environment) {
            QVERIFY2(!variable.startsWith("PI_API_KEY="), variable.constData());
            QVERIFY2(!variable.contains(key), variable.constData());
            QVERIFY2(!variable.startsWith("PI_CONSOLE_TEST_TOKEN="), variable.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestAppServices)
#include "tst_appservices.moc"
