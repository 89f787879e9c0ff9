// Showing a call from the history never inflates a large stored body on the UI thread: a
// crafted row whose body inflates without bound is read to the cap on a worker and shown
// with a note, and a later selection wins over one still being read.
#include "app/history/historypanel.h"
#include "core/history/historycodec.h"
#include "core/history/historydatabase.h"
#include "core/history/historymodel.h"
#include "core/history/historystore.h"
#include "support/processmemory.h"
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

// A history file of its own holding the calls given, and the panel that shows it.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<HistoryStore> store;
    QList<qint64> ids; // the calls', in the order given
    HistoryPanel panel;
    QTableView *view = nullptr;

    bool open(const QList<CallRecord> &calls, bool shown = false)
    {
        const HistoryDatabase::Opened db =
            HistoryDatabase::prepare(dir.filePath(QStringLiteral("history.sqlite")));
        if (!db.ok)
            return false;
        store = std::make_unique<HistoryStore>(db);
        QSignalSpy stored(store.get(), &HistoryStore::stored);
        for (const CallRecord &r : calls)
            store->record(r);
        if (!store->flush(5000) ||
            !QTest::qWaitFor([&] { return stored.count() == calls.size(); }, 5000))
            return false;
        for (const QList<QVariant> &s : std::as_const(stored))
            ids.append(s.first().value<CallRecord>().id);
        panel.setStore(store.get());
        if (shown) {
            panel.show();
            if (!QTest::qWaitForWindowExposed(&panel))
                return false;
        }
        view = panel.findChild<QTableView *>(QStringLiteral("historyView"));
        return QTest::qWaitFor([&] { return view->model()->rowCount() == calls.size(); }, 5000);
    }

    // The stored response body of one call (0: of every call) replaced by an inflation bomb.
    bool bomb(qint64 id = 0)
    {
        QSqlQuery q(QSqlDatabase::database(store->connectionName()));
        q.prepare(id ? QStringLiteral("UPDATE calls SET response_body = ? WHERE id = ?")
                     : QStringLiteral("UPDATE calls SET response_body = ?"));
        q.addBindValue(SampleCalls::inflationBomb());
        if (id)
            q.addBindValue(id);
        return q.exec();
    }
};

// A call whose body is stored compressed (over 1 KB).
CallRecord compressedCall(int n)
{
    CallRecord r = SampleCalls::make(n);
    r.responseBody = QByteArray(5000, 'y');
    return r;
}

class TestHistoryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBodyThatInflatesWithoutBoundIsReadOffTheUiThread()
    {
        Fixture f;
        QVERIFY(f.open({SampleCalls::make(1), compressedCall(2)}));
        const qint64 bombedId = f.ids.at(1);
        QVERIFY(f.bomb(bombedId));
        HistoryPanel &panel = f.panel;
        QTableView *view = f.view;

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
        Fixture f;
        QVERIFY(f.open({compressedCall(0), compressedCall(1), compressedCall(2)}));
        QVERIFY(f.bomb());
        f.view->selectAll();
        QVERIFY(ProcessMemory::resetPeak());
        QTimer::singleShot(0, [] {
            if (QWidget *menu = QApplication::activePopupWidget())
                menu->close();
        });
        Q_EMIT f.view->customContextMenuRequested(QPoint(5, 5));
        const qint64 growthKb =
            ProcessMemory::statusKiB("VmHWM") - ProcessMemory::statusKiB("VmRSS");
        QVERIFY2(growthKb < 100 * 1024, qPrintable(QString::number(growthKb)));
    }

    // Tab leaves the history table instead of walking it cell by cell.
    void tabLeavesTheTable()
    {
        Fixture f;
        QVERIFY(f.open({SampleCalls::make(1), SampleCalls::make(2)}, true));
        QTableView *view = f.view;
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
        Fixture f;
        QVERIFY(f.open({SampleCalls::make(1), SampleCalls::make(2)}, true));
        HistoryPanel &panel = f.panel;
        QTableView *view = f.view;
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

        const qint64 second = f.ids.at(0); // the older one
        shown.clear();
        panel.markCall(second);
        QCOMPARE(panel.model()->rowAt(view->currentIndex().row()).id, second);
        QCoreApplication::processEvents();
        QCOMPARE(shown.count(), 0);
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
