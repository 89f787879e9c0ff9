// --help, --version and a bad --base-url (a key in its user info or query included, never repeated)
// answered with no display at all.
#include <QProcess>
#include <QTest>

// The pi-console executable as a user starts it from a shell, on a terminal with no display:
// --help, --version and a bad --base-url are answered without one, like any command-line
// tool's.
class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        QProcess::ExitStatus status = QProcess::CrashExit;
        int code = -1;
        QString out;
        QString err;
    };

    // No display of any kind: no X11, no Wayland, no platform chosen (xcb, the default).
    static Run run(const QStringList &args, const QString &platform = QString())
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        if (!platform.isEmpty())
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PI_CONSOLE_PATH), args);
        if (!p.waitForFinished(30000))
            p.kill();
        return {p.exitStatus(), p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static void verifyExit(const Run &r, int code)
    {
        QVERIFY2(r.status == QProcess::NormalExit, qPrintable(r.err));
        QCOMPARE(r.code, code);
    }

private Q_SLOTS:
    void versionPrintsTheProjectVersion_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("platform");
        QTest::newRow("--version") << QStringLiteral("--version") << QString();
        QTest::newRow("-v") << QStringLiteral("-v") << QString();
        QTest::newRow("--version, xcb") << QStringLiteral("--version") << QStringLiteral("xcb");
    }

    void versionPrintsTheProjectVersion()
    {
        QFETCH(QString, option);
        QFETCH(QString, platform);
        const Run r = run({option}, platform);
        verifyExit(r, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("pi-console " PICONSOLE_TEST_VERSION));
    }

    void helpListsTheOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("platform");
        QTest::newRow("--help") << QStringLiteral("--help") << QString();
        QTest::newRow("-h") << QStringLiteral("-h") << QString();
        QTest::newRow("--help-all") << QStringLiteral("--help-all") << QString();
        QTest::newRow("--help, xcb") << QStringLiteral("--help") << QStringLiteral("xcb");
    }

    void helpListsTheOptions()
    {
        QFETCH(QString, option);
        QFETCH(QString, platform);
        const Run r = run({option}, platform);
        verifyExit(r, 0);
        const QString &out = r.out;
        QVERIFY2(out.startsWith(QLatin1String("Usage: " PI_CONSOLE_PATH " [options]")),
                 qPrintable(out));
        QVERIFY(out.contains(QLatin1String("--base-url")));
        QVERIFY(out.contains(QLatin1String("--version")));
        QVERIFY(out.contains(QLatin1String("PI_API_KEY")));
    }

    void badBaseUrlIsRefusedWithAReason_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("ftp") << QStringList{QStringLiteral("--base-url"), QStringLiteral("ftp://x")}
                             << QStringLiteral("--base-url needs an http:// or https:// URL");
        QTest::newRow("no host") << QStringList{QStringLiteral("--base-url=https://")}
                                 << QStringLiteral("--base-url needs an http:// or https:// URL");
        // A key in the URL would be logged, shown and handed over: refused, and not repeated.
        QTest::newRow("user info")
            << QStringList{QStringLiteral("--base-url"),
                           QStringLiteral("https://me:pi_key_in_the_url_123@api.pi.example")}
            << QStringLiteral("no user name or password, query or fragment");
        QTest::newRow("query") << QStringList{QStringLiteral("--base-url"),
                                              QStringLiteral("https://api.pi.example/?api_key="
                                                             "pi_key_in_the_url_123")}
                               << QStringLiteral("Give the key in PI_API_KEY or the keychain");
        QTest::newRow("no value") << QStringList{QStringLiteral("--base-url")}
                                  << QStringLiteral("Missing value after '--base-url'");
    }

    void badBaseUrlIsRefusedWithAReason()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        const Run r = run(args);
        verifyExit(r, 2);
        const QString &err = r.err;
        QVERIFY2(err.startsWith(QLatin1String("pi-console: ")), qPrintable(err));
        QVERIFY2(err.contains(reason), qPrintable(err));
        QVERIFY(!err.contains(QLatin1String("pi_key_in_the_url_123")));
        QVERIFY(r.out.isEmpty());
    }

    // Qt's own options are still Qt's: -platform is not mistaken for an unknown option, and
    // an option nobody knows is refused (that check comes after QApplication, offscreen here).
    void qtOptionsPassAndUnknownOnesAreRefused()
    {
        Run r =
            run({QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-v")});
        verifyExit(r, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("pi-console " PICONSOLE_TEST_VERSION));

        r = run({QStringLiteral("--no-such-option")}, QStringLiteral("offscreen"));
        verifyExit(r, 2);
        QVERIFY2(r.err.contains(QLatin1String("Unknown option 'no-such-option'")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
