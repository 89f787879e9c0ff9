// The Profiles dialog: saving a key for a session profile saves the profile and says so; a profile
// whose key a locked keyring will not delete is kept, with the reason, and goes once it is
// unlocked.
#include "app/profiles/profilesdialog.h"
#include "app/startup/appservices.h"
#include "support/privatesession.h"
#include "support/syncvault.h"
#include "support/testkeyring.h"

#include <QApplication>
#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <QTimer>

// The profiles dialog and the keychain, against a real gnome-keyring in a session of this
// test's own (OWN_SESSION in tests/CMakeLists.txt): it locks the keyring, so it shares it with
// no one. A key is never left in the keychain with no profile to reach it.
class TestProfilesDialog : public QObject
{
    Q_OBJECT

private:
    // Answers the dialog's "Remove profile?" question with Yes once it shows.
    static void answerYes(int attempts = 200)
    {
        QTimer::singleShot(25, qApp, [attempts] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Yes)->click();
            else if (attempts > 0)
                answerYes(attempts - 1);
        });
    }

    static AppServices::Options options()
    {
        AppServices::Options o;
        o.startSandbox = false;
        o.keychainService = QStringLiteral("Pi Console dialog test");
        return o;
    }

    static void select(ProfilesDialog &dialog, const QString &id)
    {
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == id)
                list->setCurrentRow(i);
    }

    static QString message(ProfilesDialog &dialog)
    {
        return dialog.findChild<QLabel *>(QStringLiteral("messageLabel"))->text();
    }

    // No keychain job of the vault's is pending: the vault can go. (QtKeychain's libsecret
    // backend would otherwise answer into a job deleted with it.)
    static bool keychainIdle(AppServices &app)
    {
        return QTest::qWaitFor([&app] { return app.vault().children().isEmpty(); }, 20000);
    }

    static QString storedKey(ProfilesDialog &dialog)
    {
        return dialog.findChild<QLabel *>(QStringLiteral("storedKeyValue"))->text();
    }

    static QStringList listed(ProfilesDialog &dialog)
    {
        QStringList names;
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
        for (int i = 0; i < list->count(); ++i)
            names.append(list->item(i)->text());
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void init()
    {
        AppServices app(options());
        QFile::remove(app.settings().fileName());
    }

    // "Save key in keychain" on a --base-url profile saves the profile too, and says so.
    void keySavedForASessionProfileSavesTheProfile()
    {
        AppServices::Options o = options();
        o.baseUrl = QUrl(QStringLiteral("https://api.pi.example"));
        QString id;
        {
            AppServices app(o);
            id = app.session()->currentProfile().id;
            QVERIFY(app.session()->currentProfile().sessionOnly);
            ProfilesDialog dialog(app.session(), app.client());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QCOMPARE(listed(dialog), QStringList{QStringLiteral("api.pi.example (this session)")});
            QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit")),
                             QStringLiteral("pi_session_profile_key_01"));
            QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveKeyButton")),
                              Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(
                message(dialog),
                QStringLiteral("Key saved in the keychain; the profile \"api.pi.example\" is now "
                               "saved too so the key can be found next time."),
                20000);
            QCOMPARE(listed(dialog), QStringList{QStringLiteral("api.pi.example")});
            QVERIFY(!app.session()->profiles()->find(id).sessionOnly);
            QTRY_COMPARE_WITH_TIMEOUT(storedKey(dialog),
                                      QStringLiteral("pi_…y_01 (in the keychain)"), 20000);
            QVERIFY(keychainIdle(app));
        }
        AppServices app(o);
        QCOMPARE(app.session()->currentProfile().id, id);
        QCOMPARE(SyncVault::read(app.vault(), id).secret,
                 QStringLiteral("pi_session_profile_key_01"));
        QVERIFY(SyncVault::remove(app.vault(), id).ok());
    }

    // A profile whose key the keychain will not delete (locked) is kept, and the dialog says
    // why; once the keychain is unlocked, removing it again takes both.
    void profileIsKeptWhileItsKeyCannotBeRemoved()
    {
        const QString key = QStringLiteral("pi_locked_away_key_0001");
        QString id;
        {
            AppServices app(options());
            id = app.session()
                     ->profiles()
                     ->upsert({QString(), QStringLiteral("Production"),
                               QUrl(QStringLiteral("https://api.pi.example")), false})
                     .id;
            QVERIFY(SyncVault::write(app.vault(), id, key).ok());
            QVERIFY(TestKeyring::lockLogin());

            ProfilesDialog dialog(app.session(), app.client());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            select(dialog, id);
            answerYes();
            QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removeButton")),
                              Qt::LeftButton);
            QTRY_VERIFY2_WITH_TIMEOUT(message(dialog).startsWith(QLatin1String(
                                          "The profile is kept: its key could not be removed")),
                                      qPrintable(message(dialog)), 20000);
            QVERIFY2(message(dialog).contains(QLatin1String("locked")),
                     qPrintable(message(dialog)));
            QVERIFY(app.session()->profiles()->find(id).isValid());
            QCOMPARE(listed(dialog), QStringList{QStringLiteral("Production")});
            QVERIFY(keychainIdle(app));
        }
        QVERIFY(TestKeyring::restartAndUnlock());
        QTRY_COMPARE_WITH_TIMEOUT(TestKeyring::lookUpInNewProcess(options().keychainService, id),
                                  key, 20000);

        // Still saved, so the key can still be reached and removed.
        AppServices app(options());
        QVERIFY(app.session()->profiles()->find(id).isValid());
        ProfilesDialog dialog(app.session(), app.client());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        select(dialog, id);
        answerYes();
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removeButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(message(dialog), QStringLiteral("Removed."), 20000);
        QVERIFY(!app.session()->profiles()->find(id).isValid());
        QVERIFY(listed(dialog).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(TestKeyring::lookUpInNewProcess(options().keychainService, id),
                                  QString(), 20000);
        QVERIFY(keychainIdle(app));
    }
};

QTEST_MAIN(TestProfilesDialog)
#include "tst_profilesdialog.moc"
