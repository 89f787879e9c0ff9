#include "support/httpcall.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

QByteArray HttpResult::header(const QByteArray &name) const
{
    return Http::value(headers, name);
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpCall::Headers HttpCall::bearer(const QString &key, Headers more)
{
    more.prepend({"Authorization", "Bearer " + key.toUtf8()});
    return more;
}

HttpResult HttpCall::get(const QUrl &url, const Headers &headers)
{
    return send("GET", url, headers);
}

HttpResult HttpCall::send(const QByteArray &method, const QUrl &url, const Headers &headers,
                          const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(60000);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));

    QBuffer *upload = nullptr;
    if (!body.isNull()) {
        upload = new QBuffer;
        upload->setData(body);
        upload->open(QIODevice::ReadOnly);
    }
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, upload);
    if (upload)
        upload->setParent(reply);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    result.error = reply->error();
    result.errorText = reply->errorString();
    reply->deleteLater();
    return result;
}
