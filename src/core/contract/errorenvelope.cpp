#include "core/contract/errorenvelope.h"

#include "core/base/translation.h"
#include "core/contract/envelopescan.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

PI_TRANSLATION_CONTEXT("ErrorEnvelope")

namespace {

QString readString(const QJsonObject &error, const char *field, QStringList *problems)
{
    const QJsonValue value = error.value(QLatin1String(field));
    if (value.isUndefined()) {
        problems->append(tr("the envelope has no \"%1\"").arg(QLatin1String(field)));
        return {};
    }
    if (!value.isString()) {
        problems->append(tr("\"%1\" is not a string").arg(QLatin1String(field)));
        // Keep what can be shown: a number or a boolean as text.
        if (value.isDouble())
            return QString::number(value.toDouble());
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return {};
    }
    return value.toString();
}

QString describeBody(const QByteArray &body, const QByteArray &contentType)
{
    if (body.trimmed().isEmpty())
        return tr("the body is empty");
    const QByteArray head = body.left(512).trimmed().toLower();
    if (contentType.toLower().contains("html") || head.startsWith("<!doctype html") ||
        head.startsWith("<html"))
        return tr("the body is an HTML page (a proxy or gateway answered, not Pi)");
    return tr("the body is not JSON");
}

// A field as readString gives it, from where the scan found it: strings by their start only.
QString scannedString(const EnvelopeScan::Field &field, const char *name, QStringList *problems)
{
    using Type = EnvelopeScan::Field::Type;
    switch (field.type) {
    case Type::Missing:
        problems->append(tr("the envelope has no \"%1\"").arg(QLatin1String(name)));
        return {};
    case Type::String: {
        // Read by its start. When that is not all of it, a key may stand half at the cut, in
        // any spelling the redaction knows (an HTML character reference, the longest, takes 12
        // characters a byte): every whole key is redacted first, then the last `margin`
        // characters go, and the half key with them. Cutting any sooner could split a whole
        // key; cutting by a count taken before the redaction could keep the half one.
        // Read further while redacted keys shrink it below what shortened() keeps, so that the
        // text still says it goes on.
        // A key remembered meanwhile (on another thread) may be longer than the margin was
        // made for: then it is all done again with the longer one.
        const qsizetype wanted = ErrorEnvelope::maxMessageChars + 1;
        QString text;
        qsizetype margin = 0;
        for (qsizetype longest = Redaction::longestSecret();;) {
            margin = 16 + 12 * longest;
            for (qsizetype read = wanted + margin;; read *= 2) {
                bool whole = true;
                text = EnvelopeScan::decodeStart(field, read, &whole);
                if (whole)
                    return text;
                text = Redaction::scrub(text);
                if (text.size() - margin >= wanted || read >= 64 * (wanted + margin))
                    break;
            }
            const qsizetype now = Redaction::longestSecret();
            if (now == longest)
                break;
            longest = now;
        }
        qsizetype keep = std::max<qsizetype>(0, text.size() - margin);
        if (keep > 0 && text.at(keep - 1).isHighSurrogate())
            --keep; // never half a character
        text.truncate(keep);
        // Said to go on even when redactions left less than shortened() would cut.
        if (text.size() <= ErrorEnvelope::maxMessageChars)
            text += QStringLiteral("…");
        return text;
    }
    default:
        break;
    }
    problems->append(tr("\"%1\" is not a string").arg(QLatin1String(name)));
    if (field.type == Type::Number)
        return QString::number(field.raw.toByteArray().toDouble());
    if (field.type == Type::True || field.type == Type::False)
        return field.type == Type::True ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

ErrorEnvelope scanned(const QByteArray &body, const QByteArray &contentType)
{
    ErrorEnvelope e;
    e.kind = ErrorEnvelope::Kind::NotEnvelope;
    const EnvelopeScan::Result scan = EnvelopeScan::scan(body);
    if (!scan.json) {
        e.problems.append(describeBody(body, contentType));
        return e;
    }
    if (!scan.object || !scan.errorObject) {
        e.problems.append(tr("the JSON has no \"error\" object"));
        return e;
    }
    e.kind = ErrorEnvelope::Kind::Envelope;
    e.type = scannedString(scan.type, "type", &e.problems);
    e.code = scannedString(scan.code, "code", &e.problems);
    e.message = scannedString(scan.message, "message", &e.problems);
    e.requestId = scannedString(scan.requestId, "request_id", &e.problems);
    return e;
}

} // namespace

ErrorEnvelope ErrorEnvelope::parse(int status, const QByteArray &body,
                                   const QByteArray &contentType)
{
    ErrorEnvelope e;
    if (status < 400)
        return e;
    e.kind = Kind::NotEnvelope;
    if (body.size() >= scanFrom)
        return scanned(body, contentType);

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        e.problems.append(describeBody(body, contentType));
        return e;
    }
    const QJsonValue error = doc.object().value(QLatin1String("error"));
    if (!doc.isObject() || !error.isObject()) {
        e.problems.append(tr("the JSON has no \"error\" object"));
        return e;
    }
    const QJsonObject fields = error.toObject();
    e.kind = Kind::Envelope;
    e.type = readString(fields, "type", &e.problems);
    e.code = readString(fields, "code", &e.problems);
    e.message = readString(fields, "message", &e.problems);
    e.requestId = readString(fields, "request_id", &e.problems);
    return e;
}

QString ErrorEnvelope::shortened(const QString &message)
{
    if (message.size() <= maxMessageChars)
        return message;
    qsizetype cut = maxMessageChars;
    if (message.at(cut - 1).isHighSurrogate())
        --cut; // never half a character
    return message.left(cut) + QStringLiteral("…");
}

QString ErrorEnvelope::hintFor(const QString &code)
{
    if (code == QLatin1String("missing_authorization_header"))
        return tr("No API key was sent. Set a key for this profile; Pi Console sends it as "
                  "\"Authorization: Bearer …\".");
    if (code == QLatin1String("invalid_api_key"))
        return tr("Pi does not accept this key: it is malformed or has been revoked. Check the "
                  "profile's key, or create a new one.");
    if (code == QLatin1String("rate_limit_exceeded"))
        return tr("This key used its budget for the current window. Pi answers 429 until the "
                  "window resets; wait for the countdown or use \"send at reset\".");
    if (code == QLatin1String("idempotency_key_mismatch"))
        return tr("This idempotency key was already used with a different body. Resend the "
                  "original bytes, or use a new key for a new request.");
    return {};
}
