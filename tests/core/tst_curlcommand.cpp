#include "curlcommand.h"

#include <QTest>

class TestCurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsWithTheKeyAsAVariable()
    {
        CallRecord r;
        r.method = "POST";
        r.url = QUrl(QStringLiteral("https://api.pi.example/v1/charges?expand=x"));
        r.requestHeaders = {{"Authorization", "Bearer [redacted]"},
                            {"Content-Type", "application/json"},
                            {"Idempotency-Key", "k-1"}};
        r.requestBody = "{\"description\":\"it's here\"}";
        const QString curl = CurlCommand::fromRecord(r);
        QVERIFY(curl.contains(QLatin1String("\"Authorization: Bearer $PI_API_KEY\"")));
        QVERIFY(!curl.contains(QLatin1String("[redacted]")));
        QVERIFY(curl.contains(QLatin1String("'Idempotency-Key: k-1'")));

        // What we export, we import back to the same request.
        const CurlCommand::Parsed back = CurlCommand::parse(curl);
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.request.method, QByteArray("POST"));
        QCOMPARE(back.url, r.url);
        QCOMPARE(back.request.path, QStringLiteral("/v1/charges?expand=x"));
        QCOMPARE(back.request.body, r.requestBody);
        QCOMPARE(back.request.idempotencyKey, QByteArray("k-1"));
        QCOMPARE(back.request.idempotencyMode, IdempotencyMode::Manual);
        QVERIFY(!back.warnings.isEmpty()); // the Authorization header was dropped
    }

    void aGetWithABodyComesBackAsAGet()
    {
        // Found by fuzzing: without -X GET, curl (and the import) took the body for a POST.
        CallRecord r;
        r.method = "GET";
        r.url = QUrl(QStringLiteral("https://api.pi.example/v1/search"));
        r.requestBody = "{\"q\":1}";
        const CurlCommand::Parsed back = CurlCommand::parse(CurlCommand::fromRecord(r));
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.request.method, QByteArray("GET"));
        QCOMPARE(back.request.body, r.requestBody);

        r.requestBody.clear(); // a plain GET stays as short as before
        QVERIFY(!CurlCommand::fromRecord(r).contains(QLatin1String("-X")));
    }

    void exportsAnOddMethodAsOneShellWord_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("empty") << QByteArray(); // found by fuzzing: the URL became the method
        QTest::newRow("shell syntax") << QByteArray("GET;touch /tmp/pwned #");
        QTest::newRow("space and quote") << QByteArray("A B'C");
        QTest::newRow("custom verb") << QByteArray("PURGE");
    }

    void exportsAnOddMethodAsOneShellWord()
    {
        QFETCH(QByteArray, method);
        CallRecord r;
        r.method = method;
        r.url = QUrl(QStringLiteral("https://api.pi.example/v1/ping"));
        QString error;
        const QStringList words = CurlCommand::splitShellWords(CurlCommand::fromRecord(r), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(words.mid(0, 4), (QStringList{QStringLiteral("curl"), QStringLiteral("-X"),
                                               QString::fromLatin1(method),
                                               QStringLiteral("https://api.pi.example/v1/ping")}));
    }

    void importsCommonShapes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("plain get") << QStringLiteral("curl https://h/v1/ping") << QByteArray("GET")
                                   << QStringLiteral("/v1/ping") << QByteArray();
        QTest::newRow("data implies post")
            << QStringLiteral("curl -s https://h/v1/charges -d '{\"amount\":1}'")
            << QByteArray("POST") << QStringLiteral("/v1/charges") << QByteArray("{\"amount\":1}");
        QTest::newRow("json flag")
            << QStringLiteral("curl --json '{}' --url https://h/x") << QByteArray("POST")
            << QStringLiteral("/x") << QByteArray("{}");
        QTest::newRow("continuations and -X")
            << QStringLiteral("curl -X PUT \\\n  \"https://h/a b?q=1\" \\\n  --data-raw \"x\\\"y\"")
            << QByteArray("PUT") << QStringLiteral("/a%20b?q=1") << QByteArray("x\"y");
        QTest::newRow("-XDELETE") << QStringLiteral("curl -XDELETE https://h/v1/charges/ch_1")
                                  << QByteArray("DELETE") << QStringLiteral("/v1/charges/ch_1")
                                  << QByteArray();
    }

    void importsCommonShapes()
    {
        QFETCH(QString, command);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const CurlCommand::Parsed p = CurlCommand::parse(command);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.request.method, method);
        QCOMPARE(p.request.path, path);
        QCOMPARE(p.request.body, body);
    }

    void refusesHeadersThatWouldSplit_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("header");
        QTest::newRow("CR LF smuggles a second Authorization")
            << QStringLiteral("curl -H \"X-Note: hi\r\nAuthorization: Bearer someone_elses_key\" "
                              "https://api.pi.example/v1/ping")
            << QStringLiteral("X-Note");
        QTest::newRow("LF alone") << QStringLiteral("curl -H 'X-Note: a\nX-Evil: 1' https://h/x")
                                  << QStringLiteral("X-Note");
        QTest::newRow("NUL") << QStringLiteral("curl -H 'X-Note: a") + QChar(0) +
                                    QStringLiteral("b' https://h/x")
                             << QStringLiteral("X-Note");
        QTest::newRow("a name that is not a token")
            << QStringLiteral("curl -H 'X Note: a' https://h/x") << QStringLiteral("X Note");
    }

    void refusesHeadersThatWouldSplit()
    {
        QFETCH(QString, command);
        QFETCH(QString, header);
        const CurlCommand::Parsed parsed = CurlCommand::parse(command);
        QVERIFY(!parsed.ok);
        QVERIFY2(parsed.error.contains(QLatin1Char('"') + header + QLatin1Char('"')),
                 qPrintable(parsed.error));
        QVERIFY(parsed.request.headers.isEmpty());
    }

    void refusesWhatIsNotCurl_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("empty") << QString();
        QTest::newRow("wget") << QStringLiteral("wget https://h/");
        QTest::newRow("open quote") << QStringLiteral("curl 'https://h/");
        QTest::newRow("no url") << QStringLiteral("curl -H 'A: b'");
        QTest::newRow("dangling option") << QStringLiteral("curl https://h/ -H");
    }

    void refusesWhatIsNotCurl()
    {
        QFETCH(QString, command);
        const CurlCommand::Parsed p = CurlCommand::parse(command);
        QVERIFY(!p.ok);
        QVERIFY(!p.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
