// The rate-limit countdown on the server's clock; Retry-After in seconds or any of the three HTTP
// date forms (asctime too), a past date meaning no wait; garbage reported, never guessed.
#include "core/contract/contractcheck.h"
#include "core/ratelimit/ratelimittracker.h"
#include "core/secrets/redaction.h"
#include "support/testclock.h"

#include <QSignalSpy>
#include <QTest>

class TestRateLimitTracker : public QObject
{
    Q_OBJECT

private:
    static HttpHeaders headers(const QByteArray &limit, const QByteArray &remaining,
                               const QByteArray &reset, const QByteArray &date)
    {
        HttpHeaders h;
        if (!limit.isNull())
            h.append({"x-ratelimit-limit", limit}); // lower case on purpose
        if (!remaining.isNull())
            h.append({"X-RATELIMIT-REMAINING", remaining});
        if (!reset.isNull())
            h.append({"X-RateLimit-Reset", reset});
        if (!date.isNull())
            h.append({"Date", date});
        return h;
    }

private Q_SLOTS:
    void waitIsResetMinusServerDate()
    {
        // The server says it is 12:00:00 and the window resets 37 s later; this machine's
        // clock is an hour off, which must not matter.
        const qint64 serverNow = 1'800'000'000;
        const QByteArray date = "Fri, 15 Jan 2027 08:00:00 GMT";
        QCOMPARE(RateLimitSnapshot::parseHttpDate(date), serverNow);
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(
            200, headers("100", "42", QByteArray::number(serverNow + 37), date), serverNow + 3600);
        QCOMPARE(s.limit, 100);
        QCOMPARE(s.remaining, 42);
        QCOMPARE(s.waitSecs, 37);
        QVERIFY(s.problems.isEmpty());

        TestClock clock;
        RateLimitTracker tracker(clock);
        QSignalSpy changed(&tracker, &RateLimitTracker::changed);
        tracker.observe(s);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(tracker.describe(), QStringLiteral("42 of 100 left, resets in 0:37"));
        clock.advanceMs(30'000);
        QCOMPARE(tracker.describe(), QStringLiteral("42 of 100 left, resets in 0:07"));
        clock.advanceMs(7'000);
        QCOMPARE(tracker.msUntilReset(), 0);
        QCOMPARE(tracker.remaining(), 100); // the window reset: the budget is back
    }

    void exhaustedUntilReset()
    {
        TestClock clock;
        RateLimitTracker tracker(clock);
        const QByteArray date = "Fri, 15 Jan 2027 08:00:00 GMT";
        tracker.observe(
            RateLimitSnapshot::fromResponse(200, headers("20", "0", "1800000010", date), 0));
        QVERIFY(tracker.exhausted());
        QVERIFY(tracker.describe().contains(QLatin1String("429")));
        clock.advanceMs(10'000);
        QVERIFY(!tracker.exhausted());
    }

    void retryAfterWins_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<qint64>("wait");
        QTest::newRow("seconds") << QByteArray("12") << qint64(12);
        QTest::newRow("http date") << QByteArray("Fri, 15 Jan 2027 08:00:25 GMT") << qint64(25);
    }

    void retryAfterWins()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, wait);
        HttpHeaders h = headers("20", "0", "1800000050", "Fri, 15 Jan 2027 08:00:00 GMT");
        h.append({"Retry-After", retryAfter});
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(429, h, 0);
        QCOMPARE(s.waitSecs, wait);
        QVERIFY(s.fromRetryAfter);
        QVERIFY(s.tooManyRequests);
    }

    void retryAfterReadsEveryHttpDateForm_data()
    {
        // RFC 9110 section 5.6.7's own examples, 37 s after the server's Date.
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT");
        QTest::newRow("asctime, day padded with a space") << QByteArray("Sun Nov  6 08:49:37 1994");
        QTest::newRow("asctime, two-digit day") << QByteArray("Sun Nov 06 08:49:37 1994");
    }

    void retryAfterReadsEveryHttpDateForm()
    {
        QFETCH(QByteArray, retryAfter);
        QCOMPARE(RateLimitSnapshot::parseHttpDate(retryAfter), 784111777);
        const HttpHeaders h{{"Date", "Sun, 06 Nov 1994 08:49:00 GMT"}, {"Retry-After", retryAfter}};
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(429, h, 0);
        QVERIFY2(s.problems.isEmpty(), qPrintable(s.problems.join(QLatin1Char(' '))));
        QVERIFY(s.fromRetryAfter);
        QCOMPARE(s.waitSecs, 37);

        // The same date seen from 2027 is in the past: no wait at all.
        const HttpHeaders later{{"Date", "Fri, 15 Jan 2027 08:00:00 GMT"},
                                {"Retry-After", retryAfter}};
        const RateLimitSnapshot past = RateLimitSnapshot::fromResponse(429, later, 0);
        QVERIFY(past.problems.isEmpty());
        QVERIFY(past.fromRetryAfter);
        QCOMPARE(past.waitSecs, 0);
    }

    void retryAfterGarbageIsAProblem_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("word") << QByteArray("soon");
        QTest::newRow("negative") << QByteArray("-5");
        QTest::newRow("asctime without a year") << QByteArray("Sun Nov  6 08:49:37");
        QTest::newRow("asctime, day 32") << QByteArray("Sun Nov 32 08:49:37 1994");
        QTest::newRow("asctime, hour 25") << QByteArray("Sun Nov  6 25:49:37 1994");
        QTest::newRow("asctime, no such month") << QByteArray("Sun Foo  6 08:49:37 1994");
        QTest::newRow("asctime, 19-digit year")
            << QByteArray("Sun Nov  6 08:49:37 9223372036854775807");
        QTest::newRow("a zone other than GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 PST");
        QTest::newRow("IMF-fixdate, 30 February") << QByteArray("Mon, 30 Feb 2026 08:49:37 GMT");
        QTest::newRow("IMF-fixdate, a letter for a digit")
            << QByteArray("Sun, 06 Nov 1994 08:49:3x GMT");
        QTest::newRow("IMF-fixdate, no such month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT");
        QTest::newRow("IMF-fixdate, no such weekday")
            << QByteArray("Sol, 06 Nov 1994 08:49:37 GMT");
        QTest::newRow("IMF-fixdate, minute 61") << QByteArray("Sun, 06 Nov 1994 08:61:37 GMT");
        QTest::newRow("IMF-fixdate, before 1970") << QByteArray("Sun, 06 Nov 1960 08:49:37 GMT");
        QTest::newRow("IMF-fixdate, a sign in the year")
            << QByteArray("Sun, 06 Nov +994 08:49:37 GMT");
    }

    // A header quoted in a problem is cut to its start only after the keys in it are
    // redacted: a key longer than the cut leaves no part behind. The same for X-Request-Id
    // in the contract's problems.
    void aQuotedHeaderKeepsNoPartOfAKey()
    {
        const QByteArray key = "pi_test_" + QByteArray("k0123456789").repeated(5);
        Redaction::rememberSecret(QString::fromLatin1(key));
        const HttpHeaders h{{"X-RateLimit-Limit", key},
                            {"X-RateLimit-Remaining", "x" + key},
                            {"X-RateLimit-Reset", key},
                            {"Retry-After", key}};
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(429, h, 0);
        QVERIFY(!s.problems.isEmpty());
        for (const QString &p : s.problems)
            QVERIFY2(!p.contains(QStringLiteral("pi_test")), qPrintable(p));

        CallRecord r;
        r.outcome = CallRecord::Outcome::Completed;
        r.status = 200;
        r.headerRequestId = QByteArray(40, 'r') + key;
        const QStringList problems = ContractCheck::problems(r);
        QVERIFY(!problems.isEmpty());
        for (const QString &p : problems)
            QVERIFY2(!p.contains(QStringLiteral("pi_test")), qPrintable(p));
    }

    void retryAfterGarbageIsAProblem()
    {
        QFETCH(QByteArray, retryAfter);
        QCOMPARE(RateLimitSnapshot::parseHttpDate(retryAfter), -1);
        const HttpHeaders h{{"Date", "Fri, 15 Jan 2027 08:00:00 GMT"}, {"Retry-After", retryAfter}};
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(429, h, 0);
        QVERIFY(!s.fromRetryAfter);
        QCOMPARE(s.waitSecs, -1);
        QCOMPARE(s.problems.size(), 1);
        QVERIFY2(s.problems.first().startsWith(QLatin1String("Retry-After")),
                 qPrintable(s.problems.first()));
    }

    void garbageIsIgnoredNotGuessed_data()
    {
        QTest::addColumn<QByteArray>("limit");
        QTest::addColumn<QByteArray>("remaining");
        QTest::addColumn<QByteArray>("reset");
        QTest::newRow("letters") << QByteArray("abc") << QByteArray("x") << QByteArray("soon");
        QTest::newRow("negative") << QByteArray("-5") << QByteArray("-1") << QByteArray("-100");
        QTest::newRow("absurd") << QByteArray("99999999999999999999") << QByteArray("1e9")
                                << QByteArray("99999999999999999999999");
        QTest::newRow("floats") << QByteArray("10.5") << QByteArray("3.0")
                                << QByteArray("1800000000.5");
        QTest::newRow("remaining above limit")
            << QByteArray("10") << QByteArray("11") << QByteArray("17");
    }

    void garbageIsIgnoredNotGuessed()
    {
        QFETCH(QByteArray, limit);
        QFETCH(QByteArray, remaining);
        QFETCH(QByteArray, reset);
        const RateLimitSnapshot s = RateLimitSnapshot::fromResponse(
            200, headers(limit, remaining, reset, "Fri, 15 Jan 2027 08:00:00 GMT"), 0);
        QVERIFY(!s.hasBudget());
        QCOMPARE(s.waitSecs, -1);
        QVERIFY(!s.problems.isEmpty());

        TestClock clock;
        RateLimitTracker tracker(clock);
        tracker.observe(s);
        QVERIFY(!tracker.exhausted());
        QVERIFY(!tracker.describe().isEmpty());
    }

    void responseWithoutHeadersKeepsTheLastState()
    {
        TestClock clock;
        RateLimitTracker tracker(clock);
        tracker.observe(RateLimitSnapshot::fromResponse(
            200, headers("20", "7", "1800000030", "Fri, 15 Jan 2027 08:00:00 GMT"), 0));
        tracker.observe(RateLimitSnapshot::fromResponse(502, {}, 0));
        QCOMPARE(tracker.remaining(), 7);
        QCOMPARE(tracker.limit(), 20);
    }
};

QTEST_GUILESS_MAIN(TestRateLimitTracker)
#include "tst_ratelimittracker.moc"
