#pragma once

#include "callrecord.h"

#include <QWidget>

#include <memory>

namespace Ui {
class ResponsePanel;
}

// One call's answer: status, timing, the request ID with a copy button, an error card with
// a hint for each code Pi documents, a replay badge, the headers and the body; and the
// one-click actions a person debugging a failure reaches for.
class ResponsePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ResponsePanel(QWidget *parent = nullptr);
    ~ResponsePanel() override;

    void showCall(const CallRecord &record);
    void showInFlight(const QString &text);
    // The history stored the call shown: keep its id, for retries and links.
    void noteStored(const CallRecord &stored);
    const CallRecord &record() const { return m_record; }

Q_SIGNALS:
    void retryRequested(const CallRecord &record);
    // The replay badge was followed: show the first call made with this idempotency key.
    void openOriginalRequested(const QByteArray &idempotencyKey);

private:
    void copyRequestId();
    void copySupportDetails();
    void copyCurl();
    void showError(const CallRecord &r);

    std::unique_ptr<Ui::ResponsePanel> m_ui;
    CallRecord m_record;
};
