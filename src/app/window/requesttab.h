#pragma once

#include "core/contract/failuresummary.h"
#include "core/net/callrecord.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class PendingCall;
class QSplitter;
class RequestPanel;
class ResponsePanel;
class Session;
struct ApiRequest;
struct Resend;

// One request being worked on: its composer, its response, the calls it sent that are still
// on their way and the progress of those. A window holds as many as it likes; they share
// nothing but the Session, which decides where each call goes and with which key.
class RequestTab final : public QWidget
{
    Q_OBJECT

public:
    explicit RequestTab(Session *session, QWidget *parent = nullptr);

    RequestPanel *requestPanel() const { return m_requestPanel; }
    ResponsePanel *responsePanel() const { return m_responsePanel; }
    QSplitter *splitter() const { return m_splitter; }

    // Send, as the button does: the composer's request to the current profile, after the
    // warnings a body that is not JSON or a spent rate limit call for.
    void send();
    // Retry with the same idempotency key, to the profile the call went to.
    void retry(const CallRecord &record);
    // A recorded call in the composer, as a new call (it gets a new key).
    void openInComposer(const CallRecord &record);
    void showCall(const CallRecord &record);
    void cancel();

Q_SIGNALS:
    // What only the window can do: a notice above the panels, the Profiles dialog, the
    // history's row of the call that first used a key.
    void noticeRequested(const QString &text);
    void profilesRequested();
    void originalRequested(const QByteArray &idempotencyKey);
    // A pasted curl command was for another origin than the current profile's.
    void otherOriginPasted(const QUrl &origin);

private:
    void sendNow(const ApiRequest &request);
    void resend(const Resend &plan);
    void compareWithOriginal(const CallRecord &record);
    void onSummaryAction(FailureSummary::Action action, const CallRecord &record);
    // What the Session calls once a call of this tab is on its way.
    std::function<void(PendingCall *)> startedHere();
    void track(PendingCall *call);
    void onCallFinished(const CallRecord &record);
    void updateProgress();
    void updateQueuedNotice();

    Session *m_session;
    QSplitter *m_splitter;
    RequestPanel *m_requestPanel;
    ResponsePanel *m_responsePanel;
    QList<QPointer<PendingCall>> m_inFlight;
    QElapsedTimer m_since;
    QTimer m_progressTimer;
    qint64 m_received = 0;
    QDateTime m_newestShown;  // when the newest call shown on finishing was started
    QTimer m_queuedCountdown; // the queued sends' "in 0:41", once a second
};
