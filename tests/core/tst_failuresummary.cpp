// The one-line summary of each kind of failure, with the action that helps.
#include "app/common/translations.h"
#include "core/contract/failuresummary.h"
#include "support/samplecalls.h"

#include <QTest>

// The one line above the error card: why the call failed, and what to do about it.
class TestFailureSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        Translations::install(QCoreApplication::instance());
    }

    void aSuccessHasNone() { QVERIFY(FailureSummary::of(SampleCalls::make(1)).text.isEmpty()); }

    void rateLimitedSaysHowManyAndWhen()
    {
        CallRecord r = SampleCalls::make(1, 429, QStringLiteral("rate_limit_exceeded"));
        r.startedUtc = QDateTime(QDate(2026, 11, 26), QTime(12, 2, 19), Qt::UTC);
        r.timing.doneMs = 0;
        r.rateLimit.limit = 20;
        r.rateLimit.remaining = 0;
        r.rateLimit.waitSecs = 41;
        const FailureSummary s =
            FailureSummary::of(r, {}, QDateTime(QDate(2026, 11, 26), QTime(12, 2, 19), Qt::UTC));
        QCOMPARE(s.text, QStringLiteral("429: this key has used 20 of 20 requests; the window "
                                        "resets at 12:03:00 (in 0:41)."));
        QCOMPARE(s.action, FailureSummary::Action::SendAtReset);
        const FailureSummary later =
            FailureSummary::of(r, {}, QDateTime(QDate(2026, 11, 26), QTime(12, 5, 0), Qt::UTC));
        QVERIFY(later.text.contains(QLatin1String("reset at 12:03:00: send again")));
    }

    void unauthorizedNamesTheKeySent()
    {
        CallRecord r = SampleCalls::make(1, 401, QStringLiteral("invalid_api_key"));
        r.keyMask = QStringLiteral("pi_…abcd");
        const FailureSummary s = FailureSummary::of(r);
        QCOMPARE(s.text,
                 QStringLiteral("401 invalid_api_key: Pi rejected pi_…abcd: revoked or mistyped."));
        QCOMPARE(s.action, FailureSummary::Action::TestKey);
        QCOMPARE(s.actionText, QStringLiteral("Test key…"));
        r.keyMask.clear();
        QVERIFY(FailureSummary::of(r).text.contains(QLatin1String("no key was sent")));
    }

    void keyMismatchSaysWhenTheKeyWasFirstUsed()
    {
        CallRecord r = SampleCalls::make(3, 409, QStringLiteral("idempotency_key_mismatch"));
        r.idempotencyKey = "7f3e2a90-aaaa";
        CallRecord original = SampleCalls::make(1);
        original.id = 5;
        original.startedUtc = QDateTime(QDate(2026, 11, 26), QTime(12, 1, 7), Qt::UTC);
        const FailureSummary s = FailureSummary::of(r, original);
        QCOMPARE(s.text,
                 QStringLiteral("409: key 7f3e… was first used at 12:01:07 with another body."));
        QCOMPARE(s.action, FailureSummary::Action::Compare);
        const FailureSummary unknown = FailureSummary::of(r);
        QVERIFY(unknown.text.contains(QLatin1String("not in this history")));
        QCOMPARE(unknown.action, FailureSummary::Action::None);
    }

    void connectionRefusedNamesHostAndPort()
    {
        CallRecord r = SampleCalls::make(1);
        r.url = QUrl(QStringLiteral("http://127.0.0.1:8089/v1/ping"));
        r.status = 0;
        r.outcome = CallRecord::Outcome::NetworkError;
        r.errorText = QStringLiteral("Connection refused");
        const FailureSummary s = FailureSummary::of(r);
        QCOMPARE(s.text, QStringLiteral("Connection refused by 127.0.0.1:8089: is the server "
                                        "running?"));
        QCOMPARE(s.action, FailureSummary::Action::Profiles);
    }

    // Through a proxy, a refusal is the proxy's, not the server's, and the proxy is named.
    void aFailingProxyIsNamedNotTheServer()
    {
        CallRecord r = SampleCalls::make(1);
        r.url = QUrl(QStringLiteral("https://api.example-pi.dev/v1/ping"));
        r.status = 0;
        r.outcome = CallRecord::Outcome::NetworkError;
        r.proxy = QStringLiteral("proxy.corp:3128");
        r.errorText =
            QStringLiteral("The proxy proxy.corp:3128 refused the connection: is it "
                           "running, and is this its address? (Proxy connection refused)");
        FailureSummary s = FailureSummary::of(r);
        QVERIFY2(s.text.startsWith(QLatin1String("The proxy proxy.corp:3128 refused")),
                 qPrintable(s.text));
        QVERIFY(!s.text.contains(QLatin1String("is the server running")));
        QCOMPARE(s.action, FailureSummary::Action::Profiles);
        r.errorText = QStringLiteral("Connection refused");
        s = FailureSummary::of(r);
        QVERIFY2(s.text.contains(QLatin1String("through the proxy proxy.corp:3128")),
                 qPrintable(s.text));
    }

    void anHtmlPageFromAProxyIsNotPi()
    {
        CallRecord r = SampleCalls::make(1, 502);
        r.responseHeaders = {{"Content-Type", "text/html"}};
        r.responseBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        r.envelope = ErrorEnvelope::parse(502, r.responseBody, "text/html");
        const FailureSummary s = FailureSummary::of(r);
        QCOMPARE(s.text,
                 QStringLiteral("502 from a proxy, not from Pi: the body is an HTML page."));
        QCOMPARE(s.action, FailureSummary::Action::Retry);
    }

    void aServerErrorSaysARetryIsSafe()
    {
        CallRecord r = SampleCalls::make(3, 500, QStringLiteral("internal_error"));
        const FailureSummary s = FailureSummary::of(r);
        QVERIFY(s.text.startsWith(QLatin1String("500 internal_error: Call 3 failed")));
        QVERIFY(s.text.contains(QLatin1String("same idempotency key is safe")));
    }

    void aPostWithoutAKeyIsNotRetriedInOneClick()
    {
        CallRecord r = SampleCalls::make(3, 500, QStringLiteral("internal_error"));
        r.idempotencyKey.clear();
        const FailureSummary s = FailureSummary::of(r);
        QCOMPARE(s.action, FailureSummary::Action::None);
        QVERIFY(s.text.contains(QLatin1String("may repeat what it did")));
        r.outcome = CallRecord::Outcome::NetworkError;
        r.status = 0;
        r.errorText = QStringLiteral("Connection closed");
        QCOMPARE(FailureSummary::of(r).action, FailureSummary::Action::None);
    }

    void aLongMessageIsCut()
    {
        CallRecord r = SampleCalls::make(1, 400, QStringLiteral("invalid_json"));
        r.envelope.message = QString(1'000'000, QLatin1Char('x'));
        QVERIFY(FailureSummary::of(r).text.size() < 300);
    }

    void refusedCallsSayNothingWasSent()
    {
        CallRecord r = SampleCalls::make(1);
        r.outcome = CallRecord::Outcome::Refused;
        r.errorText = QStringLiteral("Cleartext http:// is allowed only to this machine.");
        QCOMPARE(FailureSummary::of(r).text,
                 QStringLiteral("Not sent: Cleartext http:// is allowed only to this machine."));
    }
};

QTEST_GUILESS_MAIN(TestFailureSummary)
#include "tst_failuresummary.moc"
