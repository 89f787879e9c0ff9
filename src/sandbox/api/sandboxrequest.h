#pragma once

#include "common/http/headerlist.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

// One HTTP request as the sandbox's API logic sees it, free of any transport.
struct SandboxRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    HttpHeaders headers;
    QByteArray body;
    // The body size the head declares (Content-Length) when the body is not read yet; -1
    // when unknown. The size checks take the larger of this and body.size().
    qint64 declaredBodySize = -1;

    // The first header of that name, compared case-insensitively; null when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};
