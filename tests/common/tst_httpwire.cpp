// Header lists and reason phrases on their own, as the client and the sandbox both use them.
#include "common/http/headerlist.h"
#include "common/http/reasonphrase.h"

#include <QTest>

// The header list and reason phrases that the client and pi-sandbox both use, checked on
// their own so neither side's tests lean on the other's reading of them.
class TestHttpWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueFindsTheFirstHeaderInAnyCase()
    {
        const HttpHeaders headers{
            {"X-RateLimit-Limit", "20"}, {"x-ratelimit-limit", "30"}, {"Empty", QByteArray()}};
        QCOMPARE(Http::value(headers, "x-RATELIMIT-limit"), QByteArray("20"));
        QVERIFY(Http::value(headers, "Missing").isNull());
        // A header sent with no value is there, and empty.
        QVERIFY(!Http::value(headers, "empty").isNull());
        QVERIFY(Http::value(headers, "empty").isEmpty());
        QVERIFY(Http::contains(headers, "EMPTY"));
        QVERIFY(!Http::contains(headers, "X-RateLimit"));
    }

    void setReplacesEveryHeaderOfThatName()
    {
        HttpHeaders headers{{"Accept", "a"}, {"Idempotency-Key", "1"}, {"IDEMPOTENCY-KEY", "2"}};
        Http::set(&headers, "idempotency-key", "3");
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers.last().first, QByteArray("idempotency-key"));
        QCOMPARE(Http::value(headers, "Idempotency-Key"), QByteArray("3"));
        Http::remove(&headers, "ACCEPT");
        QCOMPARE(headers.size(), 1);
    }

    void reasonPhrasesAreRfc9110s()
    {
        QCOMPARE(Http::reasonPhrase(200), QByteArray("OK"));
        QCOMPARE(Http::reasonPhrase(100), QByteArray("Continue"));
        QCOMPARE(Http::reasonPhrase(422), QByteArray("Unprocessable Content"));
        QCOMPARE(Http::reasonPhrase(429), QByteArray("Too Many Requests"));
        QCOMPARE(Http::reasonPhrase(505), QByteArray("HTTP Version Not Supported"));
        QVERIFY(Http::reasonPhrase(299).isEmpty());
        QVERIFY(Http::reasonPhrase(-1).isEmpty());
        QVERIFY(Http::reasonPhrase(99999).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpWire)
#include "tst_httpwire.moc"
