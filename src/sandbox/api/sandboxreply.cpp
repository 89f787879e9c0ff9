#include "sandbox/api/sandboxreply.h"

#include "common/http/reasonphrase.h"

#include <QJsonDocument>

QByteArray SandboxReply::header(const QByteArray &name) const
{
    return Http::value(headers, name);
}

void SandboxReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    Http::set(&headers, name, value);
}

QByteArray SandboxReply::wireHead(bool close) const
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + Http::reasonPhrase(status) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(bodySize()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

QByteArray SandboxReply::paddingBytes(qint64 size, qint64 offset, qint64 length)
{
    static const QByteArray head = R"({"object":"padding","data":")";
    static const QByteArray tail = R"("})";
    offset = qBound<qint64>(0, offset, size);
    length = qBound<qint64>(0, length, size - offset);
    const qint64 frame = head.size() + tail.size();
    if (size < frame) {
        QByteArray out(qsizetype(length), ' ');
        if (length > 0 && offset + length == size)
            out[qsizetype(length - 1)] = '0';
        return out;
    }
    QByteArray out(qsizetype(length), 'x');
    const auto overlay = [&](const QByteArray &part, qint64 at) {
        const qint64 from = qMax(at, offset);
        const qint64 to = qMin(at + part.size(), offset + length);
        for (qint64 i = from; i < to; ++i)
            out[qsizetype(i - offset)] = part.at(qsizetype(i - at));
    };
    overlay(head, 0);
    overlay(tail, size - tail.size());
    return out;
}

SandboxReply SandboxReply::ofJson(int status, const QJsonObject &json)
{
    SandboxReply reply;
    reply.status = status;
    reply.json = json;
    return reply;
}

SandboxReply SandboxReply::error(int status, const QString &type, const QString &code,
                                 const QString &message)
{
    return ofJson(status,
                  QJsonObject{{QStringLiteral("error"), QJsonObject{
                                                            {QStringLiteral("type"), type},
                                                            {QStringLiteral("code"), code},
                                                            {QStringLiteral("message"), message},
                                                        }}});
}

void SandboxReply::finish(const QByteArray &requestId)
{
    if (json.isEmpty())
        return;
    if (json.contains(QLatin1String("error"))) {
        QJsonObject error = json.value(QLatin1String("error")).toObject();
        error.insert(QStringLiteral("request_id"), QString::fromLatin1(requestId));
        json.insert(QStringLiteral("error"), error);
    }
    body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    json = {};
    setHeader("Content-Type", "application/json");
}
