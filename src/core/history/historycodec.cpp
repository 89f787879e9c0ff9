#include "core/history/historycodec.h"

#include "core/history/boundedinflate.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>

namespace HistoryCodec {

namespace {

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QVariant latin1OrNull(const QByteArray &s)
{
    return textOrNull(QString::fromLatin1(s));
}

constexpr int responseCompressed = 1;
constexpr int requestCompressed = 2;
constexpr qsizetype compressAbove = 1024;

// The bytes to store, compressed when that is worth it; *encoding gains `flag` then.
QByteArray packed(const QByteArray &body, int flag, int *encoding)
{
    if (body.size() <= compressAbove)
        return body.isNull() ? QByteArray("") : body;
    QByteArray z = qCompress(body, 6);
    if (z.size() >= body.size())
        return body;
    *encoding |= flag;
    return z;
}

QByteArray unpacked(const QByteArray &stored, bool compressed, QStringList *notes)
{
    if (!compressed)
        return stored;
    const BoundedInflate::Result body = BoundedInflate::inflate(stored, maxBodyBytes);
    if (!body.ok) {
        notes->append(QCoreApplication::translate(
            "HistoryCodec", "A body stored in the history could not be decompressed."));
        return {};
    }
    if (body.cut)
        notes->append(QCoreApplication::translate("HistoryCodec",
                                                  "A body stored in the history is larger than "
                                                  "%1 MB once decompressed: only its start is "
                                                  "kept here.")
                          .arg(maxBodyBytes / (1024 * 1024)));
    return body.bytes;
}

} // namespace

QByteArray headersToJson(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const auto &h : headers)
        array.append(QJsonArray{QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

HttpHeaders headersFromJson(const QByteArray &json)
{
    HttpHeaders out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : array) {
        const QJsonArray pair = v.toArray();
        out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return out;
}

QString insertSql()
{
    return QStringLiteral(
        "INSERT INTO calls (started_ms, profile, method, url, path, status, outcome, "
        "duration_ms, request_id, header_request_id, error_type, error_code, error_message, "
        "error_text, idempotency_key, retry_of, replayed, rl_limit, rl_remaining, rl_reset, "
        "rl_wait, request_headers, request_body, response_headers, response_body, "
        "response_size, response_truncated, details, body_encoding) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

void bind(QSqlQuery &q, const CallRecord &r, qint64 responseBodyCap)
{
    const bool truncated = r.responseTruncated || r.responseBody.size() > responseBodyCap;
    QJsonObject details{
        {QStringLiteral("contract"), QJsonArray::fromStringList(r.contractProblems)},
        {QStringLiteral("notes"), QJsonArray::fromStringList(r.notes)},
        {QStringLiteral("envelope_kind"), int(r.envelope.kind)},
        {QStringLiteral("envelope_problems"), QJsonArray::fromStringList(r.envelope.problems)},
        {QStringLiteral("request_id_mismatch"), r.requestIdMismatch},
        {QStringLiteral("first_byte_ms"), r.timing.firstByteMs},
        {QStringLiteral("sent_ms"), r.timing.sentMs},
        {QStringLiteral("connected_ms"), r.timing.connectStartMs},
        {QStringLiteral("encrypted_ms"), r.timing.encryptedMs},
        {QStringLiteral("body_start_ms"), r.timing.bodyStartMs},
        {QStringLiteral("proxy"), r.proxy},
        {QStringLiteral("key_mask"), r.keyMask},
        {QStringLiteral("rl_from_retry_after"), r.rateLimit.fromRetryAfter},
        {QStringLiteral("rl_problems"), QJsonArray::fromStringList(r.rateLimit.problems)},
        {QStringLiteral("profile_id"), r.profileId},
    };
    const auto optionalInt = [](qint64 v) {
        return v >= 0 ? QVariant(v) : QVariant(QMetaType::fromType<qint64>());
    };
    int i = 0;
    q.bindValue(i++, r.startedUtc.toMSecsSinceEpoch());
    q.bindValue(i++, r.profile);
    q.bindValue(i++, QString::fromLatin1(r.method));
    q.bindValue(i++, r.url.toString(QUrl::FullyEncoded));
    q.bindValue(i++, QString(r.url.path() +
                             (r.url.hasQuery() ? QLatin1Char('?') + r.url.query() : QString())));
    q.bindValue(i++, r.status);
    q.bindValue(i++, int(r.outcome));
    q.bindValue(i++, std::max<qint64>(0, r.timing.doneMs));
    q.bindValue(i++, latin1OrNull(r.requestId()));
    q.bindValue(i++, latin1OrNull(r.headerRequestId));
    q.bindValue(i++, textOrNull(r.envelope.type));
    q.bindValue(i++, textOrNull(r.envelope.code));
    q.bindValue(i++, textOrNull(r.envelope.message));
    q.bindValue(i++, textOrNull(r.errorText));
    q.bindValue(i++, latin1OrNull(r.idempotencyKey));
    q.bindValue(i++, r.retryOf ? QVariant(r.retryOf) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(i++, r.replayed ? 1 : 0);
    q.bindValue(i++, optionalInt(r.rateLimit.limit));
    q.bindValue(i++, optionalInt(r.rateLimit.remaining));
    q.bindValue(i++, r.rateLimit.resetUnix ? QVariant(r.rateLimit.resetUnix)
                                           : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(i++, optionalInt(r.rateLimit.waitSecs));
    q.bindValue(i++, QString::fromUtf8(headersToJson(r.requestHeaders)));
    int encoding = 0;
    q.bindValue(i++, packed(r.requestBody, requestCompressed, &encoding));
    q.bindValue(i++, QString::fromUtf8(headersToJson(r.responseHeaders)));
    q.bindValue(i++, packed(truncated ? r.responseBody.left(responseBodyCap) : r.responseBody,
                            responseCompressed, &encoding));
    q.bindValue(i++, r.responseBody.size());
    q.bindValue(i++, truncated ? 1 : 0);
    q.bindValue(i++, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    q.bindValue(i++, encoding);
}

QString rowColumns()
{
    return QStringLiteral(
        "calls.id, calls.started_ms, calls.profile, calls.method, calls.path, "
        "calls.status, calls.outcome, calls.duration_ms, calls.request_id, "
        "calls.error_code, calls.idempotency_key, calls.retry_of, calls.replayed, calls.pinned, "
        "calls.pin_name");
}

HistoryRow rowFrom(const QSqlQuery &q)
{
    HistoryRow row;
    row.id = q.value(0).toLongLong();
    row.startedMs = q.value(1).toLongLong();
    row.profile = q.value(2).toString();
    row.method = q.value(3).toString().toLatin1();
    row.path = q.value(4).toString();
    row.status = q.value(5).toInt();
    row.outcome = q.value(6).toInt();
    row.durationMs = q.value(7).toLongLong();
    row.requestId = q.value(8).toString().toLatin1();
    row.errorCode = q.value(9).toString();
    row.idempotencyKey = q.value(10).toString().toLatin1();
    row.retryOf = q.value(11).toLongLong();
    row.replayed = q.value(12).toInt() != 0;
    row.pinned = q.value(13).toInt() != 0;
    row.pinName = q.value(14).toString();
    return row;
}

CallRecord recordFrom(const QSqlQuery &q)
{
    return unpack(packedRecordFrom(q));
}

CallRecord unpack(Packed packed)
{
    CallRecord r = std::move(packed.record);
    QStringList bodyNotes;
    r.requestBody = unpacked(packed.requestBody, packed.requestCompressed, &bodyNotes);
    r.responseBody = unpacked(packed.responseBody, packed.responseCompressed, &bodyNotes);
    r.notes += bodyNotes;
    return r;
}

Packed packedRecordFrom(const QSqlQuery &q)
{
    Packed packed;
    const QSqlRecord rec = q.record();
    const auto v = [&](const char *name) {
        return q.value(rec.indexOf(QLatin1String(name)));
    };
    CallRecord r;
    r.id = v("id").toLongLong();
    r.startedUtc = QDateTime::fromMSecsSinceEpoch(v("started_ms").toLongLong(), Qt::UTC);
    r.profile = v("profile").toString();
    r.method = v("method").toString().toLatin1();
    r.url = QUrl::fromEncoded(v("url").toString().toLatin1());
    r.status = v("status").toInt();
    r.outcome = CallRecord::Outcome(v("outcome").toInt());
    r.timing.doneMs = v("duration_ms").toLongLong();
    r.headerRequestId = v("header_request_id").toString().toLatin1();
    r.envelope.type = v("error_type").toString();
    r.envelope.code = v("error_code").toString();
    r.envelope.message = v("error_message").toString();
    r.envelope.requestId = v("request_id").toString();
    r.errorText = v("error_text").toString();
    r.idempotencyKey = v("idempotency_key").toString().toLatin1();
    r.retryOf = v("retry_of").toLongLong();
    r.replayed = v("replayed").toInt() != 0;
    r.rateLimit.limit = v("rl_limit").isNull() ? -1 : v("rl_limit").toInt();
    r.rateLimit.remaining = v("rl_remaining").isNull() ? -1 : v("rl_remaining").toInt();
    r.rateLimit.resetUnix = v("rl_reset").toLongLong();
    r.rateLimit.waitSecs = v("rl_wait").isNull() ? -1 : v("rl_wait").toLongLong();
    r.requestHeaders = headersFromJson(v("request_headers").toString().toUtf8());
    const int encoding = v("body_encoding").toInt();
    packed.requestBody = v("request_body").toByteArray();
    packed.requestCompressed = encoding & requestCompressed;
    r.responseHeaders = headersFromJson(v("response_headers").toString().toUtf8());
    packed.responseBody = v("response_body").toByteArray();
    packed.responseCompressed = encoding & responseCompressed;
    r.responseTruncated = v("response_truncated").toInt() != 0;
    r.pinned = v("pinned").toInt() != 0;
    r.pinName = v("pin_name").toString();

    const QJsonObject details = QJsonDocument::fromJson(v("details").toString().toUtf8()).object();
    const auto list = [&details](const char *key) {
        QStringList out;
        for (const QJsonValue &x : details.value(QLatin1String(key)).toArray())
            out.append(x.toString());
        return out;
    };
    r.contractProblems = list("contract");
    r.notes = list("notes");
    r.envelope.kind = ErrorEnvelope::Kind(details.value(QLatin1String("envelope_kind")).toInt());
    r.envelope.problems = list("envelope_problems");
    if (!r.envelope.isEnvelope())
        r.envelope.requestId.clear();
    r.requestIdMismatch = details.value(QLatin1String("request_id_mismatch")).toBool();
    r.timing.firstByteMs = details.value(QLatin1String("first_byte_ms")).toInteger(-1);
    r.timing.sentMs = details.value(QLatin1String("sent_ms")).toInteger(-1);
    r.timing.connectStartMs = details.value(QLatin1String("connected_ms")).toInteger(-1);
    r.timing.encryptedMs = details.value(QLatin1String("encrypted_ms")).toInteger(-1);
    r.timing.bodyStartMs = details.value(QLatin1String("body_start_ms")).toInteger(-1);
    r.proxy = details.value(QLatin1String("proxy")).toString();
    r.keyMask = details.value(QLatin1String("key_mask")).toString();
    r.rateLimit.fromRetryAfter = details.value(QLatin1String("rl_from_retry_after")).toBool();
    r.rateLimit.problems = list("rl_problems");
    r.profileId = details.value(QLatin1String("profile_id")).toString();
    r.rateLimit.tooManyRequests = r.status == 429;
    packed.record = std::move(r);
    return packed;
}

} // namespace HistoryCodec
