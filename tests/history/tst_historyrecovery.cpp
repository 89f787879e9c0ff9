// Corrupt history files moved aside, busy ones never; six first starts at once share one file.
#include "core/history/historydatabase.h"
#include "core/history/historyquery.h"
#include "core/history/historystore.h"
#include "support/samplecalls.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

// A history file that cannot be used never stops the app: it is moved aside, with its -wal
// and -shm, and an empty history starts. A folder that cannot be written keeps the session's
// calls in memory.
class TestHistoryRecovery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshPath(const QString &name) const
    {
        return m_dir.filePath(name + QStringLiteral("/history.sqlite"));
    }

    static void writeCalls(const QString &path, int count)
    {
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.ok && !opened.inMemory);
        HistoryStore store(opened);
        for (int i = 0; i < count; ++i)
            store.record(SampleCalls::make(i));
        store.flush();
    }

    static void verifyUsable(const HistoryDatabase::Opened &opened)
    {
        QVERIFY(opened.ok);
        HistoryStore store(opened);
        store.record(SampleCalls::make(1));
        store.flush();
        QCOMPARE(HistoryQuery(store.connectionName()).page({}, 0, 10).size(), 1);
    }

private Q_SLOTS:
    void garbageFileIsMovedAside()
    {
        const QString path = freshPath(QStringLiteral("garbage"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, '\x5a'));
        f.close();
        QFile wal(path + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.write("not a wal");
        wal.close();

        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.ok);
        QVERIFY(!opened.inMemory);
        QVERIFY(!opened.movedAsideTo.isEmpty());
        QVERIFY(QFile::exists(opened.movedAsideTo));
        QVERIFY(QFile::exists(opened.movedAsideTo + QStringLiteral("-wal")));
        QCOMPARE(QFileInfo(opened.movedAsideTo).size(), 8192); // kept as it was
        QVERIFY(opened.message.contains(QDir::toNativeSeparators(opened.movedAsideTo)));
        verifyUsable(opened);
    }

    void truncatedFileIsMovedAside()
    {
        const QString path = freshPath(QStringLiteral("truncated"));
        writeCalls(path, 3000);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        const qint64 size = QFileInfo(path).size();
        QVERIFY(size > 100000);
        QVERIFY(QFile::resize(path, size / 3));

        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(!opened.movedAsideTo.isEmpty());
        QVERIFY(!opened.message.isEmpty());
        verifyUsable(opened);
    }

    void missingWalKeepsWhatWasCheckpointed()
    {
        const QString path = freshPath(QStringLiteral("nowal"));
        writeCalls(path, 20);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.ok);
        QVERIFY(opened.movedAsideTo.isEmpty());
        QVERIFY(opened.message.isEmpty());
        HistoryStore store(opened);
        // Closing the last connection checkpointed the WAL into the file: nothing was lost.
        QCOMPARE(HistoryQuery(store.connectionName()).page({}, 0, 100).size(), 20);
    }

    void unwritableFolderKeepsCallsInMemory()
    {
        // A file where the data folder should be: no one, root included, can create the
        // history there. (A read-only folder would not stop root, who runs CI.)
        const QString folder = m_dir.filePath(QStringLiteral("not-a-folder"));
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const HistoryDatabase::Opened opened =
            HistoryDatabase::prepare(folder + QStringLiteral("/history.sqlite"));
        QVERIFY(opened.inMemory);
        QVERIFY(opened.message.contains(QLatin1String("memory")));
        verifyUsable(opened);
    }

    void readOnlyFolderKeepsCallsInMemory()
    {
        if (::geteuid() == 0)
            QSKIP("root may write to read-only folders; unwritableFolderKeepsCallsInMemory covers "
                  "it");
        const QString path = freshPath(QStringLiteral("readonly"));
        const QString folder = QFileInfo(path).absolutePath();
        QDir().mkpath(folder);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
        QVERIFY(opened.inMemory);
        verifyUsable(opened);
    }

    // A history written by a newer Pi Console is not damaged: it is left where it is, byte
    // for byte, never moved nor downgraded, and this session keeps its calls in memory.
    void aNewerSchemaIsLeftAsItIs()
    {
        const QString path = freshPath(QStringLiteral("newer"));
        writeCalls(path, 1);
        {
            QString error;
            QSqlDatabase db = HistoryDatabase::connect(path, QStringLiteral("bump"), &error);
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
        }
        HistoryDatabase::disconnect(QStringLiteral("bump"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();

        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.movedAsideTo.isEmpty());
        QVERIFY(opened.inMemory);
        QVERIFY2(opened.message.contains(QLatin1String("newer")), qPrintable(opened.message));
        QVERIFY2(opened.message.contains(QLatin1String("left as it is")),
                 qPrintable(opened.message));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        const QStringList moved = QFileInfo(path).dir().entryList({QStringLiteral("*.broken-*")});
        QVERIFY2(moved.isEmpty(), qPrintable(moved.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestHistoryRecovery)
#include "tst_historyrecovery.moc"
