#include <QProcess>
#include <QTest>

// The pi-console executable as a user starts it from a shell.
class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    static QProcess *run(const QStringList &args)
    {
        auto *p = new QProcess;
        p->start(QStringLiteral(PI_CONSOLE_PATH), args);
        p->waitForFinished(30000);
        return p;
    }

private Q_SLOTS:
    void versionPrintsTheProjectVersion()
    {
        std::unique_ptr<QProcess> p(run({QStringLiteral("--version")}));
        QCOMPARE(p->exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p->readAllStandardOutput()).trimmed(),
                 QStringLiteral("pi-console " PICONSOLE_TEST_VERSION));
    }

    void helpListsTheOptions()
    {
        std::unique_ptr<QProcess> p(run({QStringLiteral("--help")}));
        QCOMPARE(p->exitCode(), 0);
        const QString out = QString::fromUtf8(p->readAllStandardOutput());
        QVERIFY(out.contains(QLatin1String("--base-url")));
        QVERIFY(out.contains(QLatin1String("--version")));
        QVERIFY(out.contains(QLatin1String("PI_API_KEY")));
    }

    void badBaseUrlIsRefusedWithAReason()
    {
        std::unique_ptr<QProcess> p(run({QStringLiteral("--base-url"), QStringLiteral("ftp://x")}));
        QCOMPARE(p->exitCode(), 2);
        QVERIFY(QString::fromUtf8(p->readAllStandardError()).contains(QLatin1String("--base-url")));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
