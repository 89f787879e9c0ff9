#pragma once

#include "common/http/headerlist.h"

#include <QByteArray>
#include <QJsonObject>

// One HTTP response as the sandbox means to send it, before any transport fault.
struct SandboxReply
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    QJsonObject json; // serialised into body when the reply is finished
    bool dropMidBody = false;
    int latencyMs = 0;
    // When >= 0, the body is not held in `body` but generated while it is sent: the padding
    // JSON of exactly this many bytes (the size= fault, up to 100 MB).
    qint64 paddingSize = -1;

    qint64 bodySize() const { return paddingSize >= 0 ? paddingSize : body.size(); }
    // The status line and headers as sent, with Content-Length (and Connection: close), up to
    // and including the blank line.
    QByteArray wireHead(bool close) const;
    // Bytes [offset, offset + length) of the padding JSON of `size` bytes:
    // {"object":"padding","data":"xxx…"}, or spaces and a 0 when size is below its frame.
    static QByteArray paddingBytes(qint64 size, qint64 offset, qint64 length);

    QByteArray header(const QByteArray &name) const;
    void setHeader(const QByteArray &name, const QByteArray &value);

    static SandboxReply ofJson(int status, const QJsonObject &json);
    // A Pi error envelope; its request_id is filled in when the reply is finished.
    static SandboxReply error(int status, const QString &type, const QString &code,
                              const QString &message);
    // Serialises json into body, stamping the request id into an error envelope.
    void finish(const QByteArray &requestId);
};
