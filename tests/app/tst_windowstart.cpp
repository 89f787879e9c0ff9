// The history waits for the window: it opens after the first frame, or as the first call starts if
// that is sooner (and that call is recorded); a history that cannot be read is said once it opens.
#include "app/history/historypanel.h"
#include "app/startup/appservices.h"
#include "app/window/mainwindow.h"
#include "core/history/historymodel.h"
#include "support/privatesession.h"
#include "support/sandboxprocess.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

// How the window starts: its first frame before the history, which opens right after it, or
// as soon as a call starts; what opening it has to say, said then.
class TestWindowStart : public QObject
{
    Q_OBJECT

private:
    static AppServices::Options optionsFor(const QString &historyPath)
    {
        AppServices::Options options;
        options.startSandbox = false;
        options.keychainService = QStringLiteral("Pi Console window start test");
        options.historyPath = historyPath;
        return options;
    }

    static void useSandbox(AppServices &services, const SandboxProcess &sandbox)
    {
        const Profile p = services.session()->profiles()->upsert(
            {QString(), QStringLiteral("Sandbox"), sandbox.baseUrl(), true});
        services.session()->keys()->setSessionKey(p.id, SandboxProcess::demoKey());
        services.session()->setCurrentProfile(p.id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
        qRegisterMetaType<CallRecord>();
    }

    void theHistoryOpensAfterTheFirstFrame()
    {
        QTemporaryDir dir;
        AppServices services(optionsFor(dir.filePath(QStringLiteral("history.sqlite"))));
        MainWindow window(&services);
        QVERIFY(!services.history()); // building the window did not open it
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("history.sqlite"))));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(services.history());
        auto *panel = window.findChild<HistoryPanel *>(QStringLiteral("historyPanel"));
        QVERIFY(panel->model());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("history.sqlite"))));
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("history.sqlite")),
                 qPrintable(window.statusBar()->currentMessage()));
        // The line edits get their clear buttons once painted.
        QTRY_VERIFY(
            window.findChild<QLineEdit *>(QStringLiteral("pathEdit"))->isClearButtonEnabled());
        QTRY_VERIFY(
            window.findChild<QLineEdit *>(QStringLiteral("filterEdit"))->isClearButtonEnabled());
    }

    void aCallSentBeforeTheFirstFrameIsRecorded()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorText()));
        QTemporaryDir dir;
        AppServices services(optionsFor(dir.filePath(QStringLiteral("history.sqlite"))));
        useSandbox(services, sandbox);
        MainWindow window(&services);
        QVERIFY(!services.history());
        // Sent as a queued send or a script would, before the window was ever shown.
        QSignalSpy finished(services.session(), &Session::callFinished);
        window.findChild<QPushButton *>(QStringLiteral("sendButton"))->click();
        QVERIFY(services.history()); // opened as the call started
        QVERIFY(finished.wait(10000));
        QVERIFY(services.history()->flush(5000));
        auto *panel = window.findChild<HistoryPanel *>(QStringLiteral("historyPanel"));
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QCOMPARE(panel->model()->rowAt(0).path, QStringLiteral("/v1/ping"));
    }

    void aHistoryThatCannotBeReadIsSaidOnceItOpens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        AppServices services(optionsFor(path));
        MainWindow window(&services);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(services.history());
        auto *banner = window.findChild<QWidget *>(QStringLiteral("banner"));
        auto *text = window.findChild<QLabel *>(QStringLiteral("bannerText"));
        QVERIFY(banner && text);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(text->text().contains(QStringLiteral("could not be read")),
                 qPrintable(text->text()));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).size() > 1); // the old file kept aside
    }
};

QTEST_MAIN(TestWindowStart)
#include "tst_windowstart.moc"
