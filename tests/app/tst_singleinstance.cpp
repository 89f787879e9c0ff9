// The real binary launched twice: the second exits 0 with its message and the first raises its
// window on the handed-over --base-url and runs on, then ends 0 on SIGTERM; a first that does not
// answer (stopped) gets an exit 1, not a second writer; after a SIGKILL the next launch takes the
// stale lock over; another XDG_CONFIG_HOME runs beside.
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <unistd.h>
#include <vector>

// The real pi-console, started twice as a user would from a shell: the second launch raises
// the first and hands over its --base-url, and there is never a second writer of the same
// settings. Each pi-console runs offscreen in this test's own XDG folders (ctest's), with
// --base-url on a port nobody listens on, so no sandbox starts.
class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    struct Console
    {
        std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        QByteArray log; // its stderr, where the pi.app.instance debug lines go
    };

    std::vector<std::unique_ptr<Console>> m_started;

    static QProcessEnvironment environment(const QString &configHome = QString())
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("pi.app.instance.debug=true"));
        env.remove(QStringLiteral("PI_API_KEY"));
        if (!configHome.isEmpty())
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
        return env;
    }

    Console *start(const QStringList &args, const QProcessEnvironment &env = environment())
    {
        auto console = std::make_unique<Console>();
        console->process->setProcessEnvironment(env);
        console->process->setReadChannel(QProcess::StandardError);
        console->process->start(QStringLiteral(PI_CONSOLE_PATH), args);
        m_started.push_back(std::move(console));
        return m_started.back().get();
    }

    // Waits, at most ms, until the console's stderr has needle; false if it ends first.
    static bool waitForLog(Console *c, const QByteArray &needle, int ms = 20000)
    {
        const QDeadlineTimer deadline(ms);
        while (true) {
            c->log += c->process->readAllStandardError();
            if (c->log.contains(needle))
                return true;
            if (deadline.hasExpired() || c->process->state() == QProcess::NotRunning)
                return false;
            c->process->waitForReadyRead(100);
        }
    }

    static bool running(Console *c) { return c->process->state() == QProcess::Running; }

    // SIGTERM, then a clean exit with code 0 within a few seconds.
    static void verifyQuitsCleanly(Console *c)
    {
        c->process->terminate();
        QVERIFY2(c->process->waitForFinished(15000), c->log.constData());
        c->log += c->process->readAllStandardError();
        QVERIFY2(c->process->exitStatus() == QProcess::NormalExit, c->log.constData());
        QCOMPARE(c->process->exitCode(), 0);
    }

    static QStringList baseUrl(int port)
    {
        return {QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:%1/").arg(port)};
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const auto &c : m_started) {
            if (c->process->state() != QProcess::NotRunning) {
                ::kill(pid_t(c->process->processId()), SIGCONT);
                c->process->kill();
                c->process->waitForFinished(5000);
            }
        }
        m_started.clear();
    }

    void secondLaunchRaisesTheFirstAndHandsOverItsBaseUrl()
    {
        Console *first = start(baseUrl(9));
        QVERIFY2(waitForLog(first, "listening on "), first->log.constData());

        // --version is still answered by the second launch itself, lock or no lock.
        QProcess version;
        version.start(QStringLiteral(PI_CONSOLE_PATH), {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(10000));
        QCOMPARE(version.exitCode(), 0);
        QVERIFY(version.readAllStandardOutput().startsWith("pi-console "));

        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("PI_API_KEY"), QStringLiteral("pi_second_launch_key_0001"));
        Console *second = start(baseUrl(8), env);
        QVERIFY2(second->process->waitForFinished(10000), second->log.constData());
        const QByteArray out = second->process->readAllStandardOutput();
        const QByteArray err = second->process->readAllStandardError();
        QVERIFY2(second->process->exitStatus() == QProcess::NormalExit, err.constData());
        QCOMPARE(second->process->exitCode(), 0);
        QVERIFY2(out.startsWith("Pi Console is already running: its window was raised"),
                 out.constData());
        QVERIFY2(out.contains("http://127.0.0.1:8/"), out.constData());
        QCOMPARE(out.count('\n'), 1);
        // Its key stays with it, and it says so.
        QVERIFY2(err.contains("PI_API_KEY was not passed"), err.constData());
        QVERIFY(!err.contains("listening on "));

        // The first opened the profile of that base URL, raised its window, and runs on.
        QVERIFY2(waitForLog(first, "raised the window", 10000), first->log.constData());
        QVERIFY2(first->log.contains("opened http://127.0.0.1:8/: profile \"127.0.0.1\" (this "
                                     "session)"),
                 first->log.constData());
        QVERIFY(!first->log.contains("pi_second_launch_key_0001"));
        QTest::qWait(100); // a crash on the hand-over would show by now
        QVERIFY(running(first));

        // A second launch without --base-url only raises it.
        Console *third = start({});
        QVERIFY(third->process->waitForFinished(10000));
        QCOMPARE(third->process->exitCode(), 0);
        QCOMPARE(third->process->readAllStandardOutput(),
                 QByteArray("Pi Console is already running: its window was raised.\n"));

        verifyQuitsCleanly(first);
    }

    // A runtime folder too deep for a socket address: the socket goes to a folder of this
    // user's alone in the temporary folder, never to the temporary folder itself, where any
    // user could compute its name and take it first; and the hand-over still works.
    void aSocketPathTooLongStaysInAPrivateFolder()
    {
        QTemporaryDir tmp;
        QTemporaryDir runtime;
        QVERIFY(QFile::setPermissions(runtime.path(), QFileDevice::ReadOwner |
                                                          QFileDevice::WriteOwner |
                                                          QFileDevice::ExeOwner));
        const QString deep = runtime.path() + QStringLiteral("/") + QString(60, QLatin1Char('r'));
        QVERIFY(QDir().mkpath(deep));
        // As a runtime folder must be (QStandardPaths uses none other).
        QVERIFY(QFile::setPermissions(deep, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner));
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), deep);
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        Console *first = start(baseUrl(9), env);
        QVERIFY2(waitForLog(first, "listening on "), first->log.constData());
        const qsizetype at = first->log.indexOf("listening on ") + 13;
        const QString socket =
            QString::fromLocal8Bit(first->log.mid(at, first->log.indexOf('\n', at) - at)).trimmed();
        const QFileInfo folder(QFileInfo(socket).absolutePath());
        QCOMPARE(folder.absolutePath(), QFileInfo(tmp.path()).absoluteFilePath());
        QVERIFY2(folder.fileName().startsWith(QLatin1String("pi-console-")), qPrintable(socket));
        QCOMPARE(folder.permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                      QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
        Console *second = start(baseUrl(8), env);
        QVERIFY2(second->process->waitForFinished(10000), second->log.constData());
        QCOMPARE(second->process->exitCode(), 0);
        verifyQuitsCleanly(first);
    }

    // The same, with that folder made first by someone else (here: open to everyone): no
    // socket there at all, and the console says why; it still runs, the only writer.
    void aPrivateFolderTakenFirstIsNotUsed()
    {
        QTemporaryDir tmp;
        QTemporaryDir runtime;
        const QString deep = runtime.path() + QStringLiteral("/") + QString(60, QLatin1Char('r'));
        QVERIFY(QDir().mkpath(deep));
        QVERIFY(QFile::setPermissions(deep, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner));
        const QString taken = tmp.path() + QStringLiteral("/pi-console-%1").arg(::getuid());
        QVERIFY(QDir().mkpath(taken));
        QVERIFY(QFile::setPermissions(taken, QFileDevice::Permissions(0x7777)));
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), deep);
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        Console *first = start(baseUrl(9), env);
        QVERIFY2(waitForLog(first, "not a folder of this user's alone"), first->log.constData());
        QTest::qWait(300);
        QVERIFY(running(first));
        QVERIFY(!first->log.contains("listening on "));
        QCOMPARE(QDir(taken).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
                 QStringList());
        verifyQuitsCleanly(first);
    }

    // The lock is held by a live process that does not answer (stopped): the second launch
    // says so and exits 1 rather than become a second writer of the same settings.
    void aFirstThatDoesNotAnswerIsReportedNotDoubled()
    {
        Console *first = start(baseUrl(9));
        QVERIFY2(waitForLog(first, "listening on "), first->log.constData());
        QCOMPARE(::kill(pid_t(first->process->processId()), SIGSTOP), 0);

        Console *second = start(baseUrl(8));
        const bool finished = second->process->waitForFinished(15000);
        ::kill(pid_t(first->process->processId()), SIGCONT);
        QVERIFY(finished);
        const QByteArray err = second->process->readAllStandardError();
        QVERIFY2(second->process->exitStatus() == QProcess::NormalExit, err.constData());
        QCOMPARE(second->process->exitCode(), 1);
        const QByteArray said = "pi-console: Pi Console is already running (process " +
                                QByteArray::number(first->process->processId());
        QVERIFY2(err.contains(said), err.constData());
        QVERIFY2(err.contains("does not answer"), err.constData());
        QVERIFY(!err.contains("listening on "));
        QVERIFY(second->process->readAllStandardOutput().isEmpty());

        QTest::qWait(100); // a crash on the hand-over would show by now
        QVERIFY(running(first));
        verifyQuitsCleanly(first);
    }

    // A first pi-console killed outright leaves its lock and socket behind: the next launch
    // takes both over, starts normally, and is itself found by the launch after it.
    void theStaleLockOfAKilledProcessIsTakenOver()
    {
        Console *killed = start(baseUrl(9));
        QVERIFY2(waitForLog(killed, "listening on "), killed->log.constData());
        killed->process->kill(); // SIGKILL: nothing is cleaned up
        QVERIFY(killed->process->waitForFinished(10000));

        Console *next = start(baseUrl(9));
        QVERIFY2(waitForLog(next, "listening on "), next->log.constData());
        QVERIFY2(next->log.contains("took over the stale lock"), next->log.constData());
        QVERIFY(running(next));

        Console *second = start(baseUrl(8));
        QVERIFY(second->process->waitForFinished(10000));
        QCOMPARE(second->process->exitCode(), 0);
        QVERIFY(
            second->process->readAllStandardOutput().startsWith("Pi Console is already running"));
        QVERIFY2(waitForLog(next, "raised the window", 10000), next->log.constData());
        verifyQuitsCleanly(next);
    }

    // A base URL holding the key would be logged and handed over: refused before anything.
    void aBaseUrlHoldingTheKeyIsRefused()
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("PI_API_KEY"), QStringLiteral("pi_in_the_base_url_5150"));
        Console *console =
            start({QStringLiteral("--base-url"),
                   QStringLiteral("http://127.0.0.1:9/v1/%70i_in_the_base_url_5150/")},
                  env);
        QVERIFY(console->process->waitForFinished(10000));
        QCOMPARE(console->process->exitCode(), 2);
        const QByteArray err = console->process->readAllStandardError();
        QVERIFY2(err.contains("--base-url holds the API key"), err.constData());
        QVERIFY(!err.contains("in_the_base_url_5150"));
        QVERIFY(console->process->readAllStandardOutput().isEmpty());
    }

    // --verbose turns on every module's debug lines, and none of them carries the key.
    void verboseLogsEachModuleWithoutTheKey()
    {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        QProcessEnvironment env = environment(config.path());
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        const QByteArray key = "pi_verbose_canary_key_77031";
        env.insert(QStringLiteral("PI_API_KEY"), QString::fromLatin1(key));
        Console *console = start(QStringList{QStringLiteral("--verbose")} + baseUrl(9), env);
        QVERIFY2(waitForLog(console, "pi.app.instance: listening on "), console->log.constData());
        QVERIFY2(waitForLog(console, "pi.app.startup: settings"), console->log.constData());
        QVERIFY2(waitForLog(console, "pi.core.session: current profile"), console->log.constData());
        verifyQuitsCleanly(console);
        QVERIFY(!console->log.contains(key));
    }

    // Another XDG_CONFIG_HOME is other settings, so another instance: both run side by side.
    void anotherConfigHomeIsAnotherInstance()
    {
        QTemporaryDir otherConfig;
        QVERIFY(otherConfig.isValid());
        Console *first = start(baseUrl(9));
        QVERIFY2(waitForLog(first, "listening on "), first->log.constData());
        Console *other = start(baseUrl(8), environment(otherConfig.path()));
        QVERIFY2(waitForLog(other, "listening on "), other->log.constData());
        QVERIFY(running(first));
        QVERIFY(running(other));
        verifyQuitsCleanly(other);
        verifyQuitsCleanly(first);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
