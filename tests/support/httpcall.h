#pragma once

#include "core/net/httpheaders.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

// A blocking HTTP exchange for tests: send one request over real HTTP, wait, keep everything.
struct HttpResult
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QJsonObject envelope() const { return json().value(QLatin1String("error")).toObject(); }
};

class HttpCall final
{
public:
    using Headers = HttpHeaders;

    HttpResult get(const QUrl &url, const Headers &headers = {});
    HttpResult send(const QByteArray &method, const QUrl &url, const Headers &headers,
                    const QByteArray &body = {});

    static Headers bearer(const QString &key, Headers more = {});

private:
    QNetworkAccessManager m_nam;
};
