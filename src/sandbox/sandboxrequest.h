#pragma once

#include "httpheaders.h"

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

    // The first header of that name, compared case-insensitively; null when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};
