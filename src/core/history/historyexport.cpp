#include "core/history/historyexport.h"

#include "common/version.h"
#include "core/secrets/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrlQuery>

namespace HistoryExport {

namespace {

QJsonArray harHeaders(const HttpHeaders &headers)
{
    QJsonArray out;
    for (const auto &h : Redaction::headers(headers)) {
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)},
                               {QStringLiteral("value"), QString::fromUtf8(h.second)}});
    }
    return out;
}

// Text when the bytes are UTF-8, base64 otherwise, and then encodingKey says so: HAR 1.2
// defines "encoding" for a response's content; postData has no such member, so there it is
// the custom "_encoding" (HAR's convention for fields of one's own: a leading underscore).
void putText(QJsonObject *content, const QByteArray &bytes, const QString &encodingKey)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError()) {
        content->insert(QStringLiteral("text"), text);
    } else {
        content->insert(QStringLiteral("text"), QString::fromLatin1(bytes.toBase64()));
        content->insert(encodingKey, QStringLiteral("base64"));
    }
}

QString mimeOf(const HttpHeaders &headers)
{
    const QByteArray type = Http::value(headers, "Content-Type");
    return type.isEmpty() ? QStringLiteral("application/octet-stream") : QString::fromLatin1(type);
}

QJsonObject harEntry(const CallRecord &r)
{
    QJsonArray query;
    const QUrlQuery q(r.url);
    for (const auto &item : q.queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{{QStringLiteral("name"), item.first},
                                 {QStringLiteral("value"), item.second}});
    QJsonObject request{
        {QStringLiteral("method"), QString::fromLatin1(r.method)},
        {QStringLiteral("url"), r.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), harHeaders(r.requestHeaders)},
        {QStringLiteral("queryString"), query},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), r.requestBody.size()},
    };
    if (!r.requestBody.isEmpty()) {
        QJsonObject post{{QStringLiteral("mimeType"), mimeOf(r.requestHeaders)}};
        putText(&post, r.requestBody, QStringLiteral("_encoding"));
        request.insert(QStringLiteral("postData"), post);
    }
    QJsonObject content{{QStringLiteral("size"), r.responseBody.size()},
                        {QStringLiteral("mimeType"), mimeOf(r.responseHeaders)}};
    putText(&content, r.responseBody, QStringLiteral("encoding"));
    const QJsonObject response{
        {QStringLiteral("status"), r.status},
        {QStringLiteral("statusText"),
         r.outcome == CallRecord::Outcome::Completed ? QString() : r.errorText},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), harHeaders(r.responseHeaders)},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"),
         QString::fromLatin1(Http::value(r.responseHeaders, "Location"))},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), r.responseBody.size()},
    };
    const qint64 done = std::max<qint64>(0, r.timing.doneMs);
    // HAR's phases from ours: blocked (queued), connect (TLS included), send, wait, receive.
    // A phase not seen is -1 where HAR allows it and 0 where it does not.
    QJsonObject timings{
        {QStringLiteral("blocked"), -1}, {QStringLiteral("dns"), -1},
        {QStringLiteral("connect"), -1}, {QStringLiteral("ssl"), -1},
        {QStringLiteral("send"), 0},     {QStringLiteral("wait"), 0},
        {QStringLiteral("receive"), 0},
    };
    for (const CallTiming::Phase &p : r.timing.phases()) {
        using Kind = CallTiming::Phase::Kind;
        const QString key = QLatin1String(p.kind == Kind::Queued       ? "blocked"
                                          : p.kind == Kind::Connecting ? "connect"
                                          : p.kind == Kind::Sending    ? "send"
                                          : p.kind == Kind::Waiting    ? "wait"
                                                                       : "receive");
        timings.insert(key, std::max<qint64>(0, timings.value(key).toInteger()) + p.durationMs);
    }
    if (r.timing.phases().isEmpty())
        timings.insert(QStringLiteral("wait"), done);
    timings.insert(QStringLiteral("_connectionReused"), !r.timing.newConnection());
    QJsonObject entry{
        {QStringLiteral("_profile"), r.profile},
        {QStringLiteral("startedDateTime"), r.startedUtc.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("time"), done},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("comment"),
         QStringLiteral("request id %1").arg(QString::fromLatin1(r.requestId()))},
    };
    entry.insert(QStringLiteral("_requestId"), QString::fromLatin1(r.requestId()));
    entry.insert(QStringLiteral("_idempotencyKey"), QString::fromLatin1(r.idempotencyKey));
    return entry;
}

} // namespace

QByteArray toHar(const QList<CallRecord> &records)
{
    QJsonArray entries;
    for (const CallRecord &r : records)
        entries.append(harEntry(r));
    const QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Pi Console")},
                     {QStringLiteral("version"), QStringLiteral(PICONSOLE_VERSION)}}},
        {QStringLiteral("entries"), entries},
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

QByteArray toJsonLines(const QList<CallRecord> &records)
{
    QByteArray out;
    for (const CallRecord &r : records) {
        QJsonObject line = harEntry(r);
        line.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("type"), r.envelope.type},
                                {QStringLiteral("code"), r.envelope.code},
                                {QStringLiteral("message"), r.envelope.message}});
        line.insert(QStringLiteral("replayed"), r.replayed);
        out += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

} // namespace HistoryExport
