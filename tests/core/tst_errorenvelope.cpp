#include "contract/errorenvelope.h"

#include <QTest>

class TestErrorEnvelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsPisEnvelope()
    {
        const ErrorEnvelope e = ErrorEnvelope::parse(
            401,
            "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"missing_authorization_"
            "header\","
            "\"message\":\"Missing Authorization header. Use Bearer <api_key>.\","
            "\"request_id\":\"req_pi_9a8b7c6d\"}}",
            "application/json");
        QCOMPARE(e.kind, ErrorEnvelope::Kind::Envelope);
        QCOMPARE(e.type, QStringLiteral("invalid_request_error"));
        QCOMPARE(e.code, QStringLiteral("missing_authorization_header"));
        QCOMPARE(e.requestId, QStringLiteral("req_pi_9a8b7c6d"));
        QVERIFY(e.problems.isEmpty());
        QVERIFY(!ErrorEnvelope::hintFor(e.code).isEmpty());
    }

    void successIsNotAnError()
    {
        QCOMPARE(ErrorEnvelope::parse(200, "{}", "application/json").kind,
                 ErrorEnvelope::Kind::None);
    }

    void tolerantOfAnything_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("problem");
        const int envelope = int(ErrorEnvelope::Kind::Envelope);
        const int notEnvelope = int(ErrorEnvelope::Kind::NotEnvelope);
        QTest::newRow("html 502") << QByteArray("<!DOCTYPE html><html><body>502</body></html>")
                                  << QByteArray("text/html") << notEnvelope
                                  << QStringLiteral("HTML page");
        QTest::newRow("html without type") << QByteArray("  <html>oops") << QByteArray()
                                           << notEnvelope << QStringLiteral("HTML page");
        QTest::newRow("empty") << QByteArray() << QByteArray() << notEnvelope
                               << QStringLiteral("empty");
        QTest::newRow("plain text") << QByteArray("upstream timeout") << QByteArray("text/plain")
                                    << notEnvelope << QStringLiteral("not JSON");
        QTest::newRow("json array") << QByteArray("[1,2]") << QByteArray() << notEnvelope
                                    << QStringLiteral("no \"error\" object");
        QTest::newRow("error is a string") << QByteArray("{\"error\":\"boom\"}") << QByteArray()
                                           << notEnvelope << QStringLiteral("no \"error\" object");
        QTest::newRow("missing fields")
            << QByteArray("{\"error\":{\"code\":\"x\"}}") << QByteArray() << envelope
            << QStringLiteral("no \"message\"");
        QTest::newRow("wrong types")
            << QByteArray(
                   "{\"error\":{\"type\":1,\"code\":true,\"message\":null,\"request_id\":[]}}")
            << QByteArray() << envelope << QStringLiteral("\"code\" is not a string");
        QTest::newRow("truncated json")
            << QByteArray("{\"error\":{\"code\":\"rate_li") << QByteArray("application/json")
            << notEnvelope << QStringLiteral("not JSON");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 11) << QByteArray()
                                << notEnvelope << QStringLiteral("not JSON");
    }

    void tolerantOfAnything()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, kind);
        QFETCH(QString, problem);
        const ErrorEnvelope e = ErrorEnvelope::parse(502, body, contentType);
        QCOMPARE(int(e.kind), kind);
        QVERIFY2(e.problems.join(QLatin1Char('|')).contains(problem),
                 qPrintable(e.problems.join(QLatin1Char('|'))));
    }

    void wrongTypesKeepWhatCanBeShown()
    {
        const ErrorEnvelope e = ErrorEnvelope::parse(
            400, "{\"error\":{\"type\":\"t\",\"code\":42,\"message\":\"m\"}}", {});
        QCOMPARE(e.code, QStringLiteral("42"));
        QCOMPARE(e.message, QStringLiteral("m"));
    }

    void everyDocumentedCodeHasAHint()
    {
        for (const char *code : {"missing_authorization_header", "invalid_api_key",
                                 "rate_limit_exceeded", "idempotency_key_mismatch"})
            QVERIFY(!ErrorEnvelope::hintFor(QLatin1String(code)).isEmpty());
        QVERIFY(ErrorEnvelope::hintFor(QStringLiteral("something_else")).isEmpty());
    }

    void aGiantMessageIsKeptByItsStart()
    {
        const QByteArray body =
            "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"x\", "
            "\"request_id\": \"req_pi_1\", \"message\": \"" +
            QByteArray(1'000'000, 'm') + "\"}}";
        const ErrorEnvelope e = ErrorEnvelope::parse(422, body, "application/json");
        QVERIFY(e.isEnvelope());
        QCOMPARE(e.code, QStringLiteral("x"));
        const QString shown = ErrorEnvelope::shortened(e.message);
        QCOMPARE(shown.size(), ErrorEnvelope::maxMessageChars + 1);
        QVERIFY(shown.endsWith(QStringLiteral("m…")));
        // Never half a character: a pair cut at the limit is dropped whole.
        const QString pairs = QString(ErrorEnvelope::maxMessageChars - 1, QLatin1Char('a')) +
                              QString::fromUtf8("\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
        QVERIFY(!ErrorEnvelope::shortened(pairs)
                     .at(ErrorEnvelope::maxMessageChars - 2)
                     .isHighSurrogate());
        QVERIFY(!ErrorEnvelope::shortened(pairs).chopped(1).back().isHighSurrogate());
    }
};

QTEST_GUILESS_MAIN(TestErrorEnvelope)
#include "tst_errorenvelope.moc"
