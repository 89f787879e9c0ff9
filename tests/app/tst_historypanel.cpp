// Showing a call from the history never inflates a large stored body on the UI thread: a
// crafted row whose body inflates without bound is read to the cap on a worker and shown
// with a note, and a later selection wins over one still being read.
#include "app/history/historypanel.h"
#include "core/history/historycodec.h"
#include "core/history/historydatabase.h"
#include "core/history/historymodel.h"
#include "core/history/historystore.h"
#include "support/samplecalls.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

class TestHistoryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBodyThatInflatesWithoutBoundIsReadOffTheUiThread()
    {
        QTemporaryDir dir;
        const HistoryDatabase::Opened db =
            HistoryDatabase::prepare(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(db.ok);
        HistoryStore store(db);
        QSignalSpy stored(&store, &HistoryStore::stored);
        CallRecord small = SampleCalls::make(1);
        CallRecord bombed = SampleCalls::make(2);
        bombed.responseBody = QByteArray(5000, 'y');
        store.record(small);
        store.record(bombed);
        QVERIFY(store.flush(5000));
        QTRY_COMPARE(stored.count(), 2);
        const qint64 bombedId = stored.at(1).first().value<CallRecord>().id;
        QByteArray bomb = qCompress(QByteArray(300 * 1024 * 1024, '\0'), 9);
        bomb[0] = bomb[1] = bomb[2] = 0;
        bomb[3] = 16; // it says 16 bytes
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        q.prepare(QStringLiteral("UPDATE calls SET response_body = ? WHERE id = ?"));
        q.addBindValue(bomb);
        q.addBindValue(bombedId);
        QVERIFY(q.exec());
        bomb.clear();

        HistoryPanel panel;
        panel.setStore(&store);
        auto *view = panel.findChild<QTableView *>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QSignalSpy shown(&panel, &HistoryPanel::callActivated);
        const int bombedRow = panel.model()->rowOfId(bombedId);
        view->selectRow(bombedRow);
        QCOMPARE(shown.count(), 0); // not read on the UI thread, which has not turned since
        QVERIFY(shown.wait(20000));
        const CallRecord r = shown.first().first().value<CallRecord>();
        QCOMPARE(r.id, bombedId);
        QCOMPARE(r.responseBody.size(), HistoryCodec::maxBodyBytes);
        QVERIFY(r.notes.join(QLatin1Char(' ')).contains(QLatin1String("only its start")));

        // Selected, then another row before it is read: only the later one is shown.
        shown.clear();
        view->clearSelection();
        view->selectRow(bombedRow);
        view->selectRow(1 - bombedRow);
        QTRY_COMPARE(shown.count(), 1);
        QVERIFY(QThreadPool::globalInstance()->waitForDone(20000)); // the first one was read…
        QCoreApplication::processEvents();                          // …and handed back
        QCOMPARE(shown.count(), 1);
        QVERIFY(shown.first().first().value<CallRecord>().id != bombedId);
    }

    // A context menu on a selection of such rows reads none of them: only the action chosen
    // reads its call.
    void aMenuOnBombedRowsReadsNone()
    {
        QTemporaryDir dir;
        const HistoryDatabase::Opened db =
            HistoryDatabase::prepare(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(db.ok);
        HistoryStore store(db);
        QSignalSpy stored(&store, &HistoryStore::stored);
        for (int i = 0; i < 3; ++i) {
            CallRecord r = SampleCalls::make(i);
            r.responseBody = QByteArray(5000, 'y');
            store.record(r);
        }
        QVERIFY(store.flush(5000));
        QTRY_COMPARE(stored.count(), 3);
        QByteArray bomb = qCompress(QByteArray(300 * 1024 * 1024, '\0'), 9);
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        QVERIFY(q.prepare(QStringLiteral("UPDATE calls SET response_body = ?")));
        q.addBindValue(bomb);
        QVERIFY(q.exec());
        bomb.clear();

        HistoryPanel panel;
        panel.setStore(&store);
        auto *view = panel.findChild<QTableView *>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->rowCount(), 3);
        view->selectAll();
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        QVERIFY(clear.open(QIODevice::WriteOnly) && clear.write("5") == 1);
        clear.close();
        QTimer::singleShot(0, [] {
            if (QWidget *menu = QApplication::activePopupWidget())
                menu->close();
        });
        Q_EMIT view->customContextMenuRequested(QPoint(5, 5));
        QFile status(QStringLiteral("/proc/self/status"));
        QVERIFY(status.open(QIODevice::ReadOnly));
        qint64 peakKb = 0;
        qint64 nowKb = 0;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                peakKb = line.mid(6).trimmed().split(' ').first().toLongLong();
            if (line.startsWith("VmRSS:"))
                nowKb = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        QVERIFY2(peakKb - nowKb < 100 * 1024, qPrintable(QString::number(peakKb - nowKb)));
    }

    // Tab leaves the history table instead of walking it cell by cell.
    void tabLeavesTheTable()
    {
        QTemporaryDir dir;
        const HistoryDatabase::Opened db =
            HistoryDatabase::prepare(dir.filePath(QStringLiteral("history.sqlite")));
        HistoryStore store(db);
        store.record(SampleCalls::make(1));
        store.record(SampleCalls::make(2));
        QVERIFY(store.flush(5000));
        HistoryPanel panel;
        panel.setStore(&store);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *view = panel.findChild<QTableView *>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->rowCount(), 2);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Tab);
        QVERIFY(!view->hasFocus());
    }

    // The row a click lands on is shown, even the one already current; Tab into the table
    // shows nothing; Enter opens the call in the composer; a call marked as shown elsewhere
    // is selected without being shown again.
    void theTableAndTheResponseAgree()
    {
        QTemporaryDir dir;
        const HistoryDatabase::Opened db =
            HistoryDatabase::prepare(dir.filePath(QStringLiteral("history.sqlite")));
        HistoryStore store(db);
        QSignalSpy stored(&store, &HistoryStore::stored);
        store.record(SampleCalls::make(1));
        store.record(SampleCalls::make(2));
        QVERIFY(store.flush(5000));
        QTRY_COMPARE(stored.count(), 2);
        HistoryPanel panel;
        panel.setStore(&store);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *view = panel.findChild<QTableView *>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QSignalSpy shown(&panel, &HistoryPanel::callActivated);
        QSignalSpy opened(&panel, &HistoryPanel::openInComposer);

        view->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(view->hasFocus());
        QCoreApplication::processEvents();
        QCOMPARE(shown.count(), 0); // Tab in: nothing chosen yet

        const QRect first = view->visualRect(view->model()->index(0, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, first.center());
        QTRY_COMPARE(shown.count(), 1);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, first.center());
        QTRY_COMPARE(shown.count(), 2); // the same row again: shown again

        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE(opened.count(), 1);

        const qint64 second = stored.at(0).first().value<CallRecord>().id; // the older one
        shown.clear();
        panel.markCall(second);
        QCOMPARE(panel.model()->rowAt(view->currentIndex().row()).id, second);
        QCoreApplication::processEvents();
        QCOMPARE(shown.count(), 0);
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
