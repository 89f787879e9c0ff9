// Every encoding of a key found and replaced, ordinary text left alone, every field of a record
// cleaned, log lines of every category cleaned, a key the placeholder would spell still gone.
#include "core/secrets/redaction.h"

#include <QLoggingCategory>
#include <QTest>

// The one redaction step: a key in any of its common encodings, in any field of a call, in a
// log line of any category, is replaced; text without a key comes out untouched.
class TestRedaction : public QObject
{
    Q_OBJECT

private:
    const QByteArray m_key = "pi_redaction_test_key_7Q2";

    static QStringList &captured()
    {
        static QStringList lines;
        return lines;
    }

    static QByteArray encodedEveryChar(const QByteArray &text, const QByteArray &prefix)
    {
        QByteArray out;
        for (const char c : text)
            out += prefix + QByteArray(1, c).toHex();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The app's own handler stands in for the terminal: it captures what would be printed.
        qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { captured().append(m); });
        Redaction::installLogFilter();
        Redaction::rememberSecret(QString::fromUtf8(m_key));
    }

    void everyEncodingIsFound_data()
    {
        QTest::addColumn<QByteArray>("data");
        const QByteArray k = m_key;
        const auto row = [](const char *name, const QByteArray &data) {
            QTest::newRow(name) << data;
        };
        row("plain", "a=" + k + "&b");
        row("percent, one character", "a=pi%5Fredaction_test_key_7Q2");
        row("percent, all", "a=" + encodedEveryChar(k, "%"));
        row("percent, twice", "a=" + encodedEveryChar(k, "%25"));
        row("percent, three times", "a=" + encodedEveryChar(k, "%2525"));
        row("JSON \\u", "{\"a\":\"" + encodedEveryChar(k, "\\u00") + "\"}");
        row("JSON \\u, one character", "{\"a\":\"pi\\u005fredaction_test_key_7Q2\"}");
        for (int shift = 0; shift < 3; ++shift) {
            const QByteArray pad(shift, 'x');
            QTest::addRow("base64 at %d", shift) << QByteArray(pad + k + "tail").toBase64();
            QTest::addRow("base64url at %d", shift)
                << QByteArray(pad + k + "?>?").toBase64(QByteArray::Base64UrlEncoding);
        }
        row("Basic", "Authorization: Basic " + QByteArray(k + ':').toBase64());
        row("hex", "k=" + k.toHex());
        row("HEX", "k=" + k.toHex().toUpper());
        QByteArray decimal, hexRefs;
        for (const char c : k) {
            decimal += "&#" + QByteArray::number(int(c)) + ';';
            hexRefs += "&#x" + QByteArray::number(int(c), 16) + ';';
        }
        row("HTML &#NN;", "<p>" + decimal + "</p>");
        row("HTML &#xHH;", "<p>" + hexRefs + "</p>");
    }

    void everyEncodingIsFound()
    {
        QFETCH(QByteArray, data);
        const SecretPattern pattern(m_key);
        QVERIFY2(pattern.occursIn(data), data.constData());
        const QByteArray clean = Redaction::scrub(data);
        QVERIFY2(!pattern.occursIn(clean), clean.constData());
        QVERIFY(clean.contains(Redaction::placeholder));
    }

    void aByteSpelledTwoWaysIsTriedBothWays()
    {
        // "%" as itself or as %25: a key holding it, percent-encoded, must still be found.
        const SecretPattern percent("pi_a%Bey_12345");
        QVERIFY(percent.occursIn(QByteArray("x=pi_a%25Bey_12345")));
        QVERIFY(percent.occursIn(QByteArray("x=pi_a%Bey_12345")));
        const SecretPattern backslash("pi_\\\\u0070_key");
        QVERIFY(backslash.occursIn(QByteArray("pi_\\\\u0070_key")));
        // Character references too large for an int are no spelling of anything.
        const SecretPattern ampersand("pi_abc&defgh");
        QVERIFY(!ampersand.occursIn(QByteArray("pi_abc&#xFFFFFFFF;defgh pi_abc&#99999999;defgh")));
        QVERIFY(ampersand.occursIn(QByteArray("pi_abc&#38;defgh")));
        // Many ways to spell many backslashes: found or not, in time, not exponentially.
        const SecretPattern slashes(QByteArray(QByteArray(40, '\\') + "x"));
        QVERIFY(!slashes.occursIn(QByteArray(4000, '\\')));
        QVERIFY(slashes.occursIn(QByteArray(QByteArray(80, '\\') + "x")));
    }

    void ordinaryTextIsLeftAlone()
    {
        const QByteArray text = "{\"amount\":1250,\"currency\":\"eur\",\"note\":\"pi_other%20key "
                                "\\u0070i_redaction\"} cGlfcmVk";
        QCOMPARE(Redaction::scrub(text), text);
        const QString s = QString::fromUtf8(text);
        QCOMPARE(Redaction::scrub(s), s);
        QVERIFY(!SecretPattern("abc").isValid()); // too short to tell from ordinary text
    }

    void aSecretThatOverlapsThePlaceholderIsStillGone_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("inside the placeholder") << QByteArray("acted") << QByteArray("x acted y");
        QTest::newRow("placeholder's end and the text after")
            << QByteArray("d]bc") << QByteArray("d]bcbc");
        QTest::newRow("every fill character") << QByteArray("#~!*[") << QByteArray("a#~!*[b");
    }

    void aSecretThatOverlapsThePlaceholderIsStillGone()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, data);
        const SecretPattern pattern(secret);
        const QByteArray clean = pattern.replaced(data, Redaction::placeholder);
        QVERIFY2(!clean.contains(secret) && !pattern.occursIn(clean), clean.constData());
    }

    void aKeyThePlaceholderOfAnotherKeySpellsIsStillGone()
    {
        Redaction::rememberSecret(QStringLiteral("pi_other_key_for_overlap"));
        const QByteArray clean =
            Redaction::bytes(QByteArray("x pi_other_key_for_overlap y"), QStringLiteral("acted"));
        QVERIFY2(!clean.contains("acted") && !clean.contains("pi_other"), clean.constData());
    }

    void everyFieldOfARecordIsCleaned()
    {
        const QString other = QStringLiteral("pi_only_this_call_key_99");
        const QByteArray k = other.toUtf8();
        CallRecord r;
        r.method = "POST";
        r.profile = QStringLiteral("pasted ") + other;
        r.url = QUrl::fromEncoded("https://api.pi.example/v1/x?api_key=" + k);
        r.requestHeaders = {{"Authorization", "Bearer " + k}, {"X-Note", "n " + k}};
        r.requestBody = "{\"k\":\"" + k + "\"}";
        r.idempotencyKey = k;
        r.errorText = QStringLiteral("refused: ") + other;
        r.responseHeaders = {{"Set-Cookie", "s=" + k}, {"X-Echo", QByteArray(k + ":").toBase64()}};
        r.responseBody = "{\"error\":{\"message\":\"bad key " + k + "\"}}";
        r.headerRequestId = "req_" + k;
        r.envelope.type = other;
        r.envelope.code = other;
        r.envelope.message = QStringLiteral("The key %1 is revoked").arg(other);
        r.envelope.requestId = other;
        r.envelope.problems = {other};
        r.contractProblems = {other};
        r.notes = {other};

        const CallRecord clean = Redaction::record(r, other);
        const SecretPattern pattern(k);
        QVERIFY(!pattern.occursIn(clean.url.toEncoded()));
        QVERIFY(
            !pattern.occursIn(QByteArray(clean.method + clean.requestBody + clean.idempotencyKey +
                                         clean.responseBody + clean.headerRequestId)));
        for (const auto &h : clean.requestHeaders + clean.responseHeaders)
            QVERIFY2(!pattern.occursIn(h.second), h.first.constData());
        QCOMPARE(Http::value(clean.requestHeaders, "Authorization"), "Bearer [redacted]");
        const QString texts = clean.profile + clean.errorText + clean.envelope.type +
                              clean.envelope.code + clean.envelope.message +
                              clean.envelope.requestId + clean.envelope.problems.join(QString()) +
                              clean.contractProblems.join(QString()) + clean.notes.join(QString());
        QVERIFY2(!texts.contains(other), qPrintable(texts));
        QCOMPARE(clean.envelope.message, QStringLiteral("The key [redacted] is revoked"));
        QCOMPARE(clean.url.query(), QStringLiteral("api_key=[redacted]"));
    }

    void logLinesOfEveryCategoryAreCleaned()
    {
        captured().clear();
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        const QLoggingCategory category("pi.core.net");
        qCDebug(category) << "path" << QString::fromUtf8("/v1/ping?api_key=" + m_key);
        qWarning("header %s",
                 QByteArray("Basic " + QByteArray(m_key + ':').toBase64()).constData());
        QCOMPARE(captured().size(), 2);
        for (const QString &line : captured()) {
            QVERIFY2(!SecretPattern(m_key).occursIn(line.toUtf8()), qPrintable(line));
            QVERIFY2(line.contains(QLatin1String("[redacted]")), qPrintable(line));
        }
    }

    void aBodyFullOfKeysIsScannedOnce()
    {
        // Each match once searched the whole rest of the body again: 80,000 copies in 1 MB
        // took a minute. Now one pass.
        QByteArray body = "[";
        for (int i = 0; i < 40000; ++i)
            body += '"' + m_key + "\",";
        body += "0]";
        const QByteArray clean = Redaction::scrub(body);
        QVERIFY(!clean.contains(m_key));
        QCOMPARE(clean.count(Redaction::placeholder), 40000);
    }

    void hugeBodiesAreScannedWhole()
    {
        QByteArray body(20 * 1024 * 1024, 'x');
        body.replace(body.size() - 100, m_key.size(), m_key);
        const QByteArray clean = Redaction::scrub(body);
        QVERIFY(!clean.contains(m_key));
        QCOMPARE(clean.size(), body.size() - m_key.size() + Redaction::placeholder.size());
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
