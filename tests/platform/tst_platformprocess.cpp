// Core dumps off, the descriptor limit raised and a child ending when its parent is killed, as the
// kernel reports them.
#include "common/platform/process.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <cstdio>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

// The process calls on this system: checked by what the kernel reports afterwards.
class TestPlatformProcess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#if !defined(Q_OS_LINUX)
        QSKIP("The checks read Linux's own reports of the process");
#endif
    }

#if defined(Q_OS_LINUX)
    void noCoreDumpAfterForbidding()
    {
        Platform::forbidCoreDumps();
        rlimit core{};
        QCOMPARE(getrlimit(RLIMIT_CORE, &core), 0);
        QCOMPARE(core.rlim_cur, rlim_t(0));
        QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    }

    void descriptorLimitIsRaisedToTheHardOne()
    {
        const qint64 reported = Platform::raiseDescriptorLimit();
        rlimit files{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &files), 0);
        QCOMPARE(files.rlim_cur, files.rlim_max);
        QCOMPARE(reported, qint64(files.rlim_cur));
    }

    void childEndsWithItsParent()
    {
        // This executable, as a parent, starts a sleeper with endWithParent, says its pid,
        // and is killed: the sleeper must end too.
        QProcess parent;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PI_PLATFORM_PARENT"), QStringLiteral("1"));
        parent.setProcessEnvironment(environment);
        parent.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(parent.waitForReadyRead(5000));
        const pid_t sleeper = pid_t(parent.readLine().trimmed().toLongLong());
        QVERIFY(sleeper > 0);
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(sleeper)));
        parent.kill();
        QVERIFY(parent.waitForFinished(5000));
        // Reaped by init once it ends; until then it may be a zombie, which counts as ended.
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(sleeper), 5000);
    }

private:
    static bool isRunning(pid_t pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        return close > 0 && line.mid(close + 2, 1) != "Z";
    }
#endif
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("PI_PLATFORM_PARENT")) {
        QProcess sleeper;
        Platform::endWithParent(&sleeper);
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        if (!sleeper.waitForStarted(5000))
            return 1;
        std::printf("%lld\n", qlonglong(sleeper.processId()));
        std::fflush(stdout);
        sleeper.waitForFinished(-1);
        return 0;
    }
    TestPlatformProcess test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_platformprocess.moc"
