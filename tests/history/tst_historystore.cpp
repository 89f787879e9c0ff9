// Calls kept exactly (with their profile and timing), pinned calls kept through retention and
// clearing (a key in a pin's name is not stored; a version 1 history gains pins), bodies over 1 KB
// stored compressed and back byte for byte, the byte budget keeping the newest and the pinned,
// Compact now shrinking the file, found and filtered (a since:/until: out of range is a word); a
// store destroyed with 300 calls queued writes them all.
#include "core/history/historycodec.h"
#include "core/history/historydatabase.h"
#include "core/history/historyexport.h"
#include "core/history/historymodel.h"
#include "core/history/historystore.h"
#include "core/secrets/redaction.h"
#include "support/samplecalls.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The history on a real SQLite file in the test's private XDG_DATA_HOME.
class TestHistoryStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HistoryStore> m_store;

    HistoryQuery query() const { return HistoryQuery(m_store->connectionName()); }

    void recordAll(const QList<CallRecord> &records)
    {
        for (const CallRecord &r : records)
            m_store->record(r);
        m_store->flush();
    }

    // The newest call whose request id (or X-Request-Id) starts with prefix; 0 if none.
    qint64 findByRequestId(const QString &prefix)
    {
        HistoryFilter f;
        f.requestIdPrefix = prefix;
        const QList<HistoryRow> rows = query().page(f, 0, 1);
        return rows.isEmpty() ? 0 : rows.first().id;
    }

private Q_SLOTS:
    void init()
    {
        const QString path = HistoryDatabase::defaultPath();
        QVERIFY(path.startsWith(qEnvironmentVariable("XDG_DATA_HOME")));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY(opened.ok);
        QVERIFY(!opened.inMemory);
        QVERIFY(opened.message.isEmpty());
        m_store = std::make_unique<HistoryStore>(opened);
    }

    void cleanup() { m_store.reset(); }

    void aCallComesBackWholeAndExact()
    {
        CallRecord r = SampleCalls::make(3, 409, QStringLiteral("idempotency_key_mismatch"));
        // 28 bytes: the literal's 26 characters, its \x00 and the terminating NUL.
        r.requestBody = QByteArray("{ \"amount\":\t3 ,\n\"x\":\"\xc3\xa9\" }\x00", 28);
        r.retryOf = 77;
        r.replayed = true;
        r.profileId = QStringLiteral("6a1f0c3e-profile");
        r.notes = {QStringLiteral("a note")};
        r.contractProblems = {QStringLiteral("a problem")};
        r.timing = {3, 9, 11, 12, 1210, 1215};
        r.keyMask = QStringLiteral("pi_…abcd");
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({r});
        QTRY_COMPARE(stored.count(), 1);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QVERIFY(id > 0);

        const CallRecord back = query().load(id);
        QCOMPARE(back.id, id);
        QCOMPARE(back.requestBody, r.requestBody); // byte for byte, NUL included
        QCOMPARE(back.requestBody.size(), 28);
        QCOMPARE(back.idempotencyKey, r.idempotencyKey);
        QCOMPARE(back.startedUtc, r.startedUtc);
        QCOMPARE(back.method, r.method);
        QCOMPARE(back.url, r.url);
        QCOMPARE(back.status, 409);
        QCOMPARE(back.requestId(), r.requestId());
        QCOMPARE(back.envelope.code, QStringLiteral("idempotency_key_mismatch"));
        QCOMPARE(back.envelope.message, r.envelope.message);
        QCOMPARE(back.retryOf, 77);
        QVERIFY(back.replayed);
        QCOMPARE(back.requestHeaders, r.requestHeaders);
        QCOMPARE(back.responseHeaders, r.responseHeaders);
        QCOMPARE(back.responseBody, r.responseBody);
        QCOMPARE(back.rateLimit.remaining, r.rateLimit.remaining);
        QCOMPARE(back.rateLimit.resetUnix, r.rateLimit.resetUnix);
        QCOMPARE(back.notes, r.notes);
        QCOMPARE(back.contractProblems, r.contractProblems);
        QCOMPARE(back.timing.doneMs, r.timing.doneMs);
        QCOMPARE(back.timing.connectStartMs, r.timing.connectStartMs);
        QCOMPARE(back.timing.encryptedMs, r.timing.encryptedMs);
        QCOMPARE(back.timing.bodyStartMs, r.timing.bodyStartMs);
        QCOMPARE(back.timing.sentMs, r.timing.sentMs);
        QCOMPARE(back.timing.firstByteMs, r.timing.firstByteMs);
        QCOMPARE(back.keyMask, r.keyMask);
        QCOMPARE(back.profile, QStringLiteral("Sandbox"));
        QCOMPARE(back.profileId, r.profileId); // a retry goes back to it
        const QByteArray har = HistoryExport::toHar({back});
        QVERIFY(har.contains("\"_profile\": \"Sandbox\""));
    }

    void failuresAndCancelsAreKept()
    {
        CallRecord cancelled = SampleCalls::make(1);
        cancelled.outcome = CallRecord::Outcome::Cancelled;
        cancelled.status = 0;
        cancelled.errorText = QStringLiteral("Cancelled.");
        cancelled.responseBody.clear();
        cancelled.headerRequestId.clear();
        CallRecord refused = SampleCalls::make(2);
        refused.outcome = CallRecord::Outcome::Refused;
        refused.status = 0;
        recordAll({cancelled, refused});
        HistoryFilter noResponse;
        noResponse.statusClass = HistoryFilter::StatusClass::NoResponse;
        const QList<HistoryRow> rows = query().page(noResponse, 0, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(query().load(rows.last().id).errorText, QStringLiteral("Cancelled."));
    }

    void bigResponsesAreCutAndMarked()
    {
        m_store->setRetention({0, 0, 1000});
        CallRecord r = SampleCalls::make(5);
        r.responseBody = QByteArray(5000, 'x');
        recordAll({r});
        const CallRecord back = query().load(query().page({}, 0, 1).first().id);
        QCOMPARE(back.responseBody.size(), 1000);
        QVERIFY(back.responseTruncated);
    }

    void largeBodiesAreStoredCompressedAndComeBackExact()
    {
        // A JSON list of the kind Pi returns, 40 KB: kept at well under 40 % of its size.
        QByteArray json = "{\"data\": [";
        for (int i = 0; i < 300; ++i)
            json += QByteArray(i ? ", " : "") + "{\"id\": \"ch_" + QByteArray::number(i * 7919) +
                    "\", \"amount\": " + QByteArray::number(i * 13 % 5000) +
                    ", \"currency\": \"eur\", \"status\": \"succeeded\"}";
        json += "]}";
        CallRecord r = SampleCalls::make(3);
        r.responseBody = json;
        r.requestBody = json.left(4000);
        const QByteArray small = "{\"ok\": true}";
        CallRecord tiny = SampleCalls::make(4);
        tiny.responseBody = small;
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({r, tiny});
        QTRY_COMPARE(stored.count(), 2);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QCOMPARE(query().load(id).responseBody, json);
        QCOMPARE(query().load(id).requestBody, json.left(4000));
        QCOMPARE(query().load(stored.last().first().value<CallRecord>().id).responseBody, small);

        QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT length(response_body), response_size, body_encoding "
                                      "FROM calls WHERE id = %1")
                           .arg(id)));
        QVERIFY(q.next());
        const double ratio = q.value(0).toDouble() / q.value(1).toDouble();
        QVERIFY2(ratio <= 0.4, qPrintable(QString::number(ratio)));
        QCOMPARE(q.value(2).toInt(), 3); // both bodies compressed
    }

    void aDamagedCompressedBodyIsNamedNotShownAsGarbage()
    {
        CallRecord r = SampleCalls::make(3);
        r.responseBody = QByteArray(5000, 'y');
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({r});
        QTRY_COMPARE(stored.count(), 1);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
        QVERIFY(q.exec(QStringLiteral("UPDATE calls SET response_body = x'00000010deadbeef' WHERE "
                                      "id = %1")
                           .arg(id)));
        const CallRecord back = query().load(id);
        QVERIFY(back.responseBody.isEmpty());
        QVERIFY(
            back.notes.join(QLatin1Char(' ')).contains(QLatin1String("could not be decompressed")));
    }

    // A crafted file: a row whose compressed body says it is 16 bytes and inflates to 300 MB.
    // It is read to the largest body a call keeps, and says that it was cut.
    void aBodyThatInflatesWithoutBoundIsReadToTheCap()
    {
        CallRecord r = SampleCalls::make(3);
        r.responseBody = QByteArray(5000, 'y');
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({r});
        QTRY_COMPARE(stored.count(), 1);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
        q.prepare(QStringLiteral("UPDATE calls SET response_body = ? WHERE id = ?"));
        q.addBindValue(SampleCalls::inflationBomb());
        q.addBindValue(id);
        QVERIFY(q.exec());
        const CallRecord back = query().load(id);
        QCOMPARE(back.responseBody.size(), HistoryCodec::maxBodyBytes);
        QVERIFY(back.notes.join(QLatin1Char(' ')).contains(QLatin1String("only its start")));
    }

    void theByteBudgetKeepsTheNewestAndThePinned()
    {
        // Bodies that do not compress, so the budget is reached with few calls.
        QList<CallRecord> calls;
        for (int i = 0; i < 200; ++i) {
            CallRecord r = SampleCalls::make(i);
            QRandomGenerator random(quint32(i + 1));
            QByteArray noise(8000, Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
            r.responseBody = noise;
            calls.append(r);
        }
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll(calls.mid(0, 1));
        QTRY_COMPARE(stored.count(), 1);
        const qint64 first = stored.first().first().value<CallRecord>().id;
        QSignalSpy pinned(m_store.get(), &HistoryStore::pinChanged);
        m_store->setPinned(first, true);
        QVERIFY(pinned.wait(10000));
        HistoryWriter::Retention budget;
        budget.maxBytes = 512 * 1024;
        m_store->setRetention(budget);
        recordAll(calls.mid(1));
        m_store->setRetention(budget); // prunes now
        m_store->flush();

        QSqlQuery q(QSqlDatabase::database(m_store->connectionName()));
        const auto number = [&q](const char *sql) {
            return q.exec(QLatin1String(sql)) && q.next() ? q.value(0).toLongLong() : -1;
        };
        const qint64 used = (number("PRAGMA page_count") - number("PRAGMA freelist_count")) *
                            number("PRAGMA page_size");
        QVERIFY2(used <= budget.maxBytes, qPrintable(QString::number(used)));
        const QList<HistoryRow> rows = query().page({}, 0, 1000);
        QVERIFY(rows.size() > 10 && rows.size() < 200);
        QCOMPARE(rows.first().requestId, calls.last().requestId()); // the newest kept
        QCOMPARE(rows.last().id, first);                            // and the pinned one

        // Compact now gives the freed pages back to the disk.
        const qint64 before = m_store->sizeOnDisk();
        QSignalSpy compacted(m_store.get(), &HistoryStore::compacted);
        m_store->compact();
        QVERIFY(compacted.wait(20000));
        QVERIFY2(m_store->sizeOnDisk() < before,
                 qPrintable(QStringLiteral("%1 → %2").arg(before).arg(m_store->sizeOnDisk())));
        QCOMPARE(query().page({}, 0, 1000).size(), rows.size());
    }

    void aCallLargerThanTheBudgetIsStillKept()
    {
        HistoryWriter::Retention tiny;
        tiny.maxBytes = 64 * 1024;
        tiny.responseBodyCap = 4 * 1024 * 1024;
        m_store->setRetention(tiny);
        CallRecord r = SampleCalls::make(7);
        QRandomGenerator random(7);
        r.responseBody = QByteArray(1024 * 1024, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(r.responseBody.data()),
                         r.responseBody.size() / 4);
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({r});
        m_store->setRetention(tiny);
        m_store->flush();
        QTRY_COMPARE(stored.count(), 1);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QCOMPARE(query().load(id).responseBody, r.responseBody); // the newest call stays
    }

    void findsByRequestIdWholeOrPrefix()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 50; ++i)
            calls.append(SampleCalls::make(i, i % 5 ? 200 : 401));
        recordAll(calls);
        const QByteArray id = calls.at(17).requestId();
        const qint64 row = findByRequestId(QString::fromLatin1(id));
        QVERIFY(row > 0);
        QCOMPARE(query().load(row).requestId(), id);
        QCOMPARE(query().load(findByRequestId(QString::fromLatin1(id.left(15)))).requestId(), id);
        QCOMPARE(findByRequestId(QStringLiteral("req_pi_ffffffff")), 0);
    }

    void headerIdFindsTheCallWhenTheEnvelopeDisagrees()
    {
        CallRecord r = SampleCalls::make(9, 500, QStringLiteral("api_error"));
        r.envelope.requestId = QStringLiteral("req_pi_envelope_side");
        r.requestIdMismatch = true;
        recordAll({r});
        QVERIFY(findByRequestId(QStringLiteral("req_pi_envelope_side")) > 0);
        QVERIFY(findByRequestId(QString::fromLatin1(r.headerRequestId)) > 0);
    }

    void filters()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 60; ++i) {
            CallRecord r = SampleCalls::make(i, i % 4 == 0 ? 429 : (i % 4 == 1 ? 502 : 200),
                                             QStringLiteral("rate_limit_exceeded"));
            calls.append(r);
        }
        recordAll(calls);
        HistoryFilter f;
        f.statusClass = HistoryFilter::StatusClass::Client4xx;
        QCOMPARE(query().page(f, 0, 100).size(), 15);
        f = {};
        f.errorCode = QStringLiteral("rate_limit_exceeded");
        QCOMPARE(query().page(f, 0, 100).size(), 30); // the 429s and the 502s
        f = {};
        f.method = "POST";
        QCOMPARE(query().page(f, 0, 100).size(), 20);
        f = {};
        f.idempotencyKey = QStringLiteral("idem-3"); // calls 6 (POST) and 7 (GET, no key)
        QCOMPARE(query().page(f, 0, 100).size(), 1);
        f = {};
        f.from = calls.at(10).startedUtc;
        f.to = calls.at(20).startedUtc;
        QCOMPARE(query().page(f, 0, 100).size(), 10);
        f = HistoryFilter::fromSearchText(QStringLiteral("charges status:4xx"));
        const QList<HistoryRow> charges4xx = query().page(f, 0, 100);
        QVERIFY(!charges4xx.isEmpty()); // else the loop below would prove nothing
        for (const HistoryRow &row : charges4xx) {
            QVERIFY2(row.path.contains(QLatin1String("charges")), qPrintable(row.path));
            QCOMPARE(row.status, 429);
        }
        // The filter box's time words: calls 50 to 59 are the last 10 seconds before "now".
        const QDateTime now = calls.at(59).startedUtc.addSecs(1);
        QCOMPARE(query()
                     .page(HistoryFilter::fromSearchText(QStringLiteral("since:0m"), now), 0, 100)
                     .size(),
                 0);
        f = HistoryFilter::fromSearchText(QStringLiteral("since:1m"), now);
        QCOMPARE(query().page(f, 0, 100).size(), 60);
        f = HistoryFilter::fromSearchText(
            QStringLiteral("until:") + calls.at(10).startedUtc.toString(Qt::ISODate), now);
        QCOMPARE(query().page(f, 0, 100).size(), 10);
        f = HistoryFilter::fromSearchText(QStringLiteral("revoked"));
        QCOMPARE(query().page(f, 0, 100).size(), 30); // full text over the error message
        QCOMPARE(HistoryFilter::fromSearchText(QStringLiteral("req_pi_0000")).requestIdPrefix,
                 QStringLiteral("req_pi_0000"));
    }

    void filterTimesTooFarBackAreWords()
    {
        // Found by fuzzing: n * 60 overflowed for an n this large.
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
        for (const QString &word : {QStringLiteral("since:3000000000000000020m"),
                                    QStringLiteral("since:99999999999999999999d"),
                                    QStringLiteral("until:9223372036854775807h")}) {
            const HistoryFilter f = HistoryFilter::fromSearchText(word, now);
            QVERIFY2(!f.from.isValid() && !f.to.isValid(), qPrintable(word));
            QCOMPARE(f.text, word);
        }
        const HistoryFilter f = HistoryFilter::fromSearchText(QStringLiteral("since:3650d"), now);
        QCOMPARE(f.from, now.addDays(-3650));
    }

    void filterTimesOutOfRangeAreWords_data()
    {
        QTest::addColumn<QString>("word");
        // 19 digits and more, where a number is read: never a wrap, never a part of it.
        QTest::newRow("19-digit epoch-like number") << QStringLiteral("since:1234567890123456789");
        QTest::newRow("20-digit number") << QStringLiteral("until:12345678901234567890");
        QTest::newRow("19-digit offset")
            << QStringLiteral("since:2026-11-26T10:00:00+9223372036854775807");
        QTest::newRow("negative 19-digit offset")
            << QStringLiteral("until:2026-11-26T10:00:00-9223372036854775808");
        QTest::newRow("19-digit minute fraction")
            << QStringLiteral("since:2026-11-26T10:00,9999999999999999999");
        QTest::newRow("offset of 99 hours") << QStringLiteral("since:2026-11-26T10:00:00+99:00");
        QTest::newRow("minute 60") << QStringLiteral("until:2026-11-26T10:60");
        QTest::newRow("hour 25") << QStringLiteral("until:2026-11-26T25:00:00Z");
        QTest::newRow("month 13") << QStringLiteral("since:2026-13-01");
        QTest::newRow("year 0") << QStringLiteral("since:0000-01-01");
        QTest::newRow("year past 9999") << QStringLiteral("since:+275759-01-01");
        QTest::newRow("scientific") << QStringLiteral("since:1e19");
        QTest::newRow("negative count") << QStringLiteral("since:-5d");
    }

    void filterTimesOutOfRangeAreWords()
    {
        // Before, the ISO reader fell back to the date alone: "10:60" or an absurd offset
        // became midnight of that day, a filter nobody typed.
        QFETCH(QString, word);
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
        const HistoryFilter f = HistoryFilter::fromSearchText(word, now);
        QVERIFY2(!f.from.isValid() && !f.to.isValid(),
                 qPrintable(f.from.toString(Qt::ISODate) + f.to.toString(Qt::ISODate)));
        QCOMPARE(f.text, word);
        // And the query the words make is one SQLite takes.
        QVERIFY(query().page(f, 0, 10).isEmpty());
    }

    void filterTimesInRangeAreTimes_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QDateTime>("from");
        const QDate day(2026, 11, 26);
        QTest::newRow("date") << QStringLiteral("since:2026-11-26")
                              << QDateTime(day, QTime(0, 0), Qt::UTC);
        QTest::newRow("minutes, no zone is UTC")
            << QStringLiteral("since:2026-11-26T10:05") << QDateTime(day, QTime(10, 5), Qt::UTC);
        QTest::newRow("19 fraction digits read to the millisecond")
            << QStringLiteral("since:2026-11-26T10:05:07.2509999999999999999Z")
            << QDateTime(day, QTime(10, 5, 7, 250), Qt::UTC);
        QTest::newRow("offset") << QStringLiteral("since:2026-11-26T10:05:00+05:30")
                                << QDateTime(day, QTime(4, 35), Qt::UTC);
        QTest::newRow("negative offset, no colon")
            << QStringLiteral("since:2026-11-26T22:00:00-0300")
            << QDateTime(day.addDays(1), QTime(1, 0), Qt::UTC);
        QTest::newRow("24:00 ends the day") << QStringLiteral("since:2026-11-26T24:00")
                                            << QDateTime(day.addDays(1), QTime(0, 0), Qt::UTC);
        QTest::newRow("last year it reads") << QStringLiteral("since:9999-12-31")
                                            << QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);
    }

    void filterTimesInRangeAreTimes()
    {
        QFETCH(QString, word);
        QFETCH(QDateTime, from);
        const HistoryFilter f =
            HistoryFilter::fromSearchText(word, QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC));
        QVERIFY2(f.text.isEmpty(), qPrintable(f.text));
        QCOMPARE(f.from.toMSecsSinceEpoch(), from.toMSecsSinceEpoch());
        QVERIFY(query().page(f, 0, 10).isEmpty()); // nothing recorded; the query runs
    }

    void retriesShareAChain()
    {
        CallRecord first = SampleCalls::make(3);
        CallRecord retry = SampleCalls::make(3);
        retry.retryOf = 1;
        retry.replayed = true;
        CallRecord other = SampleCalls::make(9);
        recordAll({first, other, retry});
        const QList<HistoryRow> chain = query().chain(first.idempotencyKey);
        QCOMPARE(chain.size(), 2);
        QVERIFY(!chain.first().replayed);
        QVERIFY(chain.last().replayed);
    }

    void destroyingTheStoreWritesWhatWasQueued()
    {
        m_store.reset();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("quit.sqlite"));
        {
            HistoryStore store(HistoryDatabase::prepare(path));
            for (int i = 0; i < 300; ++i)
                store.record(SampleCalls::make(i, 200));
        } // gone at once, as when the app quits: no flush() by the caller
        HistoryStore reopened(HistoryDatabase::prepare(path));
        QSqlQuery q(QSqlDatabase::database(reopened.connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM calls")) && q.next());
        QCOMPARE(q.value(0).toInt(), 300);
        // The calls are the user's alone: no one else may read the file.
        const auto others = QFileDevice::ReadGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteGroup | QFileDevice::WriteOther;
        QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
    }

    void retentionByCount()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 30; ++i)
            calls.append(SampleCalls::make(i));
        recordAll(calls);
        m_store->setRetention({10, 0, 1024 * 1024});
        m_store->flush();
        const QList<HistoryRow> rows = query().page({}, 0, 100);
        QCOMPARE(rows.size(), 10);
        QCOMPARE(rows.first().requestId, calls.last().requestId()); // the newest are kept
    }

    void pinnedCallsSurviveRetentionAndClearing()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 30; ++i)
            calls.append(SampleCalls::make(i));
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll(calls);
        QTRY_COMPARE(stored.count(), 30);
        const qint64 oldest = stored.first().first().value<CallRecord>().id;
        QSignalSpy pinned(m_store.get(), &HistoryStore::pinChanged);
        m_store->setPinned(oldest, true, QStringLiteral("first charge"));
        QVERIFY(pinned.wait(10000));

        m_store->setRetention({10, 0, 1024 * 1024});
        m_store->flush();
        QList<HistoryRow> rows = query().page({}, 0, 100);
        QCOMPARE(rows.size(), 11); // the 10 newest and the pinned one
        QCOMPARE(rows.last().id, oldest);
        QVERIFY(rows.last().pinned);

        const HistoryFilter onlyPinned = HistoryFilter::fromSearchText(QStringLiteral("pinned:"));
        rows = query().page(onlyPinned, 0, 100);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().pinName, QStringLiteral("first charge"));
        QCOMPARE(query()
                     .page(HistoryFilter::fromSearchText(QStringLiteral("pinned:CHARGE")), 0, 100)
                     .size(),
                 1);
        QVERIFY(query()
                    .page(HistoryFilter::fromSearchText(QStringLiteral("pinned:refund")), 0, 100)
                    .isEmpty());
        QVERIFY(query().load(oldest).pinned);
        // Names are matched whatever their case, beyond ASCII too.
        const qint64 second = stored.at(29).first().value<CallRecord>().id;
        m_store->setPinned(second, true, QStringLiteral("Überweisung Ärger"));
        QVERIFY(pinned.wait(10000));
        QCOMPARE(query()
                     .page(HistoryFilter::fromSearchText(QStringLiteral("pinned:ärger")), 0, 100)
                     .size(),
                 1);
        QCOMPARE(query()
                     .page(HistoryFilter::fromSearchText(QStringLiteral("pinned:ÜBER")), 0, 100)
                     .size(),
                 1);
        m_store->setPinned(second, false);
        QVERIFY(pinned.wait(10000));

        QSignalSpy cleared(m_store.get(), &HistoryStore::cleared);
        m_store->clear();
        QVERIFY(cleared.wait(10000));
        rows = query().page({}, 0, 100);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().id, oldest);

        m_store->setPinned(oldest, false);
        QVERIFY(pinned.wait(10000));
        QVERIFY(query().page(onlyPinned, 0, 100).isEmpty());
        QVERIFY(!query().load(oldest).pinned);
        QVERIFY(query().load(oldest).pinName.isEmpty());
    }

    void aPinNameHoldsNoKey()
    {
        Redaction::rememberSecret(QStringLiteral("pi_live_pinnedkey0123456789"));
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        recordAll({SampleCalls::make(1)});
        QTRY_COMPARE(stored.count(), 1);
        const qint64 id = stored.first().first().value<CallRecord>().id;
        QSignalSpy pinned(m_store.get(), &HistoryStore::pinChanged);
        m_store->setPinned(id, true, QStringLiteral("charge with pi_live_pinnedkey0123456789"));
        QVERIFY(pinned.wait(10000));
        const QString name = query().load(id).pinName;
        QVERIFY2(!name.contains(QLatin1String("pinnedkey")), qPrintable(name));
        QVERIFY(name.startsWith(QLatin1String("charge with")));
    }

    void aVersionOneHistoryGainsPins()
    {
        // A history written before pins existed: its calls stay, and can be pinned.
        m_store.reset();
        const QString path = HistoryDatabase::defaultPath();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        {
            // The schema as version 1 left it: today's without the pin and encoding columns.
            const HistoryDatabase::Opened fresh = HistoryDatabase::prepare(path);
            QVERIFY(fresh.ok && !fresh.inMemory);
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql :
                 {"DROP INDEX calls_pinned", "ALTER TABLE calls DROP COLUMN body_encoding",
                  "ALTER TABLE calls DROP COLUMN pin_key", "ALTER TABLE calls DROP COLUMN pin_name",
                  "ALTER TABLE calls DROP COLUMN pinned", "PRAGMA user_version=1",
                  "INSERT INTO calls (started_ms, profile, method, url, path, "
                  "status, outcome, duration_ms, request_id) VALUES (1, "
                  "'Sandbox', 'GET', 'http://127.0.0.1/v1/ping', '/v1/ping', "
                  "200, 0, 3, 'req_pi_old')"})
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        const HistoryDatabase::Opened opened = HistoryDatabase::prepare(path);
        QVERIFY2(opened.ok && !opened.inMemory, qPrintable(opened.message));
        m_store = std::make_unique<HistoryStore>(opened);
        const QList<HistoryRow> rows = query().page({}, 0, 10);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().requestId, QByteArray("req_pi_old"));
        QSignalSpy pinned(m_store.get(), &HistoryStore::pinChanged);
        m_store->setPinned(rows.first().id, true, QStringLiteral("old"));
        QVERIFY(pinned.wait(10000));
        QCOMPARE(
            query().page(HistoryFilter::fromSearchText(QStringLiteral("pinned:")), 0, 10).size(),
            1);
    }

    void clearEmptiesIt()
    {
        recordAll({SampleCalls::make(1), SampleCalls::make(2)});
        QSignalSpy cleared(m_store.get(), &HistoryStore::cleared);
        m_store->clear();
        QVERIFY(cleared.wait(10000));
        QVERIFY(query().page({}, 0, 10).isEmpty());
        HistoryFilter f;
        f.text = QStringLiteral("ping");
        QVERIFY(query().page(f, 0, 10).isEmpty());
    }

    void modelLoadsLazilyAndPassesTheTester()
    {
        QList<CallRecord> calls;
        for (int i = 0; i < 450; ++i)
            calls.append(SampleCalls::make(i, i % 10 ? 200 : 401));
        recordAll(calls);
        HistoryModel model(m_store->connectionName());
        QCOMPARE(model.rowCount(), HistoryModel::pageSize); // one page, not 450 rows
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 2 * HistoryModel::pageSize);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(0, int(HistoryModel::Column::RequestId)).data().toByteArray(),
                 calls.last().requestId());

        // The tester fetches all there is, so it joins after the paging checks above.
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(HistoryFilter::fromSearchText(QStringLiteral("status:4xx")));
        QCOMPARE(model.rowCount(), 45);

        // A new matching call appears at the top; one that does not match stays out.
        QCoreApplication::processEvents(); // deliver the stored() of the calls above first
        QSignalSpy stored(m_store.get(), &HistoryStore::stored);
        connect(m_store.get(), &HistoryStore::stored, &model, &HistoryModel::addStored);
        recordAll({SampleCalls::make(1000, 401), SampleCalls::make(1001, 200)});
        QTRY_COMPARE(stored.count(), 2);
        QCOMPARE(model.rowCount(), 46);
        QCOMPARE(model.rowAt(0).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
