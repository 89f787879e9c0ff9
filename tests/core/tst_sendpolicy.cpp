// The leak guard refuses a key in every place and encoding outside Authorization; the key goes only
// to its origin, only over TLS off loopback.
#include "core/net/sendpolicy.h"
#include "core/report/supportreport.h"
#include "core/secrets/redaction.h"

#include <QTest>

class TestSendPolicy : public QObject
{
    Q_OBJECT

private:
    const QString m_key = QStringLiteral("pi_live_secret_abcd1234");

private Q_SLOTS:
    void cleartextOnlyToLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << QStringLiteral("https://api.pi.example/v1") << true;
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << true;
        QTest::newRow("127.9.8.7") << QStringLiteral("http://127.9.8.7:8080") << true;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:8080") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8080") << true;
        QTest::newRow("remote http") << QStringLiteral("http://api.pi.example") << false;
        QTest::newRow("private lan") << QStringLiteral("http://192.168.1.10") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
    }

    void cleartextOnlyToLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(SendPolicy::checkTransport(QUrl(url)).isEmpty(), allowed);
    }

    void keyAnywhereElseIsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("where");
        QTest::newRow("path") << QStringLiteral("/v1/") + m_key << QByteArray() << QByteArray()
                              << QStringLiteral("URL");
        QTest::newRow("query") << QStringLiteral("/v1/ping?api_key=") + m_key << QByteArray()
                               << QByteArray() << QStringLiteral("URL");
        QTest::newRow("query encoded") << QStringLiteral("/v1/ping?k=pi%5Flive%5Fsecret%5Fabcd1234")
                                       << QByteArray() << QByteArray() << QStringLiteral("URL");
        QTest::newRow("header") << QStringLiteral("/v1/ping") << ("token " + m_key.toUtf8())
                                << QByteArray() << QStringLiteral("header");
        const QByteArray key = m_key.toUtf8();
        QByteArray everyCharEncoded, everyCharTwice, jsonEscaped;
        for (const char c : key) {
            everyCharEncoded += '%' + QByteArray(1, c).toHex().toUpper();
            everyCharTwice += "%25" + QByteArray(1, c).toHex();
            jsonEscaped += "\\u00" + QByteArray(1, c).toHex();
        }
        QTest::newRow("query, every character encoded")
            << QStringLiteral("/v1/ping?k=") + QString::fromLatin1(everyCharEncoded) << QByteArray()
            << QByteArray() << QStringLiteral("URL");
        QTest::newRow("query, encoded twice")
            << QStringLiteral("/v1/ping?k=") + QString::fromLatin1(everyCharTwice) << QByteArray()
            << QByteArray() << QStringLiteral("URL");
        QTest::newRow("Basic base64(key:)")
            << QStringLiteral("/v1/ping") << ("Basic " + QByteArray(key + ':').toBase64())
            << QByteArray() << QStringLiteral("header");
        for (const QByteArray &before : {QByteArray(), QByteArray("a"), QByteArray("ab")})
            QTest::addRow("base64 body after %d bytes", int(before.size()))
                << QStringLiteral("/v1/charges") << QByteArray()
                << ("{\"blob\":\"" + QByteArray(before + key + "!").toBase64() + "\"}")
                << QStringLiteral("body");
        QTest::newRow("base64url header")
            << QStringLiteral("/v1/ping")
            << QByteArray("x" + key + "?>").toBase64(QByteArray::Base64UrlEncoding) << QByteArray()
            << QStringLiteral("header");
        QTest::newRow("JSON \\u escapes")
            << QStringLiteral("/v1/charges") << QByteArray()
            << ("{\"note\":\"" + jsonEscaped + "\"}") << QStringLiteral("body");
        QByteArray paddedReferences;
        for (const char c : key)
            paddedReferences += "&#" + QByteArray(12, '0') + QByteArray::number(int(c)) + ';';
        QTest::newRow("HTML references with leading zeros")
            << QStringLiteral("/v1/charges") << QByteArray()
            << ("{\"note\":\"" + paddedReferences + "\"}") << QStringLiteral("body");
        QByteArray bareReferences;
        for (const char c : key)
            bareReferences += "&#" + QByteArray::number(int(c));
        QTest::newRow("HTML references without semicolons")
            << QStringLiteral("/v1/charges") << QByteArray()
            << ("{\"note\":\"" + bareReferences + "\"}") << QStringLiteral("body");
        QTest::newRow("HTML named reference")
            << QStringLiteral("/v1/charges") << QByteArray()
            << ("{\"note\":\"" + QByteArray(key).replace("_", "&lowbar;") + "\"}")
            << QStringLiteral("body");
        QTest::newRow("body") << QStringLiteral("/v1/charges") << QByteArray()
                              << ("{\"key\":\"" + m_key.toUtf8() + "\"}") << QStringLiteral("body");
    }

    void keyAnywhereElseIsRefused()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, headerValue);
        QFETCH(QByteArray, body);
        QFETCH(QString, where);
        ApiRequest r;
        r.path = path;
        if (!headerValue.isEmpty())
            Http::set(&r.headers, "X-Token", headerValue);
        r.body = body;
        const QUrl url = SendPolicy::resolve(QUrl(QStringLiteral("https://api.pi.example")), path);
        const QString why = SendPolicy::checkKeyLeak(r, url, m_key);
        QVERIFY2(why.contains(where), qPrintable(why));
        QVERIFY(!why.contains(m_key)); // the message itself never shows the key
    }

    // A key of 4 to 7 characters is looked for in base64 and hexadecimal too.
    void aShortKeyIsFoundEncodedToo_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray key = "k3y!";
        QTest::addRow("hex") << ("{\"h\":\"" + key.toHex() + "\"}");
        QTest::addRow("HEX") << ("{\"h\":\"" + key.toHex().toUpper() + "\"}");
        QTest::addRow("base64") << ("{\"b\":\"" + key.toBase64() + "\"}");
        QTest::addRow("base64 after a byte")
            << ("{\"b\":\"" + QByteArray("a" + key).toBase64() + "\"}");
    }

    void aShortKeyIsFoundEncodedToo()
    {
        QFETCH(QByteArray, body);
        ApiRequest r;
        r.path = QStringLiteral("/v1/charges");
        r.body = body;
        const QUrl url =
            SendPolicy::resolve(QUrl(QStringLiteral("https://api.pi.example")), r.path);
        QVERIFY(!SendPolicy::checkKeyLeak(r, url, QStringLiteral("k3y!")).isEmpty());
    }

    void originComparesSchemeHostPort()
    {
        const QUrl a(QStringLiteral("https://api.pi.example/v1"));
        QVERIFY(SendPolicy::sameOrigin(a, QUrl(QStringLiteral("https://API.pi.example:443/x"))));
        QVERIFY(!SendPolicy::sameOrigin(a, QUrl(QStringLiteral("http://api.pi.example/v1"))));
        QVERIFY(!SendPolicy::sameOrigin(a, QUrl(QStringLiteral("https://api.pi.example:8443/"))));
        QVERIFY(!SendPolicy::sameOrigin(a, QUrl(QStringLiteral("https://evil.example/v1"))));
    }

    void resolveKeepsTheBasePath()
    {
        QCOMPARE(SendPolicy::resolve(QUrl(QStringLiteral("https://h/api/")),
                                     QStringLiteral("v1/ping?a=1")),
                 QUrl(QStringLiteral("https://h/api/v1/ping?a=1")));
    }

    void redactionCoversHeadersAndText()
    {
        const HttpHeaders in = {{"authorization", "Bearer " + m_key.toUtf8()},
                                {"Cookie", "s=1"},
                                {"X-Echo", "k=" + m_key.toUtf8()},
                                {"Accept", "application/json"}};
        const HttpHeaders out = Redaction::headers(in, m_key);
        QCOMPARE(out.at(0).second, QByteArray("Bearer [redacted]"));
        QCOMPARE(out.at(1).second, QByteArray("[redacted]"));
        QCOMPARE(out.at(2).second, QByteArray("k=[redacted]"));
        QCOMPARE(out.at(3).second, QByteArray("application/json"));
        QCOMPARE(Redaction::maskKey(m_key), QStringLiteral("pi_…1234"));
        QCOMPARE(Redaction::maskKey(QStringLiteral("short")), QStringLiteral("…"));
    }

    void supportReportNeverHoldsTheKey()
    {
        CallRecord r;
        r.method = "POST";
        r.url = QUrl(QStringLiteral("https://api.pi.example/v1/charges"));
        r.startedUtc = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        r.status = 401;
        r.headerRequestId = "req_pi_1111";
        r.envelope =
            ErrorEnvelope::parse(401,
                                 "{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                                 "\"invalid_api_key\",\"message\":\"bad key " +
                                     m_key.toUtf8() + "\",\"request_id\":\"req_pi_2222\"}}",
                                 "application/json");
        r.requestIdMismatch = true;
        r.idempotencyKey = "idem-1";
        const QString report = SupportReport::forRecord(r, m_key);
        QVERIFY(report.startsWith(QLatin1String("Request ID: req_pi_2222")));
        QVERIFY(report.contains(QLatin1String("X-Request-Id header: req_pi_1111")));
        QVERIFY(report.contains(QLatin1String("Time (UTC): 2027-01-15T08:00:00.000Z")));
        QVERIFY(report.contains(QLatin1String("Error code: invalid_api_key")));
        QVERIFY(report.contains(QLatin1String("Idempotency-Key: idem-1")));
        QVERIFY(report.contains(QLatin1String("Pi Console")));
        QVERIFY(!report.contains(m_key));
    }
};

QTEST_GUILESS_MAIN(TestSendPolicy)
#include "tst_sendpolicy.moc"
