// Every line of the contract against a running pi-sandbox.
#include "support/httpcall.h"
#include "support/sandboxprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

// Drives a running pi-sandbox over real HTTP and checks each line of Pi's documented contract.
class TestSandboxContract : public QObject
{
    Q_OBJECT

private:
    const QString m_keyA = QStringLiteral("pi_test_key_alpha_0001");
    const QString m_keyB = QStringLiteral("pi_test_key_bravo_0002");
    const QString m_keyLimit = QStringLiteral("pi_test_key_limited_003");
    const QString m_revoked = QStringLiteral("pi_test_key_revoked_004");
    std::unique_ptr<SandboxProcess> m_sandbox;
    HttpCall m_http;

    QUrl url(const QString &path) const { return m_sandbox->url(path); }

    static void verifyRequestId(const HttpResult &r)
    {
        static const QRegularExpression pattern(QStringLiteral(
            "^req_pi_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        const QString id = QString::fromLatin1(r.header("X-Request-Id"));
        QVERIFY2(pattern.match(id).hasMatch(), qPrintable(id));
    }

    static void verifyEnvelope(const HttpResult &r, int status, const QString &code)
    {
        QCOMPARE(r.status, status);
        verifyRequestId(r);
        const QJsonObject e = r.envelope();
        QCOMPARE(e.value(QLatin1String("code")).toString(), code);
        QVERIFY(!e.value(QLatin1String("type")).toString().isEmpty());
        QVERIFY(!e.value(QLatin1String("message")).toString().isEmpty());
        QCOMPARE(e.value(QLatin1String("request_id")).toString(),
                 QString::fromLatin1(r.header("X-Request-Id")));
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
    }

    static void verifyRateLimitHeaders(const HttpResult &r, int limit)
    {
        bool ok = false;
        QCOMPARE(r.header("X-RateLimit-Limit").toInt(&ok), limit);
        QVERIFY(ok);
        const int remaining = r.header("X-RateLimit-Remaining").toInt(&ok);
        QVERIFY(ok && remaining >= 0 && remaining <= limit);
        const qint64 reset = r.header("X-RateLimit-Reset").toLongLong(&ok);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(ok && reset > now - 5 && reset < now + 4000);
    }

    struct Raw
    {
        int status = 0;
        HttpHeaders headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const { return Http::value(headers, name); }
        QJsonObject envelope() const
        {
            return QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
        }
    };

    // Reads one response off a raw connection (bounded by timeoutMs); status 0 when none came.
    static Raw readRaw(QTcpSocket &socket, int timeoutMs = 5000)
    {
        Raw raw;
        QByteArray buffer;
        QElapsedTimer timer;
        timer.start();
        qsizetype end = -1;
        while ((end = buffer.indexOf("\r\n\r\n")) < 0 && timer.elapsed() < timeoutMs) {
            if (!socket.bytesAvailable() && !socket.waitForReadyRead(50) &&
                socket.state() == QAbstractSocket::UnconnectedState && !socket.bytesAvailable())
                break;
            buffer += socket.readAll();
        }
        if (end < 0)
            return raw;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        raw.status = lines.value(0).mid(9, 3).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            raw.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        const qint64 length = raw.header("Content-Length").toLongLong();
        raw.body = buffer.mid(end + 4);
        while (raw.body.size() < length && timer.elapsed() < timeoutMs) {
            if (!socket.bytesAvailable() && !socket.waitForReadyRead(50) &&
                socket.state() == QAbstractSocket::UnconnectedState && !socket.bytesAvailable())
                break;
            raw.body += socket.readAll();
        }
        return raw;
    }

    // True when the server closes the connection within timeoutMs.
    static bool closedWithin(QTcpSocket &socket, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < timeoutMs) {
            socket.waitForReadyRead(50);
            socket.readAll();
        }
        return socket.state() == QAbstractSocket::UnconnectedState;
    }

    static void connectTo(QTcpSocket &socket, const SandboxProcess &sandbox)
    {
        socket.connectToHost(sandbox.baseUrl().host(), quint16(sandbox.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
    }

    static QByteArray head(const QByteArray &requestLine, const QByteArrayList &fields)
    {
        QByteArray out = requestLine + "\r\nHost: 127.0.0.1\r\n";
        for (const QByteArray &field : fields)
            out += field + "\r\n";
        return out + "\r\n";
    }

    static void verifyRawEnvelope(const Raw &r, int status, const QString &code)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(r.envelope().value(QLatin1String("code")).toString(), code);
        QCOMPARE(r.envelope().value(QLatin1String("request_id")).toString(),
                 QString::fromLatin1(r.header("X-Request-Id")));
        QVERIFY(!r.header("Date").isEmpty());
    }

    HttpResult postCharge(const QString &key, const QByteArray &idem, const QByteArray &body)
    {
        HttpCall::Headers headers;
        if (!idem.isEmpty())
            headers.append({"Idempotency-Key", idem});
        return m_http.send("POST", url(QStringLiteral("/v1/charges")),
                           HttpCall::bearer(key, headers), body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxProcess>(
            QStringList{QStringLiteral("--key"), m_keyA, QStringLiteral("--key"), m_keyB,
                        QStringLiteral("--key"), m_keyLimit, QStringLiteral("--revoked"), m_revoked,
                        QStringLiteral("--limit"), QStringLiteral("1000")});
        QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorText()));
        QCOMPARE(m_sandbox->baseUrl().host(), QStringLiteral("127.0.0.1"));
    }

    void pingWithAValidKey()
    {
        const HttpResult r = m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(m_keyA));
        QCOMPARE(r.status, 200);
        verifyRequestId(r);
        verifyRateLimitHeaders(r, 1000);
        QCOMPARE(r.json().value(QLatin1String("ok")).toBool(), true);
        QVERIFY(!r.header("Date").isEmpty());
    }

    void requestIdsAreUnique()
    {
        const HttpResult a = m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(m_keyA));
        const HttpResult b = m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(m_keyA));
        QVERIFY(a.header("X-Request-Id") != b.header("X-Request-Id"));
    }

    void missingAuthorization_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::newRow("no header") << QStringLiteral("/v1/ping") << QByteArray() << QByteArray();
        QTest::newRow("key in query")
            << QStringLiteral("/v1/ping?api_key=") + m_keyA << QByteArray() << QByteArray();
        QTest::newRow("key in cookie")
            << QStringLiteral("/v1/ping") << QByteArray("Cookie") << ("api_key=" + m_keyA.toUtf8());
        QTest::newRow("basic scheme") << QStringLiteral("/v1/ping") << QByteArray("Authorization")
                                      << ("Basic " + m_keyA.toUtf8().toBase64());
        QTest::newRow("bearer without key")
            << QStringLiteral("/v1/ping") << QByteArray("Authorization") << QByteArray("Bearer");
        QTest::newRow("unknown route too")
            << QStringLiteral("/nowhere") << QByteArray() << QByteArray();
    }

    void missingAuthorization()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        HttpCall::Headers headers;
        if (!headerName.isEmpty())
            headers.append({headerName, headerValue});
        const HttpResult r = m_http.get(url(path), headers);
        verifyEnvelope(r, 401, QStringLiteral("missing_authorization_header"));
        QVERIFY(r.header("X-RateLimit-Limit").isNull()); // not authenticated: no budget headers
    }

    void invalidKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("unknown") << QStringLiteral("pi_not_a_key_we_issued_00");
        QTest::newRow("malformed") << QStringLiteral("sk-live-1234");
        QTest::newRow("too short") << QStringLiteral("pi_x");
        QTest::newRow("revoked") << m_revoked;
    }

    void invalidKey()
    {
        QFETCH(QString, key);
        const HttpResult r = m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(key));
        verifyEnvelope(r, 401, QStringLiteral("invalid_api_key"));
    }

    void rateLimitCountsDownThenAnswers429UntilReset()
    {
        SandboxProcess limited({QStringLiteral("--key"), m_keyLimit, QStringLiteral("--limit"),
                                QStringLiteral("3"), QStringLiteral("--window"),
                                QStringLiteral("2")});
        QVERIFY(limited.start());
        const QUrl ping = limited.url(QStringLiteral("/v1/ping"));
        // Start at the beginning of a window so all three fit in it.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() % 2000 < 300, 5000);

        QList<int> remaining;
        qint64 reset = 0;
        for (int i = 0; i < 3; ++i) {
            const HttpResult r = m_http.get(ping, HttpCall::bearer(m_keyLimit));
            QCOMPARE(r.status, 200);
            remaining.append(r.header("X-RateLimit-Remaining").toInt());
            reset = r.header("X-RateLimit-Reset").toLongLong();
        }
        QCOMPARE(remaining, QList<int>({2, 1, 0}));

        const HttpResult refused = m_http.get(ping, HttpCall::bearer(m_keyLimit));
        verifyEnvelope(refused, 429, QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(refused.header("X-RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(refused.header("X-RateLimit-Reset").toLongLong(), reset);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY(retryAfter >= 1 && retryAfter <= 2);

        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() >= reset, 5000);
        const HttpResult again = m_http.get(ping, HttpCall::bearer(m_keyLimit));
        QCOMPARE(again.status, 200);
        QVERIFY(again.header("X-RateLimit-Reset").toLongLong() > reset);
    }

    void idempotentReplayIsByteEqualAndBillsOnce()
    {
        const QByteArray body = R"({"amount": 1250, "currency": "eur", "description": "t-shirt"})";
        const HttpResult first = postCharge(m_keyB, "idem-replay-1", body);
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("Idempotent-Replayed").isNull());
        const QString chargeId = first.json().value(QLatin1String("id")).toString();
        QVERIFY(chargeId.startsWith(QLatin1String("ch_")));

        const HttpResult replay = postCharge(m_keyB, "idem-replay-1", body);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("X-Request-Id"), first.header("X-Request-Id"));
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        verifyRateLimitHeaders(replay, 1000);

        const HttpResult usage =
            m_http.get(url(QStringLiteral("/v1/usage")), HttpCall::bearer(m_keyB));
        QCOMPARE(usage.json().value(QLatin1String("billable_units")).toInt(), 1);
        QCOMPARE(usage.json().value(QLatin1String("calls")).toInt(), 3);

        const HttpResult fetched =
            m_http.get(url(QStringLiteral("/v1/charges/") + chargeId), HttpCall::bearer(m_keyB));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.json().value(QLatin1String("amount")).toInt(), 1250);
    }

    void sameKeyOtherBodyIs409()
    {
        const HttpResult first = postCharge(m_keyA, "idem-mismatch-1", R"({"amount": 100})");
        QCOMPARE(first.status, 201);
        // One byte differs: a space.
        const HttpResult other = postCharge(m_keyA, "idem-mismatch-1", R"({"amount":  100})");
        verifyEnvelope(other, 409, QStringLiteral("idempotency_key_mismatch"));
        QVERIFY(other.header("X-Request-Id") != first.header("X-Request-Id"));
    }

    void idempotencyKeysAreScopedPerApiKey()
    {
        const HttpResult a = postCharge(m_keyA, "idem-scope-1", R"({"amount": 5})");
        const HttpResult b = postCharge(m_keyB, "idem-scope-1", R"({"amount": 7})");
        QCOMPARE(a.status, 201);
        QCOMPARE(b.status, 201);
        QVERIFY(b.header("Idempotent-Replayed").isNull());
    }

    void postWithoutIdempotencyKeyCreatesEachTime()
    {
        const HttpResult a = postCharge(m_keyA, {}, R"({"amount": 9})");
        const HttpResult b = postCharge(m_keyA, {}, R"({"amount": 9})");
        QCOMPARE(a.status, 201);
        QCOMPARE(b.status, 201);
        QVERIFY(a.json().value(QLatin1String("id")) != b.json().value(QLatin1String("id")));
    }

    void listingPagesNewestFirst()
    {
        const QString key = m_keyB;
        QStringList created;
        for (int i = 0; i < 5; ++i) {
            const HttpResult r = postCharge(
                key, {}, QByteArray(R"({"amount": )") + QByteArray::number(100 + i) + '}');
            created.prepend(r.json().value(QLatin1String("id")).toString());
        }
        const HttpResult page1 =
            m_http.get(url(QStringLiteral("/v1/charges?limit=2")), HttpCall::bearer(key));
        QCOMPARE(page1.status, 200);
        const QJsonArray data1 = page1.json().value(QLatin1String("data")).toArray();
        QCOMPARE(data1.size(), 2);
        QCOMPARE(data1.at(0).toObject().value(QLatin1String("id")).toString(), created.at(0));
        QCOMPARE(page1.json().value(QLatin1String("has_more")).toBool(), true);

        const HttpResult page2 =
            m_http.get(url(QStringLiteral("/v1/charges?limit=2&starting_after=") + created.at(1)),
                       HttpCall::bearer(key));
        const QJsonArray data2 = page2.json().value(QLatin1String("data")).toArray();
        QCOMPARE(data2.at(0).toObject().value(QLatin1String("id")).toString(), created.at(2));

        const HttpResult bad =
            m_http.get(url(QStringLiteral("/v1/charges?limit=0")), HttpCall::bearer(key));
        verifyEnvelope(bad, 400, QStringLiteral("parameter_invalid"));
    }

    void unknownChargeIs404()
    {
        const HttpResult r =
            m_http.get(url(QStringLiteral("/v1/charges/ch_nope")), HttpCall::bearer(m_keyA));
        verifyEnvelope(r, 404, QStringLiteral("resource_missing"));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QByteArray("POST") << QStringLiteral("/v1/charges")
                                  << QByteArray("{amount: 1") << 400
                                  << QStringLiteral("invalid_json");
        QTest::newRow("html body") << QByteArray("POST") << QStringLiteral("/v1/charges")
                                   << QByteArray("<html>") << 400 << QStringLiteral("invalid_json");
        QTest::newRow("missing amount")
            << QByteArray("POST") << QStringLiteral("/v1/charges") << QByteArray("{}") << 400
            << QStringLiteral("parameter_missing");
        QTest::newRow("amount a string")
            << QByteArray("POST") << QStringLiteral("/v1/charges")
            << QByteArray(R"({"amount":"5"})") << 400 << QStringLiteral("parameter_invalid");
        QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("/v2/everything")
                                       << QByteArray() << 404 << QStringLiteral("route_not_found");
        QTest::newRow("wrong method")
            << QByteArray("DELETE") << QStringLiteral("/v1/ping") << QByteArray() << 405
            << QStringLiteral("method_not_allowed");
        QTest::newRow("over 10 MB")
            << QByteArray("POST") << QStringLiteral("/v1/charges")
            << QByteArray(10 * 1024 * 1024 + 1, ' ') << 413 << QStringLiteral("request_too_large");
    }

    void badInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const HttpResult r = m_http.send(method, url(path), HttpCall::bearer(m_keyA), body);
        verifyEnvelope(r, status, code);
        verifyRateLimitHeaders(r, 1000);
        if (status == 405)
            QCOMPARE(r.header("Allow"), QByteArray("GET"));
    }

    void faultLatency()
    {
        QElapsedTimer timer;
        timer.start();
        const HttpResult r =
            m_http.get(url(QStringLiteral("/v1/ping")),
                       HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "latency=300"}}));
        QCOMPARE(r.status, 200);
        QVERIFY(timer.elapsed() >= 300); // a lower bound only: never flaky
    }

    void faultStatus()
    {
        const HttpResult r =
            m_http.get(url(QStringLiteral("/v1/ping")),
                       HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "status=503"}}));
        verifyEnvelope(r, 503, QStringLiteral("injected_fault"));
        QCOMPARE(r.envelope().value(QLatin1String("type")).toString(), QStringLiteral("api_error"));
    }

    void faultHtmlPage()
    {
        const HttpResult r = m_http.get(url(QStringLiteral("/v1/ping")),
                                        HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "html"}}));
        QCOMPARE(r.status, 502);
        QVERIFY(r.header("Content-Type").startsWith("text/html"));
        QVERIFY(r.body.startsWith("<!DOCTYPE html>"));
        verifyRequestId(r);
    }

    void faultDroppedConnection()
    {
        const HttpResult r =
            m_http.get(url(QStringLiteral("/v1/ping")),
                       HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "drop,size=100000"}}));
        // Half the promised body arrives, then the connection closes.
        QCOMPARE(r.header("Content-Length"), QByteArray("100000"));
        QCOMPARE(r.body.size(), 50000);
        // The server itself is fine afterwards.
        QCOMPARE(m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(m_keyA)).status, 200);
    }

    void faultHugeBody()
    {
        const qint64 size = 5 * 1024 * 1024 + 3;
        const HttpResult r = m_http.get(
            url(QStringLiteral("/v1/ping")),
            HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "size=" + QByteArray::number(size)}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), size);
        QJsonParseError error{};
        QJsonDocument::fromJson(r.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void faultMalformedRateLimitHeaders()
    {
        const HttpResult r =
            m_http.get(url(QStringLiteral("/v1/ping")),
                       HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "bad-ratelimit"}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray("abc"));
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray("-5"));
    }

    void unknownFaultIsRefused()
    {
        const HttpResult r = m_http.get(url(QStringLiteral("/v1/ping")),
                                        HttpCall::bearer(m_keyA, {{"Pi-Sandbox-Fault", "meteor"}}));
        verifyEnvelope(r, 400, QStringLiteral("parameter_invalid"));
    }

    void faultFlagAppliesToEveryResponse()
    {
        SandboxProcess faulty({QStringLiteral("--fault"), QStringLiteral("status=500")});
        QVERIFY(faulty.start());
        const HttpResult r = m_http.get(faulty.url(QStringLiteral("/v1/ping")),
                                        HttpCall::bearer(SandboxProcess::demoKey()));
        verifyEnvelope(r, 500, QStringLiteral("injected_fault"));
    }

    void garbageOnTheWireDoesNotKillIt()
    {
        for (const QByteArray &junk :
             {QByteArray("\x00\x01\x02 garbage\r\n\r\n", 16), QByteArray("GET / HTTP/9.9\r\n\r\n"),
              QByteArray("POST /v1/charges HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nabc"),
              QByteArray(70000, 'A')}) {
            QTcpSocket socket;
            socket.connectToHost(m_sandbox->baseUrl().host(), quint16(m_sandbox->baseUrl().port()));
            QVERIFY(socket.waitForConnected(5000));
            socket.write(junk);
            socket.waitForBytesWritten(5000);
            socket.waitForReadyRead(300);
            socket.abort();
        }
        QCOMPARE(m_http.get(url(QStringLiteral("/v1/ping")), HttpCall::bearer(m_keyA)).status, 200);
    }

    void unauthenticatedUploadIsRefusedBeforeItsBody()
    {
        // Only the head of a 50 MB upload is sent: the 401 comes without waiting for a body.
        QTcpSocket socket;
        connectTo(socket, *m_sandbox);
        socket.write(head("POST /v1/charges HTTP/1.1",
                          {"Content-Type: application/json", "Content-Length: 52428800"}));
        const Raw r = readRaw(socket);
        verifyRawEnvelope(r, 401, QStringLiteral("missing_authorization_header"));
        QCOMPARE(r.header("Connection"), QByteArray("close"));
        QVERIFY(closedWithin(socket, 5000));
    }

    void invalidKeyUploadIsRefusedBeforeItsBody()
    {
        QTcpSocket socket;
        connectTo(socket, *m_sandbox);
        socket.write(
            head("POST /v1/charges HTTP/1.1",
                 {"Authorization: Bearer " + m_revoked.toLatin1(), "Content-Length: 52428800"}));
        verifyRawEnvelope(readRaw(socket), 401, QStringLiteral("invalid_api_key"));
    }

    void oversizedUploadIs413WithoutItsBody()
    {
        QTcpSocket socket;
        connectTo(socket, *m_sandbox);
        socket.write(head("POST /v1/charges HTTP/1.1",
                          {"Authorization: Bearer " + m_keyA.toLatin1(),
                           "Content-Length: " + QByteArray::number(11 * 1024 * 1024)}));
        const Raw r = readRaw(socket);
        verifyRawEnvelope(r, 413, QStringLiteral("request_too_large"));
        QVERIFY(!r.header("X-RateLimit-Remaining").isEmpty());
        QVERIFY(closedWithin(socket, 5000));
    }

    void oversizedHeadIsRefusedAndClosed()
    {
        QTcpSocket socket;
        connectTo(socket, *m_sandbox);
        socket.write(head("GET /v1/ping HTTP/1.1", {"Authorization: Bearer " + m_keyA.toLatin1(),
                                                    "X-Padding: " + QByteArray(70000, 'a')}));
        verifyRawEnvelope(readRaw(socket), 431, QStringLiteral("request_header_too_large"));
        QVERIFY(closedWithin(socket, 5000));
    }

    void chunkedUploadIsAnswered()
    {
        QTcpSocket socket;
        connectTo(socket, *m_sandbox);
        const QByteArray body = R"({"amount": 42})";
        socket.write(
            head("POST /v1/charges HTTP/1.1",
                 {"Authorization: Bearer " + m_keyA.toLatin1(), "Transfer-Encoding: chunked"}) +
            QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n");
        const Raw r = readRaw(socket);
        QCOMPARE(r.status, 201);
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("amount")).toInt(),
                 42);
    }

    // Requests the guard once let through and Qt's parser refused held their connection:
    // four of them against --max-connections 4 locked everyone else out. Each is now answered
    // 400 and closed at once, and the next client is served.
    void requestsQtWouldRefuseAreAnsweredAndClosed()
    {
        SandboxProcess small({QStringLiteral("--max-connections"), QStringLiteral("4")});
        QVERIFY2(small.start(), qPrintable(small.errorText()));
        const QByteArray auth = "Authorization: Bearer " + SandboxProcess::demoKey().toLatin1();
        const QList<QByteArray> requests{
            "GET /v1/ping HTTP/1.1\nHost: x\n" + auth + "\n\n",
            "POST /v1/charges HTTP/1.1\r\nHost: x\r\n" + auth +
                "\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
            "GET /v1/ping HTTP/1.1\r\nHost: x\n" + auth + "\r\n\r\n",
            "POST /v1/charges HTTP/1.1\nHost: x\nContent-Length: 50000000\n\n",
        };
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (const QByteArray &request : requests) {
            held.push_back(std::make_unique<QTcpSocket>());
            connectTo(*held.back(), small);
            held.back()->write(request);
            const Raw r = readRaw(*held.back(), 3000);
            QCOMPARE(r.status, 400);
            QVERIFY(closedWithin(*held.back(), 3000));
        }
        QTcpSocket next;
        connectTo(next, small);
        next.write(head("GET /v1/ping HTTP/1.1", {auth}));
        QCOMPARE(readRaw(next).status, 200);
    }

    void connectionLimitAnswers503()
    {
        SandboxProcess limited({QStringLiteral("--max-connections"), QStringLiteral("20"),
                                QStringLiteral("--limit"), QStringLiteral("1000")});
        QVERIFY(limited.start());
        const QByteArray ping =
            head("GET /v1/ping HTTP/1.1",
                 {"Authorization: Bearer " + SandboxProcess::demoKey().toLatin1()});
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 20; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            connectTo(*held.back(), limited);
            held.back()->write(ping); // answered, so surely counted
            QCOMPARE(readRaw(*held.back()).status, 200);
        }
        QTcpSocket extra;
        connectTo(extra, limited);
        const Raw refused = readRaw(extra);
        verifyRawEnvelope(refused, 503, QStringLiteral("too_many_connections"));
        QVERIFY(refused.header("Retry-After").toInt() >= 1);
        QCOMPARE(refused.header("Connection"), QByteArray("close"));
        QVERIFY(closedWithin(extra, 5000));

        // The 20 still work, and a place that frees up is given again.
        held.front()->write(ping);
        QCOMPARE(readRaw(*held.front()).status, 200);
        held.back()->abort();
        bool answered = false;
        QElapsedTimer timer;
        timer.start();
        while (!answered && timer.elapsed() < 5000) {
            QTcpSocket again;
            connectTo(again, limited);
            again.write(ping);
            answered = readRaw(again, 2000).status == 200;
            if (!answered)
                QTest::qWait(50);
        }
        QVERIFY(answered);
    }

    void slowHeadAndIdleConnectionsAreClosed()
    {
        SandboxProcess strict({QStringLiteral("--header-timeout-ms"), QStringLiteral("300"),
                               QStringLiteral("--idle-timeout-ms"), QStringLiteral("300")});
        QVERIFY(strict.start());

        QTcpSocket slow; // half a header line, then nothing
        connectTo(slow, strict);
        slow.write("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz");
        QTcpSocket silent; // connects and never sends
        connectTo(silent, strict);
        QTcpSocket idle; // one request, then kept alive and idle
        connectTo(idle, strict);
        idle.write(head("GET /v1/ping HTTP/1.1",
                        {"Authorization: Bearer " + SandboxProcess::demoKey().toLatin1()}));
        QCOMPARE(readRaw(idle).status, 200);

        // Meanwhile a normal client is answered.
        const HttpResult normal = m_http.get(strict.url(QStringLiteral("/v1/ping")),
                                             HttpCall::bearer(SandboxProcess::demoKey()));
        QCOMPARE(normal.status, 200);

        QElapsedTimer timer;
        timer.start();
        const Raw timedOut = readRaw(slow, 5000);
        verifyRawEnvelope(timedOut, 408, QStringLiteral("request_timeout"));
        QVERIFY(closedWithin(slow, 5000));
        QVERIFY(closedWithin(silent, 5000));
        QVERIFY(closedWithin(idle, 5000));
        QVERIFY(timer.elapsed() < 5000);
    }

    void aClientThatLeavesDuringALatencyFaultFreesItsPlace()
    {
        SandboxProcess small({QStringLiteral("--max-connections"), QStringLiteral("2")});
        QVERIFY(small.start());
        const QByteArray slowPing =
            head("GET /v1/ping HTTP/1.1",
                 {"Authorization: Bearer " + SandboxProcess::demoKey().toLatin1(),
                  "Pi-Sandbox-Fault: latency=60000,size=100000000"});
        for (int i = 0; i < 2; ++i) {
            QTcpSocket leaving;
            connectTo(leaving, small);
            leaving.write(slowPing);
            leaving.waitForBytesWritten(2000);
            QTest::qWait(100);
            leaving.abort();
        }
        // Both places are free long before the minute of latency is over.
        QTRY_COMPARE_WITH_TIMEOUT(m_http
                                      .get(small.url(QStringLiteral("/v1/ping")),
                                           HttpCall::bearer(SandboxProcess::demoKey()))
                                      .status,
                                  200, 5000);
        QTcpSocket second;
        connectTo(second, small);
        second.write(head("GET /v1/ping HTTP/1.1",
                          {"Authorization: Bearer " + SandboxProcess::demoKey().toLatin1()}));
        QCOMPARE(readRaw(second).status, 200);
    }

    void demoKeyWorksByDefault()
    {
        SandboxProcess plain;
        QVERIFY(plain.start());
        const HttpResult r = m_http.get(plain.url(QStringLiteral("/v1/ping")),
                                        HttpCall::bearer(SandboxProcess::demoKey()));
        QCOMPARE(r.status, 200);
        verifyRateLimitHeaders(r, 20);
    }

    // --verbose logs each request, answer and refusal, but no header value: no key.
    void verboseLogsRequestsWithoutKeys()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString logPath = dir.filePath(QStringLiteral("stderr.log"));
        SandboxProcess verbose({QStringLiteral("--verbose")}, logPath);
        QVERIFY(verbose.start());
        QCOMPARE(m_http
                     .get(verbose.url(QStringLiteral("/v1/ping")),
                          HttpCall::bearer(SandboxProcess::demoKey()))
                     .status,
                 200);
        // A path may hold anything, a key too: the log names the route, not the path.
        QCOMPARE(m_http
                     .get(verbose.url(QStringLiteral("/v1/charges/") + SandboxProcess::demoKey()),
                          HttpCall::bearer(SandboxProcess::demoKey()))
                     .status,
                 404);
        QCOMPARE(m_http
                     .get(verbose.url(QStringLiteral("/v1/%70i_sandbox_demo_key_0123456789")),
                          HttpCall::bearer(SandboxProcess::demoKey()))
                     .status,
                 404);
        const QString unknown = QStringLiteral("pi_not_a_key_of_this_sandbox_4711");
        QCOMPARE(
            m_http.get(verbose.url(QStringLiteral("/v1/ping")), HttpCall::bearer(unknown)).status,
            401);
        QCOMPARE(verbose.terminate(), 0);
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        QVERIFY2(text.contains("pi.sandbox.http: GET /v1/ping -> 200"), text.constData());
        QVERIFY2(text.contains("pi.sandbox.http: GET /v1/charges/{id} -> 404"), text.constData());
        QVERIFY2(text.contains("pi.sandbox.http: GET (no route) -> 404"), text.constData());
        QVERIFY2(text.contains("pi.sandbox.http: refused 127.0.0.1 401 The API key is not "
                               "recognised."),
                 text.constData());
        QVERIFY(!text.contains(SandboxProcess::demoKey().toLatin1()));
        QVERIFY(!text.contains(unknown.toLatin1()));
    }

    // A bad command line ends with exit code 2 and says why, without repeating a key typed in
    // the wrong place.
    void badOptionsExitTwoWithoutRepeatingAKey_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("said");
        QTest::newRow("single dash, misspelt")
            << QStringList{QStringLiteral("-kye=pi_typed_in_the_wrong_place")}
            << QByteArray("--help lists them");
        QTest::newRow("unknown") << QStringList{QStringLiteral("--pi_typed_in_the_wrong_place")}
                                 << QByteArray("--help lists them");
        QTest::newRow("not a key")
            << QStringList{QStringLiteral("--key"), QStringLiteral("typed_in_the_wrong_place")}
            << QByteArray("pi_ and 8 to 200");
        QTest::newRow("range") << QStringList{QStringLiteral("--port"), QStringLiteral("65536")}
                               << QByteArray("--port must be 0 to 65535");
        QTest::newRow("no value") << QStringList{QStringLiteral("--limit")}
                                  << QByteArray("Missing value after '--limit'");
    }

    void badOptionsExitTwoWithoutRepeatingAKey()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, said);
        QProcess sandbox;
        sandbox.start(SandboxProcess::executable(), args);
        QVERIFY(sandbox.waitForFinished(10000));
        QCOMPARE(sandbox.exitCode(), 2);
        const QByteArray err = sandbox.readAllStandardError();
        QVERIFY2(err.contains(said), err.constData());
        QVERIFY2(!err.contains("typed_in_the_wrong_place"), err.constData());
        QVERIFY(sandbox.readAllStandardOutput().isEmpty());
    }

    void exitsCleanlyOnSigterm()
    {
        SandboxProcess plain;
        QVERIFY(plain.start());
        QCOMPARE(plain.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxContract)
#include "tst_sandboxcontract.moc"
