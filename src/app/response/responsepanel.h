#pragma once

#include "core/contract/failuresummary.h"
#include "core/net/callrecord.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class ResponsePanel;
}

// One call's answer: status, the request ID with a copy button, a one-line summary of why
// it failed with the action that helps, an error card with a hint for each code Pi
// documents, a replay badge, the body, the headers and where the time went; and the
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
    // Copies the shown call's request ID, and says "Copied" by its Copy button.
    void copyRequestId();
    // The body's find field, as Edit → Find in response body (Ctrl+F) asks.
    void focusFind();
    // How to find the first call made with a call's idempotency key (id 0 when the history
    // does not have it): the 409 summary says when it was made.
    void setOriginalFinder(std::function<CallRecord(const CallRecord &)> finder);

Q_SIGNALS:
    void retryRequested(const CallRecord &record);
    // The replay badge was followed: show the first call made with this idempotency key.
    void openOriginalRequested(const QByteArray &idempotencyKey);
    // Compare this call with the first one made with its idempotency key.
    void compareWithOriginalRequested(const CallRecord &record);
    // The failure summary's action button (anything but Compare, which is the signal above).
    void summaryActionRequested(FailureSummary::Action action, const CallRecord &record);

protected:
    void changeEvent(QEvent *event) override;

private:
    void colourStatus();
    void copySupportDetails();
    void copyCurl();
    void showError(const CallRecord &r);
    void showSummary(const CallRecord &r);

    std::unique_ptr<Ui::ResponsePanel> m_ui;
    CallRecord m_record;
    FailureSummary m_summary;
    std::function<CallRecord(const CallRecord &)> m_findOriginal;
};
