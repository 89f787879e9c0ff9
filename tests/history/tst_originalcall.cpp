// Which recorded call a retry's first attempt was, the one "Compare with original" opens: the
// first call Pi processed under the key, on the same profile or with the same API key at the
// same origin, read from a real history file.
#include "core/history/historydatabase.h"
#include "core/history/historyquery.h"
#include "core/history/historystore.h"
#include "core/history/originalcall.h"
#include "support/samplecalls.h"

#include <QSignalSpy>
#include <QTest>

class TestOriginalCall : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HistoryStore> m_store;
    int m_next = 0;

    // A POST with idempotency key "idem-x" on profile A, n seconds after the first.
    CallRecord call(int status, const QString &profileId = QStringLiteral("A"))
    {
        CallRecord r = SampleCalls::make(3 * ++m_next, status);
        r.idempotencyKey = "idem-x";
        r.profileId = profileId;
        r.keyMask = QStringLiteral("pi_…abcd");
        return r;
    }

    // Records the call and returns it as the history keeps it, with its id.
    CallRecord store(const CallRecord &r)
    {
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        m_store->record(r);
        m_store->flush();
        if (!stored.wait(5000) && stored.isEmpty())
            return {};
        return stored.first().first().value<CallRecord>();
    }

    CallRecord originalOf(const CallRecord &r) const
    {
        return OriginalCall::find(HistoryQuery(m_store->connectionName()), r);
    }

private Q_SLOTS:
    void init()
    {
        const QString path = HistoryDatabase::defaultPath();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.ok);
        m_store = std::make_unique<HistoryStore>(opened);
    }

    void cleanup() { m_store.reset(); }

    void theFirstProcessedCallIsTheOriginal()
    {
        const CallRecord failed = store(call(503)); // never stored by Pi
        const CallRecord first = store(call(201));
        const CallRecord replay = store([&] {
            CallRecord r = call(201);
            r.replayed = true;
            return r;
        }());
        const CallRecord retry = store(call(201));
        QVERIFY(failed.id && first.id && replay.id && retry.id);
        QCOMPARE(originalOf(retry).id, first.id);
        QCOMPARE(originalOf(replay).id, first.id);
    }

    void aCallIsNotItsOwnOriginalNorOneMadeAfterIt()
    {
        const CallRecord first = store(call(201));
        QCOMPARE(originalOf(first).id, 0);
        const CallRecord later = store(call(201));
        QCOMPARE(originalOf(later).id, first.id);
        CallRecord earlier = call(201);
        earlier.startedUtc = first.startedUtc.addSecs(-10);
        QCOMPARE(originalOf(earlier).id, 0);
    }

    void theSameApiKeyAtTheSameOriginCountsAcrossProfiles()
    {
        const CallRecord first = store(call(201, QStringLiteral("A")));
        CallRecord onB = call(201, QStringLiteral("B"));
        QCOMPARE(originalOf(onB).id, first.id);
        onB.keyMask = QStringLiteral("pi_…ffff"); // another key: Pi stored nothing for it
        QCOMPARE(originalOf(onB).id, 0);
        CallRecord elsewhere = call(201, QStringLiteral("B"));
        elsewhere.url = QUrl(QStringLiteral("https://api.example-pi.dev/v1/charges"));
        QCOMPARE(originalOf(elsewhere).id, 0);
    }

    void aCallWithoutKeyHasNoOriginal()
    {
        store(call(201));
        CallRecord r = call(201);
        r.idempotencyKey.clear();
        QCOMPARE(originalOf(r).id, 0);
    }
};

QTEST_GUILESS_MAIN(TestOriginalCall)
#include "tst_originalcall.moc"
