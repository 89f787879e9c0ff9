#pragma once

#include "core/net/apirequest.h"
#include "core/net/callrecord.h"
#include "core/net/callroute.h"
#include "core/net/endpoint.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

// One call in flight: sends, follows redirects by the security rules, enforces the timeout
// and the body cap, measures timing, and emits finished() exactly once with the record.
class PendingCall final : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        int timeoutMs = 30000;
        qint64 maxBodyBytes = 256LL * 1024 * 1024;
        int maxRedirects = 5;
        // What Qt may hold back unseen: it keeps a 401 or 407 answer until it is whole, and
        // the client ends a call whose held bytes pass this (ApiClient counts them).
        qint64 maxHeldBackBytes = 16LL * 1024 * 1024;
    };

    PendingCall(QNetworkAccessManager *nam, Endpoint endpoint, ApiRequest request, Limits limits,
                QObject *parent = nullptr);
    ~PendingCall() override;

    const CallRecord &record() const { return m_record; }
    // True once finished() has been emitted (a large record is completed on a worker first).
    bool isFinished() const { return m_emitted; }
    void cancel();
    // Ends the call now, as cancelled with `why` (Pi Console is quitting, say): on its way, its
    // reply is aborted; not yet sent, it is recorded as such. Its key and bytes stay in the
    // record, so it can be retried.
    void abandon(const QString &why);

    // For ApiClient's count of the bytes Qt holds back: true while the current hop's answer
    // has shown no headers yet; the bytes handed to this call (headers and body) since the
    // last time asked; and the end of a call whose answer Qt has been holding past the limit.
    bool awaitingHeaders() const;
    qint64 takeBytesSeen() { return std::exchange(m_bytesSeen, 0); }
    void stopHeldBack();

Q_SIGNALS:
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);
    void finished(const CallRecord &record);

private:
    friend class ApiClient;
    void start();
    void setProxies(std::shared_ptr<CallProxies> proxies) { m_proxies = std::move(proxies); }
    // The manager this call is sent with, kept alive while the call is; its key at the
    // client.
    void keepManager(std::shared_ptr<QNetworkAccessManager> nam, QString key)
    {
        m_namHeld = std::move(nam);
        m_managerKey = std::move(key);
    }
    QString refusalReason() const;
    void sendTo(const QUrl &url, const QByteArray &method, const QByteArray &body, bool withKey);
    void connectTimingMarks(QNetworkReply *reply);
    void onFinished();
    void onReadyRead();
    void onSslErrors(const QList<QSslError> &errors);
    bool followRedirect();
    QString checkBodyLength() const;
    void finish(CallRecord::Outcome outcome, const QString &errorText = {});
    bool m_emitted = false;

    // What finishing a record needs besides the record: for the envelope, the replay check
    // and the redaction. Bodies this large are finished on a worker thread.
    struct Completion
    {
        QString apiKey;
        QByteArray originalRequestId;
        qint64 nowSecs = 0;
    };
    static constexpr qsizetype completeOffThreadBytes = 64 * 1024;
    static constexpr qint64 readBufferBytes = 512 * 1024;
    static CallRecord complete(CallRecord record, const Completion &completion);
    void emitFinished();

    QNetworkAccessManager *m_nam;
    Endpoint m_endpoint;
    ApiRequest m_request;
    Limits m_limits;
    CallRecord m_record;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QElapsedTimer m_elapsed;
    QByteArray m_responseBody; // as read so far
    QUrl m_currentUrl;
    QByteArray m_currentMethod;
    QByteArray m_requestBody; // as sent on the current hop
    QString m_sslDetails;
    std::shared_ptr<CallProxies> m_proxies;
    std::shared_ptr<QNetworkAccessManager> m_namHeld;
    QString m_managerKey;
    CallRoute m_route; // the current hop's
    int m_redirects = 0;
    bool m_sendKey = true;
    bool m_cancelled = false;
    QString m_abandoned; // why the call was abandoned, when it was
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_heldBack = false;
    bool m_headersSeen = false;
    qint64 m_bytesSeen = 0;
    bool m_finished = false;
};
