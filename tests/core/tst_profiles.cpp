// Saved profiles come back and session ones do not; a saved profile is found by its origin.
#include "core/keys/profilestore.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedProfilesComeBackAndSessionOnesDoNot()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("pi-console.conf"));
        QString savedId;
        {
            QSettings settings(file, QSettings::IniFormat);
            ProfileStore store(&settings);
            const Profile saved =
                store.upsert({QString(), QStringLiteral("Production"),
                              QUrl(QStringLiteral("https://api.pi.example")), false});
            savedId = saved.id;
            store.upsert({QString(), QStringLiteral("Session"),
                          QUrl(QStringLiteral("http://127.0.0.1:9")), true});
            store.setCurrentId(saved.id);
            QCOMPARE(store.profiles().size(), 2);
        }
        QSettings settings(file, QSettings::IniFormat);
        ProfileStore store(&settings);
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(store.profiles().first().name, QStringLiteral("Production"));
        QCOMPARE(store.currentId(), savedId);
    }

    // What --base-url opens: a saved profile of the same scheme, host and port, the one with
    // this very base URL first; never a session profile, never another origin.
    void savedProfileIsFoundByOrigin()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("pi-console.conf")), QSettings::IniFormat);
        ProfileStore store(&settings);
        const auto add = [&store](const char *name, const char *url, bool sessionOnly) {
            return store
                .upsert({QString(), QLatin1String(name), QUrl(QLatin1String(url)), sessionOnly})
                .id;
        };
        add("Session", "https://api.pi.example", true);
        const QString root = add("Root", "https://api.pi.example", false);
        const QString v2 = add("V2", "https://api.pi.example/v2", false);
        const QString local = add("Local", "http://127.0.0.1:8089", false);

        const auto found = [&store](const char *url) {
            return store.findSaved(QUrl(QLatin1String(url))).id;
        };
        QCOMPARE(found("https://api.pi.example"), root);
        QCOMPARE(found("https://API.pi.example:443/"), root);
        QCOMPARE(found("https://api.pi.example/v2/"), v2);
        QCOMPARE(found("https://api.pi.example/v3"), root);
        QCOMPARE(found("http://127.0.0.1:8089/"), local);
        QVERIFY(found("http://api.pi.example").isEmpty());
        QVERIFY(found("https://api.pi.example:8443").isEmpty());
        QVERIFY(found("http://127.0.0.1:8090").isEmpty());
        QVERIFY(found("https://other.pi.example").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
