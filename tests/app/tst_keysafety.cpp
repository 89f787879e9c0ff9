// A key set in the profiles dialog goes to the keychain and is found in no file the app wrote and
// on no clipboard.
#include "app/profiles/profilesdialog.h"
#include "support/guidriver.h"
#include "support/privatesession.h"
#include "support/recordingserver.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QListWidget>
#include <QStandardPaths>
#include <QTest>

// The key is sacred: set through the profiles dialog into the real Secret Service, used for
// calls, and then looked for in every file the app wrote and on the clipboard. It must be
// in none of them.
class TestKeySafety : public QObject
{
    Q_OBJECT

private:
    static QStringList filesHolding(const QByteArray &needle)
    {
        QStringList hits;
        for (const auto location :
             {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation}) {
            QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QLatin1String("/keyrings/")))
                    continue; // the Secret Service's own, encrypted store
                QFile f(path);
                if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                    hits.append(path);
            }
        }
        return hits;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void keySetInTheDialogGoesOnlyToTheKeychain()
    {
        const QString key = SandboxProcess::demoKey();
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();

        // A saved profile for the same sandbox, its key entered in the dialog.
        const Profile saved = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("Saved sandbox"), gui.sandbox().baseUrl(), false});
        app->session()->setCurrentProfile(saved.id);
        ProfilesDialog dialog(app->session(), app->client());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == saved.id)
                list->setCurrentRow(i);
        auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"));
        QCOMPARE(keyEdit->accessibleName(), QStringLiteral("API key"));
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(keyEdit, key);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveKeyButton")),
                          Qt::LeftButton);
        auto *stored = dialog.findChild<QLabel *>(QStringLiteral("storedKeyValue"));
        QTRY_COMPARE_WITH_TIMEOUT(stored->text(), QStringLiteral("pi_…6789 (in the keychain)"),
                                  20000);
        QVERIFY(keyEdit->text().isEmpty());

        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testKeyButton")),
                          Qt::LeftButton);
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("messageLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("The key works")), 20000);

        // A base URL typed but not saved (a typo, say) never gets the stored key.
        RecordingServer typo;
        QVERIFY(typo.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        auto *baseUrl = dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
        baseUrl->setText(typo.url({}).toString());
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testKeyButton")),
                          Qt::LeftButton);
        QTRY_VERIFY2(message->text().contains(QLatin1String("goes only to")),
                     qPrintable(message->text()));
        QTest::qWait(50);
        QCOMPARE(typo.requests().size(), 0);
        // Nor is a key pasted into the name saved in the settings.
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        name->setText(QStringLiteral("prod ") + key);
        keyEdit->setText(key);
        baseUrl->setText(gui.sandbox().baseUrl().toString());
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        QVERIFY2(message->text().contains(QLatin1String("holds an API key")),
                 qPrintable(message->text()));
        keyEdit->clear();
        dialog.close();

        // Calls with it, a failed one included, then every copy action.
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 3}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        gui.compose("GET", QStringLiteral("/v1/nowhere"));
        QVERIFY(gui.sendAndWait());
        for (const char *button : {"copySupportButton", "copyCurlButton", "copyRequestIdButton"}) {
            QTest::mouseClick(gui.find<QAbstractButton>(QLatin1String(button)), Qt::LeftButton);
            QVERIFY2(!QApplication::clipboard()->text().contains(key), button);
        }
        gui.services()->history()->flush();
        app->settings().sync();

        const QStringList hits = filesHolding(key.toUtf8());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
        // The files were there to look in.
        QVERIFY(QFile::exists(app->settings().fileName()));
        QVERIFY(QFile::exists(app->history()->database().path));
    }
};

QTEST_MAIN(TestKeySafety)
#include "tst_keysafety.moc"
