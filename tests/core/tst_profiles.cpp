#include "profilestore.h"

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
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
