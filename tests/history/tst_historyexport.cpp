// HAR 1.2 checked against the spec, JSON lines, binary bodies in base64 marked encoding /
// _encoding, no key in any export.
#include "core/history/historyexport.h"
#include "support/samplecalls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as its schema states it: the
// required members and their types. A failure message names the path of the first mismatch.
namespace HarSchema {

QString check(const QJsonObject &o, const QString &at, const QStringList &strings,
              const QStringList &numbers, const QStringList &arrays, const QStringList &objects)
{
    for (const QString &k : strings)
        if (!o.value(k).isString())
            return at + QLatin1Char('.') + k + QStringLiteral(" must be a string");
    for (const QString &k : numbers)
        if (!o.value(k).isDouble())
            return at + QLatin1Char('.') + k + QStringLiteral(" must be a number");
    for (const QString &k : arrays)
        if (!o.value(k).isArray())
            return at + QLatin1Char('.') + k + QStringLiteral(" must be an array");
    for (const QString &k : objects)
        if (!o.value(k).isObject())
            return at + QLatin1Char('.') + k + QStringLiteral(" must be an object");
    return {};
}

QString nameValues(const QJsonArray &array, const QString &at)
{
    for (const QJsonValue &v : array) {
        const QString e =
            check(v.toObject(), at, {QStringLiteral("name"), QStringLiteral("value")}, {}, {}, {});
        if (!e.isEmpty())
            return e;
    }
    return {};
}

QString validate(const QJsonDocument &doc)
{
    const QJsonObject log = doc.object().value(QLatin1String("log")).toObject();
    QString e = check(log, QStringLiteral("log"), {QStringLiteral("version")}, {},
                      {QStringLiteral("entries")}, {QStringLiteral("creator")});
    if (!e.isEmpty())
        return e;
    if (log.value(QLatin1String("version")).toString() != QLatin1String("1.2"))
        return QStringLiteral("log.version must be 1.2");
    e = check(log.value(QLatin1String("creator")).toObject(), QStringLiteral("log.creator"),
              {QStringLiteral("name"), QStringLiteral("version")}, {}, {}, {});
    if (!e.isEmpty())
        return e;
    static const QRegularExpression iso(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"));
    for (const QJsonValue &v : log.value(QLatin1String("entries")).toArray()) {
        const QJsonObject entry = v.toObject();
        e = check(entry, QStringLiteral("entry"), {QStringLiteral("startedDateTime")},
                  {QStringLiteral("time")}, {},
                  {QStringLiteral("request"), QStringLiteral("response"), QStringLiteral("cache"),
                   QStringLiteral("timings")});
        if (!e.isEmpty())
            return e;
        if (!iso.match(entry.value(QLatin1String("startedDateTime")).toString()).hasMatch())
            return QStringLiteral("entry.startedDateTime is not ISO 8601");
        const QJsonObject req = entry.value(QLatin1String("request")).toObject();
        e = check(
            req, QStringLiteral("request"),
            {QStringLiteral("method"), QStringLiteral("url"), QStringLiteral("httpVersion")},
            {QStringLiteral("headersSize"), QStringLiteral("bodySize")},
            {QStringLiteral("cookies"), QStringLiteral("headers"), QStringLiteral("queryString")},
            {});
        if (e.isEmpty())
            e = nameValues(req.value(QLatin1String("headers")).toArray(),
                           QStringLiteral("request.headers[]"));
        if (e.isEmpty())
            e = nameValues(req.value(QLatin1String("queryString")).toArray(),
                           QStringLiteral("request.queryString[]"));
        if (e.isEmpty() && req.contains(QLatin1String("postData")))
            e = check(req.value(QLatin1String("postData")).toObject(),
                      QStringLiteral("request.postData"), {QStringLiteral("mimeType")}, {}, {}, {});
        const QJsonObject res = entry.value(QLatin1String("response")).toObject();
        if (e.isEmpty())
            e = check(res, QStringLiteral("response"),
                      {QStringLiteral("statusText"), QStringLiteral("httpVersion"),
                       QStringLiteral("redirectURL")},
                      {QStringLiteral("status"), QStringLiteral("headersSize"),
                       QStringLiteral("bodySize")},
                      {QStringLiteral("cookies"), QStringLiteral("headers")},
                      {QStringLiteral("content")});
        if (e.isEmpty())
            e = check(res.value(QLatin1String("content")).toObject(),
                      QStringLiteral("response.content"), {QStringLiteral("mimeType")},
                      {QStringLiteral("size")}, {}, {});
        if (e.isEmpty())
            e = check(entry.value(QLatin1String("timings")).toObject(), QStringLiteral("timings"),
                      {},
                      {QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive")},
                      {}, {});
        if (!e.isEmpty())
            return e;
    }
    return {};
}

} // namespace HarSchema

class TestHistoryExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void harIsValidAndKeyless()
    {
        CallRecord post = SampleCalls::make(3);
        Http::set(&post.requestHeaders, "authorization", "Bearer pi_this_must_not_leave_1234");
        CallRecord failed = SampleCalls::make(4, 401);
        CallRecord binary = SampleCalls::make(5);
        binary.responseBody = QByteArray("\xff\xfe\x00\x01", 4);
        const QByteArray har = HistoryExport::toHar({post, failed, binary});
        QVERIFY(!har.contains("pi_this_must_not_leave_1234"));

        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(har, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QString problem = HarSchema::validate(doc);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const QJsonArray entries =
            doc.object()[QLatin1String("log")][QLatin1String("entries")].toArray();
        QCOMPARE(entries.size(), 3);
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first[QLatin1String("request")][QLatin1String("postData")][QLatin1String("text")]
                     .toString(),
                 QString::fromUtf8(post.requestBody));
        QCOMPARE(first[QLatin1String("_requestId")].toString(),
                 QString::fromLatin1(post.requestId()));
        const QJsonObject content =
            entries.at(2)
                .toObject()[QLatin1String("response")][QLatin1String("content")]
                .toObject();
        QCOMPARE(content[QLatin1String("encoding")].toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(content[QLatin1String("text")].toString().toLatin1()),
                 binary.responseBody);
    }

    void aBinaryRequestBodyIsMarkedAsBase64()
    {
        CallRecord binary = SampleCalls::make(6);
        binary.requestBody = QByteArray("\x89PNG\r\n\x1a\n\x00\xff", 10);
        binary.responseBody = QByteArray("\xc3\x28", 2); // an invalid UTF-8 sequence
        CallRecord text = SampleCalls::make(9);
        QVERIFY(!text.requestBody.isEmpty());
        const QJsonDocument doc = QJsonDocument::fromJson(HistoryExport::toHar({binary, text}));
        const QString problem = HarSchema::validate(doc);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonArray entries =
            doc.object()[QLatin1String("log")][QLatin1String("entries")].toArray();
        QCOMPARE(entries.size(), 2);

        const QJsonObject post =
            entries.at(0)
                .toObject()[QLatin1String("request")][QLatin1String("postData")]
                .toObject();
        QCOMPARE(post[QLatin1String("_encoding")].toString(), QStringLiteral("base64"));
        QVERIFY(!post.contains(QLatin1String("encoding"))); // not a member HAR defines there
        QCOMPARE(QByteArray::fromBase64(post[QLatin1String("text")].toString().toLatin1()),
                 binary.requestBody);
        const QJsonObject content =
            entries.at(0)
                .toObject()[QLatin1String("response")][QLatin1String("content")]
                .toObject();
        QCOMPARE(content[QLatin1String("encoding")].toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(content[QLatin1String("text")].toString().toLatin1()),
                 binary.responseBody);

        // UTF-8 stays text, unmarked.
        const QJsonObject textEntry = entries.at(1).toObject();
        const QJsonObject textPost =
            textEntry[QLatin1String("request")][QLatin1String("postData")].toObject();
        QVERIFY(!textPost.contains(QLatin1String("_encoding")));
        QCOMPARE(textPost[QLatin1String("text")].toString(), QString::fromUtf8(text.requestBody));
        QVERIFY(!textEntry[QLatin1String("response")][QLatin1String("content")].toObject().contains(
            QLatin1String("encoding")));
    }

    void jsonLinesSayHowABinaryBodyIsEncoded()
    {
        CallRecord binary = SampleCalls::make(6);
        binary.requestBody = QByteArray("\x00\x01\xfe\xff", 4);
        binary.responseBody = QByteArray("\xff", 1);
        const QByteArray lines = HistoryExport::toJsonLines({binary});
        const QList<QByteArray> split = lines.trimmed().split('\n');
        QCOMPARE(split.size(), 1);
        const QJsonObject line = QJsonDocument::fromJson(split.at(0)).object();
        const QJsonObject post =
            line[QLatin1String("request")][QLatin1String("postData")].toObject();
        QCOMPARE(post[QLatin1String("_encoding")].toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(post[QLatin1String("text")].toString().toLatin1()),
                 binary.requestBody);
        const QJsonObject content =
            line[QLatin1String("response")][QLatin1String("content")].toObject();
        QCOMPARE(content[QLatin1String("encoding")].toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(content[QLatin1String("text")].toString().toLatin1()),
                 binary.responseBody);
    }

    void schemaCheckerCatchesABrokenHar()
    {
        QJsonObject broken{{QStringLiteral("log"), QJsonObject{{QStringLiteral("version"), 1.2}}}};
        QVERIFY(!HarSchema::validate(QJsonDocument(broken)).isEmpty());
    }

    void jsonLinesOneCallPerLine()
    {
        const QByteArray lines = HistoryExport::toJsonLines(
            {SampleCalls::make(1),
             SampleCalls::make(2, 429, QStringLiteral("rate_limit_exceeded"))});
        const QList<QByteArray> split = lines.trimmed().split('\n');
        QCOMPARE(split.size(), 2);
        const QJsonObject second = QJsonDocument::fromJson(split.at(1)).object();
        QCOMPARE(second[QLatin1String("error")][QLatin1String("code")].toString(),
                 QStringLiteral("rate_limit_exceeded"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryExport)
#include "tst_historyexport.moc"
