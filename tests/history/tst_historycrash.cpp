// A writer recording through HistoryStore SIGKILLed 50 times loses no committed call.
#include "core/history/historydatabase.h"
#include "core/history/historyquery.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

// SIGKILL a writer at random moments, over and over: the file must pass
// PRAGMA integrity_check every time and keep every call whose commit was reported.
class TestHistoryCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
private Q_SLOTS:
    void firstStartsAtOnceShareOneHistory()
    {
        // Several Pi Consoles opening a history that does not exist yet, at the same moment:
        // one creates it, the others use it; none takes "already exists" or "locked" for
        // damage and moves a live history aside.
        for (int round = 0; round < 6; ++round) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("history.sqlite"));
            std::vector<std::unique_ptr<QProcess>> writers;
            for (int i = 0; i < 6; ++i) {
                writers.push_back(std::make_unique<QProcess>());
                writers.back()->start(QStringLiteral(PI_CRASH_WRITER_PATH), {path});
            }
            for (const auto &writer : writers) {
                QVERIFY(writer->waitForStarted(10000));
                QVERIFY2(writer->waitForReadyRead(20000),
                         writer->readAllStandardError().constData()); // it wrote a call
                writer->kill();
                writer->waitForFinished(10000);
            }
            const QStringList files = QDir(dir.path()).entryList(QDir::Files);
            QVERIFY2(!files.join(QLatin1Char(' ')).contains(QLatin1String("broken")),
                     qPrintable(files.join(QLatin1Char(' '))));
        }
    }

    void killedWriterLosesNoCommittedCall()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QSet<qint64> committed;
        QRandomGenerator random(20261126);
        const int kills = 50;
        for (int round = 0; round < kills; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(PI_CRASH_WRITER_PATH), {path});
            QVERIFY(writer.waitForStarted(10000));
            QVERIFY(writer.waitForReadyRead(10000)); // it has committed at least once
            QTest::qWait(int(random.bounded(5, 100)));
            ::kill(pid_t(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished(10000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            const QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines) {
                // The last line may be cut by the kill: only whole lines count.
                if (line.endsWith('\r') || line.isEmpty())
                    continue;
                committed.insert(line.toLongLong());
            }

            const QString name = QStringLiteral("check-%1").arg(round);
            {
                QString error;
                QSqlDatabase db = HistoryDatabase::connect(path, name, &error);
                QVERIFY2(db.isOpen(), qPrintable(error));
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
                QVERIFY(q.exec(QStringLiteral("SELECT id FROM calls")));
                QSet<qint64> present;
                while (q.next())
                    present.insert(q.value(0).toLongLong());
                const QSet<qint64> missing = committed - present;
                QVERIFY2(missing.isEmpty(),
                         qPrintable(QStringLiteral("round %1: %2 committed calls missing")
                                        .arg(round)
                                        .arg(missing.size())));
            }
            HistoryDatabase::disconnect(name);
        }
        QVERIFY(committed.size() > kills);
        qInfo("%d kills, %lld committed calls, all present", kills, qint64(committed.size()));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCrash)
#include "tst_historycrash.moc"
