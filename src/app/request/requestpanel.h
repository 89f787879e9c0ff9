#pragma once

#include "core/base/jsontext.h"
#include "core/net/apirequest.h"

#include <QTimer>
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
    void setRequest(const ApiRequest &request);
    QByteArray body() const;
    // Empty when every header may be sent; otherwise why not, with the offending cell selected.
    QString headerProblem();
    JsonText::Check bodyCheck() const;
    // After a POST went out: a fresh key for the next one (in "New UUID" mode).
    void prepareNextKey();
    void setInFlight(int calls);
    void setProgress(const QString &text);
    void pasteCurl(const QString &command);

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateBodyCheck();
    void updateIdempotencyRow();
    void askForCurl();

    std::unique_ptr<Ui::RequestPanel> m_ui;
    JsonHighlighter *m_highlighter = nullptr;
    QTimer m_checkDelay;
    QByteArray m_uuidKey;
};
