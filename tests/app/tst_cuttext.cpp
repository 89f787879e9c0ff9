// The first window fits the screen it opens on. On a 1366×768 laptop screen, every label, button,
// check box, group title and column header of the window and of its dialogs shows its whole text:
// in the window's states a person meets first (empty, a charge, an error card, the rate limit
// spent) and in each dialog.
#include "app/compare/callcomparisondialog.h"
#include "app/preferences/preferencesdialog.h"
#include "app/profiles/profilesdialog.h"
#include "app/response/responsepanel.h"
#include "app/window/helpdialogs.h"
#include "support/cuttext.h"
#include "support/guidriver.h"
#include "support/privatesession.h"

#include <QDialog>
#include <QFile>
#include <QMessageBox>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

class TestCutText : public QObject
{
    Q_OBJECT

private:
    static bool fits(QWidget *root, const char *state)
    {
        QTest::qWait(50); // layouts settle after a show or a new response
        const QStringList cut = CutText::find(root);
        if (!cut.isEmpty())
            qWarning("%s: %s", state, qPrintable(cut.join(QStringLiteral("\n  "))));
        return cut.isEmpty();
    }

    // Shows a modal dialog that `open` starts, walks it, and closes it.
    template <typename Dialog>
    static bool modalFits(const std::function<void()> &open, const char *state)
    {
        bool seen = false;
        bool ok = false;
        GuiDriver::onNextModal<Dialog>(
            [&ok, state](Dialog *dialog) {
                ok = fits(dialog, state);
                dialog->reject();
            },
            &seen);
        open();
        return seen && ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void theFirstWindowFitsTheScreen()
    {
        GuiDriver gui;
        gui.keepFirstSize();
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        const QRect room = gui.window()->screen()->availableGeometry();
        // The designed 1180×780 runs off a 1366×768 laptop screen, and off this one.
        QVERIFY2(room.height() < 780 + 48, "the screen is larger than a laptop's");
        QVERIFY(gui.window()->frameGeometry().height() <= room.height());
        QVERIFY(gui.window()->frameGeometry().width() <= room.width());
        QVERIFY(room.contains(gui.window()->geometry()));
    }

    void everyTextIsWholeOnALaptopScreen_data()
    {
        QTest::addColumn<QSize>("size");
        // The whole screen, and what a desktop panel and a title bar leave of it.
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1366x705") << QSize(1366, 705);
    }

    void everyTextIsWholeOnALaptopScreen()
    {
        QFETCH(QSize, size);
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        MainWindow *window = gui.window();
        window->resize(size);
        QVERIFY(window->minimumSizeHint().height() <= size.height());
        QTRY_COMPARE(window->size(), size);
        QVERIFY(fits(window, "empty"));

        // Production, under a long name and a long host: the path field keeps its room.
        Session *session = gui.services()->session();
        const QString sandboxId = session->currentProfile().id;
        const Profile remote = session->profiles()->upsert(
            {QString(), QStringLiteral("Payments EU staging"),
             QUrl(QStringLiteral("https://api.eu-west-1.staging.example-pi.dev")), false});
        session->setCurrentProfile(remote.id);
        QVERIFY(fits(window, "a remote profile"));
        session->setCurrentProfile(sandboxId);

        gui.compose("POST", QStringLiteral("/v1/charges"),
                    QStringLiteral("{\"amount\": 1250, \"currency\": \"eur\"}"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(fits(window, "a charge"));
        const CallRecord charge =
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();

        gui.compose("GET", QStringLiteral("/v1/nowhere"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(fits(window, "an error card"));
        const CallRecord missing =
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();

        gui.compose("GET", QStringLiteral("/v1/ping"));
        while (!gui.services()->session()->currentTracker()->exhausted())
            QVERIFY(gui.sendAndWait());
        QVERIFY(fits(window, "the rate limit spent"));
        QVERIFY(modalFits<QMessageBox>(
            [&] {
                QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("sendButton")),
                                  Qt::LeftButton);
            },
            "the rate-limit warning"));

        PreferencesDialog preferences(Preferences{}, gui.services()->history(), window);
        preferences.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preferences));
        QVERIFY(fits(&preferences, "Preferences"));
        preferences.close();

        ProfilesDialog profiles(gui.services()->session(), gui.services()->client(), window);
        profiles.show();
        QVERIFY(QTest::qWaitForWindowExposed(&profiles));
        QVERIFY(fits(&profiles, "Profiles"));
        profiles.close();

        CallComparisonDialog comparison(charge, missing, window);
        comparison.show();
        QVERIFY(QTest::qWaitFor([&] { return comparison.isReady(); }));
        QVERIFY(fits(&comparison, "Call comparison"));
        comparison.close();

        QVERIFY(modalFits<QDialog>([&] { HelpDialogs::keyboardShortcuts(window); },
                                   "Keyboard shortcuts"));
        QVERIFY(
            modalFits<QDialog>([&] { HelpDialogs::filterLanguage(window); }, "Filter language"));
        QVERIFY(modalFits<QMessageBox>([&] { HelpDialogs::about(window); }, "About"));
    }
};

// Offscreen, the test's screen is a 1366×768 laptop's (Qt's offscreen platform reads its
// screens from a file).
int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.isEmpty() || platform == "offscreen") {
        QFile config(dir.filePath(QStringLiteral("screens.json")));
        if (config.open(QIODevice::WriteOnly))
            config.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                            "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
                            "dpr": 1}]})");
        config.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.fileName().toLocal8Bit());
    }
    QApplication app(argc, argv);
    TestCutText test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_cuttext.moc"
