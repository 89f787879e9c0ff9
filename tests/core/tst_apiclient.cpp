// The client against pi-sandbox: bearer, envelopes, idempotency, replay, 409 not retried, key-leak
// refusals, a refused call and a server echoing the key keep no key, headers and methods that would
// split are refused before a byte is sent, redirects across origins drop the key, cookies and
// credential headers and carry no body, cleartext redirects off this machine refused, a body that
// will not decompress is a failure, garbage headers, drops, timeouts, cancel, body cap.
#include "core/net/apiclient.h"
#include "core/ratelimit/ratelimittracker.h"
#include "core/secrets/redaction.h"
#include "support/endlessserver.h"
#include "support/httpcall.h"
#include "support/processmemory.h"
#include "support/recordingserver.h"
#include "support/sandboxprocess.h"
#include "support/testclock.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// ApiClient against a running pi-sandbox over real HTTP: every row of the contract.
class TestApiClient : public QObject
{
    Q_OBJECT

private:
    const QString m_key = QStringLiteral("pi_client_test_key_0001");
    const QString m_limitedKey = QStringLiteral("pi_client_test_limited_02");
    std::unique_ptr<SandboxProcess> m_sandbox;
    QNetworkAccessManager m_nam;
    ApiClient m_client{&m_nam};

    Endpoint endpoint(const QString &key) const
    {
        return {QStringLiteral("Sandbox"), QString(), m_sandbox->baseUrl(), key};
    }

    CallRecord call(const Endpoint &where, const ApiRequest &request)
    {
        PendingCall *pending = m_client.send(where, request);
        QSignalSpy finished(pending, &PendingCall::finished);
        if (!finished.wait(30000))
            return {};
        return finished.first().first().value<CallRecord>();
    }

    CallRecord call(const ApiRequest &request) { return call(endpoint(m_key), request); }

    static ApiRequest get(const QString &path)
    {
        ApiRequest r;
        r.path = path;
        return r;
    }

    static ApiRequest post(const QString &path, const QByteArray &body)
    {
        ApiRequest r;
        r.method = "POST";
        r.path = path;
        r.body = body;
        return r;
    }

    int callsSeenBySandbox(const QString &key)
    {
        HttpCall http;
        return http.get(m_sandbox->url(QStringLiteral("/v1/usage")), HttpCall::bearer(key))
                   .json()
                   .value(QLatin1String("calls"))
                   .toInt() -
               1; // not counting this look
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CallRecord>();
        m_sandbox = std::make_unique<SandboxProcess>(
            QStringList{QStringLiteral("--key"), m_key, QStringLiteral("--key"), m_limitedKey,
                        QStringLiteral("--limit"), QStringLiteral("1000")});
        QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorText()));
    }

    void sendsBearerAndReadsEverything()
    {
        const CallRecord r = call(get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::Completed);
        QCOMPARE(r.status, 200);
        QVERIFY(r.requestId().startsWith("req_pi_"));
        QCOMPARE(r.requestId(), r.headerRequestId);
        QCOMPARE(r.rateLimit.limit, 1000);
        QVERIFY(r.rateLimit.remaining >= 0);
        QVERIFY(r.rateLimit.waitSecs >= 0 && r.rateLimit.waitSecs <= 60);
        QVERIFY(r.contractProblems.isEmpty());
        // The record holds the headers as sent, with the key redacted.
        QCOMPARE(Http::value(r.requestHeaders, "Authorization"), QByteArray("Bearer [redacted]"));
        QVERIFY(Http::value(r.requestHeaders, "User-Agent").startsWith("PiConsole/"));
        QVERIFY(r.timing.doneMs >= r.timing.firstByteMs);
        QVERIFY(r.timing.firstByteMs >= 0);
        QVERIFY(!r.startedUtc.isNull());
    }

    void missingKeyIsAnEnvelope()
    {
        const CallRecord r = call(endpoint(QString()), get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.status, 401);
        QVERIFY(r.envelope.isEnvelope());
        QCOMPARE(r.envelope.code, QStringLiteral("missing_authorization_header"));
        QCOMPARE(r.requestId(), r.envelope.requestId.toLatin1());
        QVERIFY(!r.requestIdMismatch);
        QVERIFY(r.contractProblems.isEmpty()); // a 401 has no budget headers, rightly
    }

    void invalidKeyIsAnEnvelope()
    {
        const CallRecord r = call(endpoint(QStringLiteral("pi_revoked_or_unknown_99")),
                                  get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.envelope.code, QStringLiteral("invalid_api_key"));
        QVERIFY(r.isError());
    }

    void postGetsAnIdempotencyKey_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("uuid v4")
            << int(IdempotencyMode::RandomUuid) << QByteArray()
            << QStringLiteral(
                   "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        QTest::newRow("deterministic") << int(IdempotencyMode::Deterministic) << QByteArray()
                                       << QStringLiteral("^[0-9a-f]{64}$");
        QTest::newRow("by hand") << int(IdempotencyMode::Manual) << QByteArray("typed-by-me")
                                 << QStringLiteral("^typed-by-me$");
        // The composer shows the generated key before sending: that key is the one sent.
        QTest::newRow("uuid shown")
            << int(IdempotencyMode::RandomUuid) << QByteArray("0f8e2c1a-shown-in-the-composer")
            << QStringLiteral("^0f8e2c1a-shown-in-the-composer$");
        QTest::newRow("turned off") << int(IdempotencyMode::None) << QByteArray("left-in-the-field")
                                    << QStringLiteral("^$");
    }

    void postGetsAnIdempotencyKey()
    {
        QFETCH(int, mode);
        QFETCH(QByteArray, given);
        QFETCH(QString, pattern);
        ApiRequest r = post(QStringLiteral("/v1/charges"),
                            QByteArray("{\"amount\": ") + QByteArray::number(mode + 1) + '}');
        r.idempotencyMode = IdempotencyMode(mode);
        r.idempotencyKey = given;
        const CallRecord record = call(r);
        QCOMPARE(record.status, 201);
        QVERIFY2(QRegularExpression(pattern)
                     .match(QString::fromLatin1(record.idempotencyKey))
                     .hasMatch(),
                 record.idempotencyKey.constData());
        QCOMPARE(Http::value(record.requestHeaders, "Idempotency-Key"), record.idempotencyKey);
        QCOMPARE(Http::value(record.requestHeaders, "Content-Type"),
                 QByteArray("application/json"));
        // GETs never carry one.
        QVERIFY(call(get(QStringLiteral("/v1/ping"))).idempotencyKey.isEmpty());
    }

    void deterministicKeyIsStable()
    {
        const QByteArray a =
            IdempotencyKeys::deterministic("POST", QStringLiteral("/v1/charges"), "{}");
        QCOMPARE(IdempotencyKeys::deterministic("post", QStringLiteral("/v1/charges"), "{}"), a);
        QVERIFY(IdempotencyKeys::deterministic("POST", QStringLiteral("/v1/charges"), "{ }") != a);
    }

    void retryReusesKeyAndBytesAndIsRecognisedAsReplay()
    {
        // Odd spacing and key order: the bytes must go out exactly as given.
        const QByteArray body = "{ \"currency\":\"eur\",  \"amount\" : 700 }";
        const CallRecord first = call(post(QStringLiteral("/v1/charges"), body));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.requestBody, body);

        ApiRequest retry = post(QStringLiteral("/v1/charges"), first.requestBody);
        retry.retryOf = 1;
        retry.idempotencyKey = first.idempotencyKey;
        retry.originalRequestId = first.requestId();
        const CallRecord second = call(retry);
        QCOMPARE(second.status, 201);
        QCOMPARE(second.idempotencyKey, first.idempotencyKey);
        QCOMPARE(second.requestBody, body);
        QVERIFY(second.replayed);
        QCOMPARE(second.requestId(), first.requestId());
        QCOMPARE(second.responseBody, first.responseBody);
    }

    void mismatchIs409AndNotRetried()
    {
        const CallRecord first = call(post(QStringLiteral("/v1/charges"), "{\"amount\": 1}"));
        const int before = callsSeenBySandbox(m_key);
        ApiRequest edited = post(QStringLiteral("/v1/charges"), "{\"amount\": 2}");
        edited.retryOf = 1;
        edited.idempotencyKey = first.idempotencyKey;
        const CallRecord r = call(edited);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.envelope.code, QStringLiteral("idempotency_key_mismatch"));
        QVERIFY(!r.replayed);
        QCOMPARE(callsSeenBySandbox(m_key), before + 1 + 1); // the 409 once, plus the usage look
    }

    void keyInTheRequestIsRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("inHeader");
        QTest::newRow("query") << QStringLiteral("/v1/ping?api_key=") + m_key << QByteArray()
                               << false;
        QTest::newRow("path") << QStringLiteral("/v1/charges/") + m_key << QByteArray() << false;
        QTest::newRow("header") << QStringLiteral("/v1/ping") << QByteArray() << true;
        QTest::newRow("body") << QStringLiteral("/v1/charges")
                              << QByteArray("{\"amount\":1,\"note\":\"" + m_key.toUtf8() + "\"}")
                              << false;
    }

    void keyInTheRequestIsRefusedBeforeSending()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, inHeader);
        const int before = callsSeenBySandbox(m_key);
        ApiRequest r = body.isEmpty() ? get(path) : post(path, body);
        if (inHeader)
            Http::set(&r.headers, "X-Debug", m_key.toUtf8());
        const CallRecord record = call(r);
        QCOMPARE(record.outcome, CallRecord::Outcome::Refused);
        QVERIFY(!record.errorText.isEmpty());
        QVERIFY(!record.errorText.contains(m_key));
        QCOMPARE(callsSeenBySandbox(m_key), before + 1); // only the usage look arrived
    }

    void aRefusedCallKeepsNoKey()
    {
        ApiRequest r = post(QStringLiteral("/v1/charges?api_key=") + m_key,
                            "{\"note\":\"" + m_key.toUtf8() + "\"}");
        Http::set(&r.headers, "X-Debug", "Basic " + QByteArray(m_key.toUtf8() + ':').toBase64());
        const CallRecord record = call(r);
        QCOMPARE(record.outcome, CallRecord::Outcome::Refused);
        const SecretPattern key(m_key.toUtf8());
        QVERIFY2(!key.occursIn(record.url.toEncoded()), record.url.toEncoded().constData());
        QVERIFY(!key.occursIn(record.requestBody));
        QCOMPARE(record.requestBody, QByteArray("{\"note\":\"[redacted]\"}"));
        const QByteArray basic = Http::value(record.requestHeaders, "X-Debug");
        QVERIFY2(basic.startsWith("Basic [redacted]") && !key.occursIn(basic), basic.constData());
        QVERIFY(record.url.path().startsWith(QLatin1String("/v1/charges")));
    }

    void aKeyEchoedByTheServerIsNotKept()
    {
        RecordingServer echo;
        QVERIFY(echo.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        const QByteArray k = m_key.toUtf8();
        echo.setResponse(401,
                         {{"Content-Type", "application/json"},
                          {"X-Request-Id", "req_pi_0000"},
                          {"X-Seen-Key", k}},
                         "{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                         "\"invalid_api_key\",\"message\":\"The key " +
                             k + " is revoked\",\"request_id\":\"req_pi_0000\"}}");
        const CallRecord r =
            call({QStringLiteral("Echo"), QString(), echo.url(QStringLiteral("/")), m_key},
                 get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.status, 401);
        QCOMPARE(echo.requests().first().header("Authorization"), "Bearer " + k); // it was sent
        QCOMPARE(r.envelope.message, QStringLiteral("The key [redacted] is revoked"));
        QVERIFY(!r.responseBody.contains(k));
        QCOMPARE(Http::value(r.responseHeaders, "X-Seen-Key"), QByteArray("[redacted]"));
    }

    void aHeaderThatWouldSplitIsRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("CR LF in the value")
            << QByteArray("X-Note") << QByteArray("hi\r\nAuthorization: Bearer pi_someone_else1");
        QTest::newRow("LF alone") << QByteArray("X-Note") << QByteArray("hi\nX-Injected: 1");
        QTest::newRow("NUL") << QByteArray("X-Note") << QByteArray("hi\0there", 8);
        QTest::newRow("name with a space") << QByteArray("X Note") << QByteArray("hi");
        QTest::newRow("name with a colon") << QByteArray("X-Note:") << QByteArray("hi");
        QTest::newRow("name with CR LF") << QByteArray("X-A\r\nX-B") << QByteArray("hi");
        QTest::newRow("Host") << QByteArray("Host") << QByteArray("evil.invalid");
        QTest::newRow("Content-Length") << QByteArray("content-length") << QByteArray("2");
        QTest::newRow("Transfer-Encoding")
            << QByteArray("Transfer-Encoding") << QByteArray("chunked");
        QTest::newRow("Connection") << QByteArray("Connection") << QByteArray("Upgrade");
    }

    void aHeaderThatWouldSplitIsRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        r.headers.append({name, value});
        const CallRecord record =
            call({QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key}, r);
        QCOMPARE(record.outcome, CallRecord::Outcome::Refused);
        QVERIFY2(record.errorText.contains(QLatin1String("header")), qPrintable(record.errorText));
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 0);
    }

    // A GET or HEAD goes without a body whoever built it (a stored call resent, a retry):
    // the server gets none and the record keeps none.
    void getAndHeadNeverCarryABody()
    {
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("HEAD")}) {
            RecordingServer server;
            QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
            server.setResponse(200, {{"Content-Type", "application/json"}}, "{}");
            ApiRequest r = get(QStringLiteral("/v1/ping"));
            r.method = method;
            r.body = "{\"amount\": 1250, \"currency\": \"eur\"}";
            const CallRecord record = call(
                {QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key}, r);
            QVERIFY2(record.outcome == CallRecord::Outcome::Completed,
                     qPrintable(record.errorText));
            QCOMPARE(server.requests().size(), 1);
            QVERIFY(server.requests().first().body.isEmpty());
            QVERIFY(record.requestBody.isEmpty());
        }
    }

    // Qt holds a 401's body back until it is whole: a read limit on it stalled the reply at
    // the limit, and the call failed as a broken connection. Large bodies of any status read
    // whole; the 1 MB envelope is scanned, not parsed.
    void largeBodiesOfEveryStatusAreReadWhole_data()
    {
        QTest::addColumn<int>("status");
        for (const int status : {200, 401, 403, 422, 500})
            QTest::newRow(QByteArray::number(status).constData()) << status;
    }

    void largeBodiesOfEveryStatusAreReadWhole()
    {
        QFETCH(int, status);
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        const QByteArray body = "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"" +
                                QByteArray(3 * 1024 * 1024, 'a') + "\"}}";
        server.setResponse(status, {{"Content-Type", "application/json"}}, body);
        const CallRecord record =
            call({QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key},
                 get(QStringLiteral("/v1/ping")));
        QVERIFY2(record.outcome == CallRecord::Outcome::Completed, qPrintable(record.errorText));
        QCOMPARE(record.status, status);
        QCOMPARE(record.responseBody, body);
        if (status >= 400)
            QCOMPARE(record.envelope.code, QStringLiteral("invalid_api_key"));
    }

    void aMethodThatWouldSplitIsRefused()
    {
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        r.method = "GET /x HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET";
        const CallRecord record =
            call({QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key}, r);
        QCOMPARE(record.outcome, CallRecord::Outcome::Refused);
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 0);
    }

    void crossOriginRedirectDropsCredentialsAndRefusesToCarryABody()
    {
        RecordingServer target;
        QVERIFY(target.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        target.setResponse(200, {{"Content-Type", "application/json"}}, "{}");
        RecordingServer origin;
        QVERIFY(origin.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));

        // A GET is followed, without the key, cookies or credential headers.
        origin.setResponse(302, {{"Location", target.url(QStringLiteral("/landing")).toEncoded()}},
                           {});
        ApiRequest get1 = get(QStringLiteral("/v1/ping"));
        get1.headers = {{"Cookie", "session=abc"}, {"X-Api-Token", "tok_123"}, {"X-Trace", "t-1"}};
        const Endpoint where{QStringLiteral("Redirecting"), QString(),
                             origin.url(QStringLiteral("/")), m_key};
        CallRecord r = call(where, get1);
        QCOMPARE(r.status, 200);
        QCOMPARE(origin.requests().first().header("Cookie"), QByteArray("session=abc"));
        QCOMPARE(target.requests().size(), 1);
        const RecordingServer::Request landed = target.requests().first();
        for (const char *dropped :
             {"Authorization", "Cookie", "Proxy-Authorization", "X-Api-Token"})
            QVERIFY2(landed.header(dropped).isNull(), dropped);
        QCOMPARE(landed.header("X-Trace"), QByteArray("t-1"));

        // A 307 would carry the body to the other origin: refused there.
        origin.setResponse(307, {{"Location", target.url(QStringLiteral("/landing")).toEncoded()}},
                           {});
        r = call(where, post(QStringLiteral("/v1/charges"), "{\"amount\":1}"));
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QVERIFY2(r.errorText.contains(QLatin1String("body")), qPrintable(r.errorText));
        QCOMPARE(target.requests().size(), 1);

        // Cleartext to a machine that is not this one: refused, whatever the origin.
        origin.setResponse(302, {{"Location", "http://pi-console-test.invalid/landing"}}, {});
        r = call(where, get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QVERIFY2(r.errorText.contains(QLatin1String("cleartext")), qPrintable(r.errorText));
    }

    // A request body never goes to an origin other than the one addressed, whatever the
    // status and the method; a redirect that would take it there ends the call, naming both.
    void noRedirectCarriesABodyToAnotherOrigin_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("method");
        for (const int status : {301, 302, 307, 308})
            for (const QByteArray &method : {QByteArray("PUT"), QByteArray("PATCH")})
                QTest::addRow("%d %s", status, method.constData()) << status << method;
        QTest::addRow("307 POST") << 307 << QByteArray("POST");
        QTest::addRow("302 DELETE with a body") << 302 << QByteArray("DELETE");
    }

    void noRedirectCarriesABodyToAnotherOrigin()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, method);
        RecordingServer target;
        QVERIFY(target.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        target.setResponse(200, {{"Content-Type", "application/json"}}, "{}");
        RecordingServer origin;
        QVERIFY(origin.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        origin.setResponse(status,
                           {{"Location", target.url(QStringLiteral("/landed")).toEncoded()}}, {});
        ApiRequest request = post(QStringLiteral("/redir"), "{\"amount\":1250}");
        request.method = method;
        const CallRecord r =
            call({QStringLiteral("Redirecting"), QString(), origin.url(QStringLiteral("/")), m_key},
                 request);
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QCOMPARE(target.requests().size(), 0);
        const QString from = origin.url({}).adjusted(QUrl::RemovePath).toDisplayString();
        const QString to = target.url({}).adjusted(QUrl::RemovePath).toDisplayString();
        QVERIFY2(r.errorText.contains(from) && r.errorText.contains(to), qPrintable(r.errorText));
    }

    // A 303, or a 301 or 302 after a POST, turns the call into a GET without its body: that
    // may go to the other origin, with nothing of the body or the key.
    void aRedirectThatDropsTheBodyMayLeaveTheOrigin()
    {
        RecordingServer target;
        QVERIFY(target.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        target.setResponse(200, {{"Content-Type", "application/json"}}, "{}");
        RecordingServer origin;
        QVERIFY(origin.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        origin.setResponse(303, {{"Location", target.url(QStringLiteral("/landed")).toEncoded()}},
                           {});
        ApiRequest request = post(QStringLiteral("/redir"), "{\"amount\":1250}");
        request.method = "PUT";
        const CallRecord r =
            call({QStringLiteral("Redirecting"), QString(), origin.url(QStringLiteral("/")), m_key},
                 request);
        QCOMPARE(r.status, 200);
        QCOMPARE(target.requests().size(), 1);
        QCOMPARE(target.requests().first().method, QByteArray("GET"));
        QVERIFY(target.requests().first().body.isEmpty());
    }

    // Qt holds a 401 or 407 answer back until it is whole: no readyRead, no headers, no read
    // buffer limit. A server that answers 401 and streams without end must not take the
    // client's memory with it: past the limit of what may be held back unseen, the call ends
    // and says why, and the process stays far under 300 MB.
    void anEndless401IsCutOffAndMemoryStaysBounded_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addRow("401 with a length")
            << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100000000000\r\n\r\n");
        QTest::addRow("407 chunked") << QByteArray(
            "HTTP/1.1 407 Proxy Authentication Required\r\nTransfer-Encoding: chunked\r\n"
            "\r\n10000000000\r\n");
    }

    void anEndless401IsCutOffAndMemoryStaysBounded()
    {
        QFETCH(QByteArray, head);
        EndlessServer server(head, 3LL * 1024 * 1024 * 1024);
        QVERIFY(server.listening());
        QVERIFY(ProcessMemory::resetPeak());
        const qint64 before = ProcessMemory::statusKiB("VmRSS") / 1024;
        const CallRecord r = call({QStringLiteral("Hostile"), QString(), server.url(), m_key},
                                  get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::TooLarge);
        QVERIFY2(r.errorText.contains(QLatin1String("401 or 407")), qPrintable(r.errorText));
        QVERIFY2(server.sent() > m_client.limits().maxHeldBackBytes,
                 qPrintable(QString::number(server.sent())));
        // The client had 43 MB when this was seen taking it to 3 GB: it stays under 300 MB.
        const qint64 growth = ProcessMemory::statusKiB("VmHWM") / 1024 - before;
        QVERIFY2(growth < 300 - 43, qPrintable(QStringLiteral("%1 MB").arg(growth)));
    }

    // The count of what Qt holds back sees only what no call was handed: a large 200 is read
    // as it comes, past that limit, and is not cut off.
    void aLargeAnswerIsNotTakenForAHeldBackOne()
    {
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        const QByteArray body(40 * 1024 * 1024, 'x');
        server.setResponse(200, {{"Content-Type", "text/plain"}}, body);
        const CallRecord r =
            call({QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key},
                 get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::Completed);
        QCOMPARE(r.responseBody.size(), body.size());
    }

    // A call still waiting for its headers is not taken for a held-back one because another
    // call's large answer arrives meanwhile, faster than the window reads it.
    void aWaitingCallIsNotCutForAnotherCallsLargeAnswer()
    {
        QTcpServer silent; // accepts, reads nothing, answers nothing
        QVERIFY(silent.listen(QHostAddress(QStringLiteral("127.0.0.1"))));
        RecordingServer big;
        QVERIFY(big.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        big.setResponse(200, {{"Content-Type", "text/plain"}}, QByteArray(80 * 1024 * 1024, 'x'));
        const PendingCall::Limits before = m_client.limits();
        PendingCall::Limits quick = before;
        quick.timeoutMs = 3000;
        m_client.setLimits(quick);
        for (int round = 0; round < 3; ++round) {
            PendingCall *waiting = m_client.send(
                {QStringLiteral("Silent"), QString(),
                 QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort())), m_key},
                get(QStringLiteral("/v1/ping")));
            QSignalSpy waited(waiting, &PendingCall::finished);
            const CallRecord large =
                call({QStringLiteral("Big"), QString(), big.url(QStringLiteral("/")), m_key},
                     get(QStringLiteral("/v1/ping")));
            QCOMPARE(large.outcome, CallRecord::Outcome::Completed);
            QVERIFY(waited.wait(10000) || !waited.isEmpty());
            const CallRecord r = waited.first().first().value<CallRecord>();
            QVERIFY2(r.outcome == CallRecord::Outcome::TimedOut, qPrintable(r.errorText));
        }
        m_client.setLimits(before);
    }

    void aBodyThatWillNotDecompressIsAFailure()
    {
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        server.setResponse(200,
                           {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}},
                           "this is not gzip at all, whatever the header says");
        const CallRecord r =
            call({QStringLiteral("Local"), QString(), server.url(QStringLiteral("/")), m_key},
                 get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::NetworkError);
        QVERIFY2(r.errorText.contains(QLatin1String("could not be read")), qPrintable(r.errorText));
        QVERIFY(r.isError());
    }

    void cleartextToARemoteHostIsRefused()
    {
        const CallRecord r = call({QStringLiteral("Remote"), QString(),
                                   QUrl(QStringLiteral("http://api.pi.example")), m_key},
                                  get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QVERIFY(r.errorText.contains(QLatin1String("https://")));
    }

    void redirectToAnotherOriginDropsTheKey()
    {
        RecordingServer target;
        QVERIFY(target.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        target.setResponse(
            200, {{"Content-Type", "application/json"}, {"X-Request-Id", "req_pi_0000aaaa-0000"}},
            "{}");
        RecordingServer origin;
        QVERIFY(origin.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        origin.setResponse(307, {{"Location", target.url(QStringLiteral("/landing")).toEncoded()}},
                           {});

        const CallRecord r =
            call({QStringLiteral("Redirecting"), QString(), origin.url(QStringLiteral("/")), m_key},
                 get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.status, 200);
        QCOMPARE(origin.requests().size(), 1);
        QCOMPARE(origin.requests().first().header("Authorization"), "Bearer " + m_key.toUtf8());
        QCOMPARE(target.requests().size(), 1);
        QCOMPARE(target.requests().first().target, QByteArray("/landing"));
        QVERIFY(target.requests().first().header("Authorization").isNull());
        QVERIFY(r.notes.join(QLatin1Char(' ')).contains(QLatin1String("without the API key")));
    }

    void redirectWithinTheOriginKeepsTheKey()
    {
        RecordingServer origin;
        QVERIFY(origin.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        origin.setResponse(308, {{"Location", "/v1/elsewhere"}}, {});
        const CallRecord r =
            call({QStringLiteral("Loop"), QString(), origin.url(QStringLiteral("/")), m_key},
                 post(QStringLiteral("/v1/charges"), "{}"));
        QCOMPARE(r.outcome, CallRecord::Outcome::NetworkError); // it redirects forever
        QVERIFY(r.errorText.contains(QLatin1String("redirects")));
        QVERIFY(origin.requests().size() >= 2);
        for (const auto &req : origin.requests()) {
            QCOMPARE(req.header("Authorization"), "Bearer " + m_key.toUtf8());
            QCOMPARE(req.method, QByteArray("POST")); // 308 keeps method and body
            QCOMPARE(req.body, QByteArray("{}"));
        }
    }

    void garbageRateLimitHeadersAreSurvived()
    {
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "bad-ratelimit");
        const CallRecord record = call(r);
        QCOMPARE(record.status, 200);
        QVERIFY(!record.rateLimit.hasBudget());
        QCOMPARE(record.rateLimit.waitSecs, -1);
        QVERIFY(record.contractProblems.join(QLatin1Char(' '))
                    .contains(QLatin1String("X-RateLimit-Limit")));
    }

    void htmlErrorPageIsNotAnEnvelope()
    {
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "html");
        const CallRecord record = call(r);
        QCOMPARE(record.status, 502);
        QCOMPARE(record.envelope.kind, ErrorEnvelope::Kind::NotEnvelope);
        QVERIFY(record.responseBody.startsWith("<!DOCTYPE html>"));
        QVERIFY(record.contractProblems.join(QLatin1Char(' '))
                    .contains(QLatin1String("Not a Pi error envelope")));
    }

    void droppedConnectionIsANetworkError()
    {
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "drop,size=200000");
        const CallRecord record = call(r);
        QVERIFY2(record.outcome == CallRecord::Outcome::NetworkError,
                 qPrintable(QStringLiteral("outcome %1, status %2, %3 bytes")
                                .arg(int(record.outcome))
                                .arg(record.status)
                                .arg(record.responseBody.size())));
        QVERIFY(!record.errorText.isEmpty());
    }

    void timeoutEndsTheCall()
    {
        ApiClient client(&m_nam);
        client.setLimits({300, 256LL * 1024 * 1024, 5});
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "latency=3000");
        PendingCall *pending = client.send(endpoint(m_key), r);
        QSignalSpy finished(pending, &PendingCall::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<CallRecord>().outcome,
                 CallRecord::Outcome::TimedOut);
    }

    void cancelEndsTheCall()
    {
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "latency=3000");
        PendingCall *pending = m_client.send(endpoint(m_key), r);
        QSignalSpy finished(pending, &PendingCall::finished);
        QTimer::singleShot(100, pending, &PendingCall::cancel);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<CallRecord>().outcome,
                 CallRecord::Outcome::Cancelled);
    }

    void bodyCapStopsAHugeResponse()
    {
        ApiClient client(&m_nam);
        client.setLimits({30000, 1024 * 1024, 5});
        ApiRequest r = get(QStringLiteral("/v1/ping"));
        Http::set(&r.headers, "Pi-Sandbox-Fault", "size=3000000");
        PendingCall *pending = client.send(endpoint(m_key), r);
        QSignalSpy finished(pending, &PendingCall::finished);
        QVERIFY(finished.wait(20000));
        const CallRecord record = finished.first().first().value<CallRecord>();
        QCOMPARE(record.outcome, CallRecord::Outcome::TooLarge);
        QVERIFY(record.errorText.contains(QLatin1String("1 MB")));
    }

    void rateLimitExhaustionIsReported()
    {
        SandboxProcess limited({QStringLiteral("--key"), m_limitedKey, QStringLiteral("--limit"),
                                QStringLiteral("2"), QStringLiteral("--window"),
                                QStringLiteral("3600")});
        QVERIFY(limited.start());
        const Endpoint where{QStringLiteral("Limited"), QString(), limited.baseUrl(), m_limitedKey};
        CallRecord last;
        for (int i = 0; i < 3; ++i)
            last = call(where, get(QStringLiteral("/v1/ping")));
        QCOMPARE(last.status, 429);
        QCOMPARE(last.envelope.code, QStringLiteral("rate_limit_exceeded"));
        QVERIFY(last.rateLimit.tooManyRequests);
        QVERIFY(last.rateLimit.fromRetryAfter);
        QVERIFY(last.rateLimit.waitSecs > 0);

        TestClock clock;
        RateLimitTracker tracker(clock);
        tracker.observe(last.rateLimit);
        QVERIFY(tracker.exhausted());
    }

    void tlsErrorsEndTheCallWithTheCertificate()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=pi-console-test"), QStringLiteral("-keyout"),
                       dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                       dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);
        QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        QSslServer server;
        server.setSslConfiguration(tls);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int served = 0;
        connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                ++served;
                s->deleteLater();
            }
        });

        const QUrl base(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
        const CallRecord r = call({QStringLiteral("Self-signed"), QString(), base, m_key},
                                  get(QStringLiteral("/v1/ping")));
        QCOMPARE(r.outcome, CallRecord::Outcome::NetworkError);
        QVERIFY2(r.errorText.contains(QLatin1String("TLS error")), qPrintable(r.errorText));
        QVERIFY(r.errorText.contains(QLatin1String("pi-console-test")));
        QVERIFY(r.errorText.contains(QLatin1String("SHA-256")));
        QCOMPARE(served, 0); // the handshake never completed: no request went out
    }

    void exactBodyBytesReachTheServer()
    {
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        const QByteArray body = QByteArray("{\"a\":\t1,\n \"b\":\"\xc3\xa9\"}  ");
        call({QStringLiteral("Rec"), QString(), server.url(QStringLiteral("/")), m_key},
             post(QStringLiteral("/v1/charges"), body));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().body, body);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
