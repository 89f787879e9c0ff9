// cURL export and import round-trip; options that take a value are skipped with it and named with a
// reason; -G, -I, $'...' quoting; a CR/LF in -H, however quoted, refuses the command.
#include "core/curl/curlexport.h"
#include "core/curl/curlimport.h"
#include "core/curl/shellwords.h"

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
        const QString curl = CurlExport::fromRecord(r);
        QVERIFY(curl.contains(QLatin1String("\"Authorization: Bearer $PI_API_KEY\"")));
        QVERIFY(!curl.contains(QLatin1String("[redacted]")));
        QVERIFY(curl.contains(QLatin1String("'Idempotency-Key: k-1'")));

        // What we export, we import back to the same request.
        const CurlImport::Parsed back = CurlImport::parse(curl);
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
        const CurlImport::Parsed back = CurlImport::parse(CurlExport::fromRecord(r));
        QVERIFY2(back.ok, qPrintable(back.error));
        QCOMPARE(back.request.method, QByteArray("GET"));
        QCOMPARE(back.request.body, r.requestBody);

        r.requestBody.clear(); // a plain GET stays as short as before
        QVERIFY(!CurlExport::fromRecord(r).contains(QLatin1String("-X")));
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
        const QStringList words = ShellWords::split(CurlExport::fromRecord(r), &error);
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
        const CurlImport::Parsed p = CurlImport::parse(command);
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
        QTest::newRow("CR LF through $'…'")
            << QStringLiteral("curl -H $'X-Note: hi\\r\\nAuthorization: Bearer someone_elses_key' "
                              "https://api.pi.example/v1/ping")
            << QStringLiteral("X-Note");
        QTest::newRow("CR LF through $'…' in hex")
            << QStringLiteral("curl -H $'X-Note: hi\\x0d\\x0aX-Evil: 1' https://h/x")
            << QStringLiteral("X-Note");
        QTest::newRow("LF through $'…' in octal")
            << QStringLiteral("curl -H $'X-Note: hi\\012X-Evil: 1' https://h/x")
            << QStringLiteral("X-Note");
        QTest::newRow("LF through $'…' as \\u000a")
            << QStringLiteral("curl -H $'X-Note: hi\\u000aX-Evil: 1' https://h/x")
            << QStringLiteral("X-Note");
        QTest::newRow("NUL through $'…'")
            << QStringLiteral("curl -H $'X-Note: a\\0b' https://h/x") << QStringLiteral("X-Note");
        QTest::newRow("a name that is not a token")
            << QStringLiteral("curl -H 'X Note: a' https://h/x") << QStringLiteral("X Note");
    }

    void refusesHeadersThatWouldSplit()
    {
        QFETCH(QString, command);
        QFETCH(QString, header);
        const CurlImport::Parsed parsed = CurlImport::parse(command);
        QVERIFY(!parsed.ok);
        QVERIFY2(parsed.error.contains(QLatin1Char('"') + header + QLatin1Char('"')),
                 qPrintable(parsed.error));
        QVERIFY(parsed.request.headers.isEmpty());
    }

    void skipsTheValuesOfOptionsItIgnores_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("warning");
        const QString bearer = QStringLiteral("Pi uses Bearer keys, not user:password");
        QTest::newRow("-u") << QStringLiteral("-u alice:s3cret-pass")
                            << QStringLiteral("-u is ignored: ") + bearer;
        QTest::newRow("--user") << QStringLiteral("--user alice:s3cret-pass")
                                << QStringLiteral("--user is ignored: ") + bearer;
        QTest::newRow("-u joined")
            << QStringLiteral("-ualice:s3cret-pass") << QStringLiteral("-u is ignored: ") + bearer;
        QTest::newRow("-u after -s in one word") << QStringLiteral("-su alice:s3cret-pass")
                                                 << QStringLiteral("-u is ignored: ") + bearer;
        QTest::newRow("--oauth2-bearer")
            << QStringLiteral("--oauth2-bearer pi_s3cret_key_123")
            << QStringLiteral("--oauth2-bearer is ignored: the key comes from the profile");
        QTest::newRow("-b") << QStringLiteral("-b 'session=s3cret; theme=dark'")
                            << QStringLiteral("-b is ignored: a cookie may hold a session");
        QTest::newRow("--cookie") << QStringLiteral("--cookie session=s3cret")
                                  << QStringLiteral("--cookie is ignored: a cookie may hold");
        QTest::newRow("--aws-sigv4") << QStringLiteral("--aws-sigv4 aws:amz:s3cret:x")
                                     << QStringLiteral("--aws-sigv4 is ignored: ");
        for (const char *option : {"-A",
                                   "--user-agent",
                                   "-e",
                                   "--referer",
                                   "-c",
                                   "--cookie-jar",
                                   "-o",
                                   "--output",
                                   "-m",
                                   "--max-time",
                                   "--connect-timeout",
                                   "-x",
                                   "--proxy",
                                   "-U",
                                   "--proxy-user",
                                   "-w",
                                   "--write-out",
                                   "-E",
                                   "--cert",
                                   "--cacert",
                                   "--key",
                                   "-T",
                                   "--upload-file",
                                   "-F",
                                   "--form",
                                   "--form-string",
                                   "-r",
                                   "--range",
                                   "--retry",
                                   "-K",
                                   "--config",
                                   "--resolve",
                                   "--connect-to",
                                   "-D",
                                   "--dump-header",
                                   "--limit-rate",
                                   "-z",
                                   "--time-cond"}) {
            QTest::newRow(option) << QLatin1String(option) + QStringLiteral(" s3cret")
                                  << QLatin1String(option) + QStringLiteral(" is ignored: ");
        }
    }

    void skipsTheValuesOfOptionsItIgnores()
    {
        // Before, the option's value was taken for the URL ("alice:s3cret-pass" is not one).
        QFETCH(QString, options);
        QFETCH(QString, warning);
        const CurlImport::Parsed p = CurlImport::parse(
            QStringLiteral("curl ") + options + QStringLiteral(" https://api.pi.example/v1/ping"));
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.url, QUrl(QStringLiteral("https://api.pi.example/v1/ping")));
        QCOMPARE(p.request.method, QByteArray("GET"));
        QVERIFY(p.request.body.isEmpty());
        QVERIFY(p.request.headers.isEmpty()); // a cookie never comes in as a header
        QCOMPARE(p.warnings.size(), 1);
        QVERIFY2(p.warnings.first().startsWith(warning), qPrintable(p.warnings.first()));
        QVERIFY2(p.warnings.first().endsWith(QLatin1Char('.')), qPrintable(p.warnings.first()));
        QVERIFY2(!p.warnings.first().contains(QLatin1String("s3cret")),
                 qPrintable(p.warnings.first())); // the value is never repeated
    }

    void knownFlagsTakeNoValue()
    {
        const CurlImport::Parsed p =
            CurlImport::parse(QStringLiteral("curl -sSLk -XPOST https://h/v1/charges -d '{}'"));
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.request.method, QByteArray("POST"));
        QCOMPARE(p.request.body, QByteArray("{}"));
        QCOMPARE(p.warnings, QStringList{QStringLiteral(
                                 "-k is ignored: Pi Console never ignores TLS errors.")});
    }

    void anUnknownOptionIsSaidAndTheUrlStillFound()
    {
        const CurlImport::Parsed p =
            CurlImport::parse(QStringLiteral("curl --frobnicate 7 https://h/v1/ping"));
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.url, QUrl(QStringLiteral("https://h/v1/ping")));
        const QString said = p.warnings.join(QLatin1Char(' '));
        QVERIFY2(said.contains(QLatin1String("--frobnicate")), qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("Took https://h/v1/ping for the URL")),
                 qPrintable(said));
    }

    void getMovesTheDataIntoTheQuery_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("path");
        QTest::newRow("-G -d -d") << QStringLiteral("curl -G https://h/v1/charges -d limit=3 -d "
                                                    "starting_after=ch_1")
                                  << QStringLiteral("/v1/charges?limit=3&starting_after=ch_1");
        QTest::newRow("--get after a query")
            << QStringLiteral("curl 'https://h/v1/charges?limit=3' --get --data x=1")
            << QStringLiteral("/v1/charges?limit=3&x=1");
        QTest::newRow("--data-urlencode")
            << QStringLiteral("curl -G --data-urlencode 'q=a b&c' https://h/v1/search")
            << QStringLiteral("/v1/search?q=a%20b%26c");
        QTest::newRow("-G alone") << QStringLiteral("curl -G https://h/v1/ping")
                                  << QStringLiteral("/v1/ping");
    }

    void getMovesTheDataIntoTheQuery()
    {
        QFETCH(QString, command);
        QFETCH(QString, path);
        const CurlImport::Parsed p = CurlImport::parse(command);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.request.method, QByteArray("GET"));
        QCOMPARE(p.request.path, path);
        QVERIFY(p.request.body.isEmpty());
        QVERIFY2(p.warnings.isEmpty(), qPrintable(p.warnings.join(QLatin1Char(' '))));
    }

    void headIsAHead()
    {
        for (const QString &command : {QStringLiteral("curl -I https://h/v1/ping"),
                                       QStringLiteral("curl --head https://h/v1/ping"),
                                       QStringLiteral("curl -sI https://h/v1/ping")}) {
            const CurlImport::Parsed p = CurlImport::parse(command);
            QVERIFY2(p.ok, qPrintable(p.error));
            QCOMPARE(p.request.method, QByteArray("HEAD"));
            QCOMPARE(p.request.path, QStringLiteral("/v1/ping"));
        }
        QVERIFY(!CurlImport::parse(QStringLiteral("curl -I -d x https://h/v1/ping")).ok);
    }

    void splitsAnsiCQuoting_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("word");
        QTest::newRow("\\n \\t \\r")
            << QStringLiteral("$'a\\nb\\tc\\rd'") << QStringLiteral("a\nb\tc\rd");
        QTest::newRow("\\\\ \\' \\\"")
            << QStringLiteral("$'\\\\ \\' \\\"'") << QStringLiteral("\\ ' \"");
        QTest::newRow("\\xHH") << QStringLiteral("$'\\x41\\x7a'") << QStringLiteral("Az");
        QTest::newRow("\\xHH bytes of UTF-8")
            << QStringLiteral("$'caf\\xc3\\xa9'") << QStringLiteral("caf\u00e9");
        QTest::newRow("\\0NN octal")
            << QStringLiteral("$'\\060\\061\\0101'") << QStringLiteral("01\b1");
        QTest::newRow("\\NNN octal") << QStringLiteral("$'\\101'") << QStringLiteral("A");
        QTest::newRow("\\uHHHH") << QStringLiteral("$'\\u00e9\\u20ac'")
                                 << QStringLiteral("\u00e9\u20ac");
        QTest::newRow("joined to other quoting")
            << QStringLiteral("pre$'\\t'\"mid\"'post'") << QStringLiteral("pre\tmidpost");
        QTest::newRow("unknown escape kept") << QStringLiteral("$'\\q'") << QStringLiteral("\\q");
        QTest::newRow("$ alone is a dollar") << QStringLiteral("a$b") << QStringLiteral("a$b");
        QTest::newRow("inside double quotes it is literal")
            << QStringLiteral("\"$'x'\"") << QStringLiteral("$'x'");
    }

    void splitsAnsiCQuoting()
    {
        QFETCH(QString, line);
        QFETCH(QString, word);
        QString error;
        const QStringList words = ShellWords::split(line, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(words, QStringList{word});
    }

    void ansiCQuotingFillsTheComposer()
    {
        const CurlImport::Parsed p = CurlImport::parse(
            QStringLiteral("curl https://h/v1/charges -H $'X-Note: caf\\xc3\\xa9' "
                           "--data-raw $'{\"d\":\"it\\'s\"}'"));
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.request.body, QByteArray("{\"d\":\"it's\"}"));
        QCOMPARE(Http::value(p.request.headers, "X-Note"), QByteArray("caf\xc3\xa9"));
        QCOMPARE(ShellWords::split(QStringLiteral("curl $'unclosed"), nullptr), QStringList());
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
        const CurlImport::Parsed p = CurlImport::parse(command);
        QVERIFY(!p.ok);
        QVERIFY(!p.error.isEmpty());
    }

    // -b is dropped (a cookie may hold a session); so is the same cookie given with -H.
    void aCookieHeaderIsDroppedAsCookiesAre()
    {
        const CurlImport::Parsed p = CurlImport::parse(
            QStringLiteral("curl https://h.example/v1/ping -H 'Cookie: sid=s3cr3t' -H 'X-A: 1'"));
        QVERIFY(p.ok);
        QCOMPARE(p.request.headers, HttpHeaders({{"X-A", "1"}}));
        QVERIFY2(p.warnings.join(QLatin1Char(' ')).contains(QLatin1String("Cookie header")),
                 qPrintable(p.warnings.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlimport.moc"
