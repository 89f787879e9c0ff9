#pragma once

#include "core/base/jsontext.h"
#include "core/net/apirequest.h"

#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <memory>

namespace Ui {
class RequestPanel;
}

// The composer: method, path, headers, a JSON body checked as it is typed, and the
// idempotency key the next POST will carry. It says what to send; it sends nothing itself.
class JsonHighlighter;

class RequestPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit RequestPanel(QWidget *parent = nullptr);
    ~RequestPanel() override;

    // The request as it would go out now, in the key mode chosen. For a POST the key shown
    // (generated or typed) is the key sent.
    ApiRequest request() const;
    // Fills the composer from a request (a pasted curl command, a recorded call): empty when
    // done, otherwise why nothing was taken (a method that is no HTTP token). Any token
    // method is shown as it is. The body's bytes are kept exactly: until a person edits the
    // text, the body sent is those bytes, whatever the editor shows in their place (a lone
    // CR, a U+2028, a byte that is not UTF-8). A request without an idempotency key leaves a
    // key typed by hand behind: the next POST gets a new one.
    QString setRequest(const ApiRequest &request);
    // The body as the editor holds it (the recorded bytes while unedited)…
    QByteArray body() const;
    // …and whether it goes with the method chosen: never with GET or HEAD, with DELETE only
    // when "Send the body with DELETE" is ticked.
    bool sendsBody() const;
    // Empty when every header may be sent; otherwise why not, with the offending cell selected.
    QString headerProblem();
    JsonText::Check bodyCheck() const;
    // After a POST went out: a fresh key for the next one (in "New UUID" mode).
    void prepareNextKey();
    // The base URL the path is sent to, shown before it; one that is not on this machine is
    // marked, so that production never looks like the sandbox.
    void setTarget(const QUrl &baseUrl);
    void setInFlight(int calls);
    // The calls of this composer waiting for a rate-limit reset, one line each, kept in sight
    // apart from the progress line; Cancel (Esc) works while there are any.
    void setQueued(const QStringList &lines);
    void setProgress(const QString &text);
    void pasteCurl(const QString &command);
    void focusPath();

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();
    // A pasted command named where it was sent (its scheme, host and port): the composer
    // keeps only its path, so whoever shows the profile says where it will go now.
    void curlPasted(const QUrl &origin);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // The target as wide as a third of the row at most, elided in the middle: a long base
    // URL never squeezes the path field (the whole URL is in its tooltip).
    void fitTarget();
    void updateBodyCheck();
    void updateIdempotencyRow();
    void askForCurl();

    std::unique_ptr<Ui::RequestPanel> m_ui;
    JsonHighlighter *m_highlighter = nullptr;
    QTimer m_checkDelay;
    QByteArray m_uuidKey;
    int m_inFlight = 0;
    int m_queued = 0;
    QByteArray m_loadedBody; // the bytes setRequest() was given…
    QString m_loadedText;    // …and the text the editor shows for them
    QString m_target;        // the target label's whole URL…
    QString m_targetMark;    // …and " (not this machine)" when it is not
};
