// Pi's error envelope read from any body: the four fields, a success that is no error, anything
// else tolerated; a giant message kept by its start; a large body scanned to the same envelope
// without a document, and no part of a key left at a cut.
#include "core/contract/envelopescan.h"
#include "core/contract/errorenvelope.h"
#include "core/secrets/redaction.h"

#include <QTest>

class TestErrorEnvelope : public QObject
{
    Q_OBJECT

    static QString keyForCuts()
    {
        return QStringLiteral("pi_test_0123456789abcdefghijKLMNOPQRSTUV");
    }

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

    // From ErrorEnvelope::scanFrom up the body is scanned, not parsed: each body here, padded
    // past that size with whitespace, reads exactly as it does through QJsonDocument.
    void aLargeBodyIsScannedToTheSameEnvelope_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("pi") << QByteArray("{\"error\":{\"type\":\"t\",\"code\":\"c\",\"message\":"
                                          "\"m\",\"request_id\":\"req_pi_1\"}}");
        QTest::newRow("escapes") << QByteArray(
            "{\"error\":{\"message\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\n\\t\\/\"}}");
        QTest::newRow("utf-8") << QByteArray(
            "{\"error\":{\"message\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}}");
        QTest::newRow("wrong types") << QByteArray(
            "{\"error\":{\"type\":1.5e3,\"code\":true,\"message\":null,\"request_id\":[]}}");
        QTest::newRow("false and object")
            << QByteArray("{\"error\":{\"type\":false,\"code\":{\"a\":1},\"message\":-0}}");
        QTest::newRow("missing fields") << QByteArray("{\"error\":{\"code\":\"x\"}}");
        QTest::newRow("later error wins")
            << QByteArray("{\"error\":{\"code\":\"a\"},\"error\":{\"code\":\"b\"}}");
        QTest::newRow("later error not an object")
            << QByteArray("{\"error\":{\"code\":\"a\"},\"error\":7}");
        QTest::newRow("escaped names") << QByteArray(
            "{\"\\u0065rror\":{\"m\\u0065ssage\":\"m\",\"co\\de\":\"c\",\"type\\u0000\":\"t\"}}");
        QTest::newRow("nested error only") << QByteArray("{\"x\":{\"error\":{\"code\":\"a\"}}}");
        QTest::newRow("array") << QByteArray("[{\"error\":{\"code\":\"a\"}}]");
        QTest::newRow("error is a string") << QByteArray("{\"error\":\"boom\"}");
        QTest::newRow("html") << QByteArray("<!DOCTYPE html><html><body>502</body></html>");
        QTest::newRow("truncated") << QByteArray("{\"error\":{\"code\":\"rate_li");
        QTest::newRow("trailing garbage") << QByteArray("{\"error\":{}} x");
        QTest::newRow("control character") << QByteArray("{\"error\":{\"code\":\"a\x01\"}}");
        QTest::newRow("bad escape") << QByteArray("{\"error\":{\"code\":\"\\x\"}}");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("too deep") << QByteArray(2000, '[') + QByteArray(2000, ']');
    }

    void aLargeBodyIsScannedToTheSameEnvelope()
    {
        QFETCH(QByteArray, body);
        const QByteArray padded = body + QByteArray(ErrorEnvelope::scanFrom, ' ');
        const ErrorEnvelope parsed = ErrorEnvelope::parse(400, body, "application/json");
        const ErrorEnvelope scanned = ErrorEnvelope::parse(400, padded, "application/json");
        QCOMPARE(int(scanned.kind), int(parsed.kind));
        QCOMPARE(scanned.type, parsed.type);
        QCOMPARE(scanned.code, parsed.code);
        QCOMPARE(scanned.message, parsed.message);
        QCOMPARE(scanned.requestId, parsed.requestId);
        QCOMPARE(scanned.problems, parsed.problems);
    }

    // Strings cut by the scan are redacted before they are cut back, so no part of a key
    // survives at the cut, whatever repeats of it shrink the text first, in any field and any
    // spelling the redaction knows.
    void noPartOfAKeySurvivesAScannedCut_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("text");
        const QByteArray k = keyForCuts().toLatin1();
        QByteArray html;
        for (const char c : k)
            html += "&#x" + QByteArray::number(uchar(c), 16).rightJustified(8, '0') + ';';
        QTest::newRow("message, the key repeated") << QByteArray("message") << k.repeated(30000);
        QTest::newRow("message, shifted")
            << QByteArray("message") << QByteArray(9, 'x') + k.repeated(30000);
        QTest::newRow("type, the key repeated") << QByteArray("type") << k.repeated(30000);
        QTest::newRow("request_id, the key repeated")
            << QByteArray("request_id") << k.repeated(30000);
        QTest::newRow("message, HTML references") << QByteArray("message") << html.repeated(400);
    }

    void noPartOfAKeySurvivesAScannedCut()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, text);
        const QString key = keyForCuts();
        Redaction::rememberSecret(key);
        // Shifted a few ways, so that the cut falls at several places in a key.
        for (const int shift : {0, 3, 7, 11, 17, 23, 29, 37}) {
            const QByteArray body = "{\"error\":{\"" + field + "\":\"" + QByteArray(shift, 'x') +
                                    text + "\"}}" + QByteArray(ErrorEnvelope::scanFrom, ' ');
            const ErrorEnvelope e = ErrorEnvelope::parse(401, body, "application/json");
            QVERIFY(e.isEnvelope());
            // As every record leaves the client: redacted, then the message shortened.
            for (const QString &shown :
                 {Redaction::text(e.type), Redaction::text(e.code), Redaction::text(e.requestId),
                  ErrorEnvelope::shortened(Redaction::text(e.message))}) {
                for (qsizetype at = 0; at + 6 <= key.size(); ++at)
                    QVERIFY2(!shown.contains(key.mid(at, 6)), qPrintable(shown.right(60)));
                QVERIFY2(!shown.contains(QStringLiteral("&#x00000070;&#x00000069;")),
                         qPrintable(shown.right(60)));
            }
            if (field == "message")
                QVERIFY(ErrorEnvelope::shortened(e.message).endsWith(QStringLiteral("…")));
        }
    }

    // Text made mostly of a long key's longest spelling shrinks so much when redacted that
    // even the furthest read leaves less than is shown: it still says it goes on.
    void aMessageThatRedactsToLittleStillSaysItGoesOn()
    {
        const QByteArray key = "pi_test_" + QByteArray("0123456789abcdefghij").repeated(3);
        Redaction::rememberSecret(QString::fromLatin1(key));
        QByteArray html;
        for (const char c : key)
            html += "&#x" + QByteArray::number(uchar(c), 16).rightJustified(8, '0') + ';';
        const QByteArray body = "{\"error\":{\"message\":\"" + html.repeated(2100) + "\"}}";
        const ErrorEnvelope e = ErrorEnvelope::parse(400, body, "application/json");
        const QString shown = ErrorEnvelope::shortened(Redaction::text(e.message));
        QVERIFY(shown.endsWith(QStringLiteral("…")));
        QVERIFY(!shown.contains(QStringLiteral("&#x00000070;&#x00000069;")));
        QVERIFY(!shown.contains(QString::fromLatin1(key.left(8))));
    }

    // A scanned message is decoded by its start, never ending in half a character or half an
    // escape; a key standing across the shown part's end is redacted whole, and the text
    // still says it goes on.
    void aScannedMessageIsReadPastTheCutByAKeysLength()
    {
        const QString key = QStringLiteral("pi_test_") + QString(40, QLatin1Char('k'));
        Redaction::rememberSecret(key);
        for (const QByteArray &written : {key.toLatin1(), key.toLatin1().toPercentEncoding(
                                                              "", "_abcdefghijklmnopqrstuvwxyz")}) {
            const QByteArray body = "{\"error\":{\"message\":\"" +
                                    QByteArray(ErrorEnvelope::maxMessageChars - 10, 'm') + written +
                                    QByteArray(2 * 1024 * 1024, 'z') + "\"}}";
            const ErrorEnvelope e = ErrorEnvelope::parse(422, body, "application/json");
            QVERIFY(!e.message.contains(QString::fromLatin1(written)));
            QVERIFY(e.message.size() < 64 * 1024);
            const QString shown = ErrorEnvelope::shortened(Redaction::text(e.message));
            QVERIFY(shown.endsWith(QStringLiteral("…")));
            QVERIFY(!shown.contains(QStringLiteral("pi_test_")));
            QVERIFY(!shown.contains(QStringLiteral("pi%5ftest")));
        }
        QByteArray pairs = "\"";
        for (int i = 0; i < 40'000; ++i)
            pairs += (i % 3 == 0) ? QByteArray("\\ud83d\\ude00") : QByteArray("\xC3\xA9");
        pairs += '"';
        for (const qsizetype max :
             {qsizetype(2), qsizetype(3), qsizetype(9999), qsizetype(10000)}) {
            const QString text =
                EnvelopeScan::decodeStart({EnvelopeScan::Field::Type::String, pairs}, max);
            QVERIFY(!text.isEmpty());
            QVERIFY(text.size() <= max);
            QVERIFY2(!text.back().isHighSurrogate(), qPrintable(QString::number(max)));
        }
    }
};

QTEST_GUILESS_MAIN(TestErrorEnvelope)
#include "tst_errorenvelope.moc"
