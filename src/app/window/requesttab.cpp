#include "app/window/requesttab.h"

#include "app/common/logging.h"
#include "app/compare/callcomparisondialog.h"
#include "app/request/requestpanel.h"
#include "app/response/responsepanel.h"
#include "app/window/sendwarnings.h"
#include "core/base/readable.h"
#include "core/contract/retryplan.h"
#include "core/net/idempotencykeys.h"
#include "core/net/pendingcall.h"
#include "core/net/sendpolicy.h"
#include "core/ratelimit/ratelimittracker.h"
#include "core/session/session.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QSplitter>

RequestTab::RequestTab(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_requestPanel(new RequestPanel(m_splitter))
    , m_responsePanel(new ResponsePanel(m_splitter))
{
    m_splitter->setObjectName(QStringLiteral("horizontalSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_requestPanel->setObjectName(QStringLiteral("requestPanel"));
    m_responsePanel->setObjectName(QStringLiteral("responsePanel"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_requestPanel, &RequestPanel::sendRequested, this, &RequestTab::send);
    connect(m_requestPanel, &RequestPanel::cancelRequested, this, &RequestTab::cancel);
    connect(m_requestPanel, &RequestPanel::curlPasted, this, [this](const QUrl &origin) {
        if (!SendPolicy::sameOrigin(origin, m_session->currentProfile().baseUrl))
            Q_EMIT otherOriginPasted(origin);
    });
    connect(session, &Session::queuedSendChanged, this, &RequestTab::updateQueuedNotice);
    // A queued send goes out as Send would: the composer moves to the next key.
    connect(session, &Session::queuedSendDue, this,
            [this](const ApiRequest &request, QObject *requester) {
                if (requester == this && IdempotencyKeys::applies(request.method))
                    m_requestPanel->prepareNextKey();
            });
    connect(session, &Session::queuedSendCancelled, this,
            [this](const QString &why, QObject *requester) {
                if (requester == this)
                    m_requestPanel->setProgress(why);
            });
    m_queuedCountdown.setInterval(1000);
    connect(&m_queuedCountdown, &QTimer::timeout, this, &RequestTab::updateQueuedNotice);
    connect(session, &Session::callStored, m_responsePanel, &ResponsePanel::noteStored);
    connect(m_responsePanel, &ResponsePanel::retryRequested, this, &RequestTab::retry);
    connect(m_responsePanel, &ResponsePanel::compareWithOriginalRequested, this,
            &RequestTab::compareWithOriginal);
    connect(m_responsePanel, &ResponsePanel::summaryActionRequested, this,
            &RequestTab::onSummaryAction);
    connect(m_responsePanel, &ResponsePanel::openOriginalRequested, this,
            &RequestTab::originalRequested);
    m_responsePanel->setOriginalFinder(
        [session](const CallRecord &record) { return session->findOriginal(record); });
    connect(session, &Session::currentProfileChanged, this,
            [this](const Profile &p) { m_requestPanel->setTarget(p.baseUrl); });
    connect(session->profiles(), &ProfileStore::changed, this,
            [this] { m_requestPanel->setTarget(m_session->currentProfile().baseUrl); });
    m_requestPanel->setTarget(session->currentProfile().baseUrl);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &RequestTab::updateProgress);
}

void RequestTab::send()
{
    const ApiRequest request = m_requestPanel->request();
    if (request.path.isEmpty())
        return;
    if (const QString why = m_requestPanel->headerProblem(); !why.isEmpty()) {
        m_requestPanel->setProgress(why);
        return;
    }
    if (const JsonText::Check check = m_requestPanel->bodyCheck();
        !check.ok && !SendWarnings::confirmInvalidJson(this, check))
        return;
    RateLimitTracker *tracker = m_session->currentTracker();
    if (tracker->exhausted()) {
        switch (SendWarnings::rateLimitReached(this, tracker->msUntilReset())) {
        case SendWarnings::RateLimitChoice::Cancel:
            return;
        case SendWarnings::RateLimitChoice::SendAtReset:
            if (const QString refused = m_session->sendAtReset(request, this, startedHere());
                !refused.isEmpty())
                m_requestPanel->setProgress(refused);
            else if (IdempotencyKeys::applies(request.method))
                m_requestPanel->prepareNextKey(); // the queued send holds this key
            return;
        case SendWarnings::RateLimitChoice::SendNow:
            break;
        }
    }
    sendNow(request);
}

void RequestTab::sendNow(const ApiRequest &request)
{
    qCDebug(lcWindow) << "send" << request.method << request.path;
    m_session->send(request, startedHere());
    if (IdempotencyKeys::applies(request.method))
        m_requestPanel->prepareNextKey();
}

void RequestTab::resend(const Resend &plan)
{
    if (!m_session->resend(plan, startedHere()))
        Q_EMIT noticeRequested(plan.refusal);
    else if (!plan.note.isEmpty())
        Q_EMIT noticeRequested(plan.note);
}

void RequestTab::retry(const CallRecord &record)
{
    if (record.idempotencyKey.isEmpty())
        return;
    qCDebug(lcWindow) << "retry of call" << record.id << "with its idempotency key";
    const Resend plan = m_session->retryPlan(record);
    if (!plan.canGo()) {
        Q_EMIT noticeRequested(plan.refusal);
        return;
    }
    const ApiRequest composed = m_requestPanel->request();
    const bool sameCall =
        composed.method == plan.request.method && composed.path == plan.request.path;
    if (sameCall && RetryPlan::bodyDiffers(record, composed.body)) {
        switch (SendWarnings::editedBody(this, record, composed.body)) {
        case SendWarnings::EditedBodyChoice::Cancel:
            return;
        case SendWarnings::EditedBodyChoice::UseNewKey:
            resend(m_session->newKeyPlan(record, composed));
            if (IdempotencyKeys::applies(composed.method))
                m_requestPanel->prepareNextKey();
            return;
        case SendWarnings::EditedBodyChoice::SendOriginal:
            break;
        }
    }
    resend(plan);
}

void RequestTab::openInComposer(const CallRecord &record)
{
    ApiRequest request = RetryPlan::requestFor(record, m_session->currentProfile().baseUrl);
    request.idempotencyKey.clear(); // a new call gets a new key
    if (const QString refused = m_requestPanel->setRequest(request); !refused.isEmpty())
        Q_EMIT noticeRequested(refused);
}

void RequestTab::showCall(const CallRecord &record)
{
    m_responsePanel->showCall(record);
}

void RequestTab::cancel()
{
    for (const QPointer<PendingCall> &call : std::as_const(m_inFlight))
        if (call)
            call->cancel();
    m_session->cancelQueuedSends(this);
}

void RequestTab::compareWithOriginal(const CallRecord &record)
{
    const CallRecord original = m_session->findOriginal(record);
    if (!original.id) {
        Q_EMIT noticeRequested(
            tr("The first call with idempotency key %1 is not in the history (it was "
               "pruned, cleared, or made from another tool), so there is nothing to "
               "compare with.")
                .arg(QString::fromLatin1(record.idempotencyKey)));
        return;
    }
    qCDebug(lcWindow) << "compare calls" << original.id << "and" << record.id;
    auto *dialog = new CallComparisonDialog(original, record, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showPage(CallComparisonDialog::Page::RequestBody);
    dialog->show();
}

void RequestTab::onSummaryAction(FailureSummary::Action action, const CallRecord &record)
{
    switch (action) {
    case FailureSummary::Action::None:
    case FailureSummary::Action::Compare:
        break;
    case FailureSummary::Action::TestKey:
    case FailureSummary::Action::Profiles:
        Q_EMIT profilesRequested();
        break;
    case FailureSummary::Action::SendAtReset: {
        // The queue waits for the current profile's window: it must be the call's own.
        const Profile current = m_session->currentProfile();
        if (record.profileId != current.id) {
            Q_EMIT noticeRequested(tr("This 429 came from the profile \"%1\", not the one "
                                      "selected now: select it to send the call at its reset.")
                                       .arg(record.profile));
            break;
        }
        // A 429 was not processed: the same idempotency key may go again.
        const Resend plan = m_session->retryPlan(record);
        if (!plan.canGo()) {
            Q_EMIT noticeRequested(plan.refusal);
            break;
        }
        if (const QString refused = m_session->sendAtReset(plan.request, this, startedHere());
            !refused.isEmpty())
            m_requestPanel->setProgress(refused);
        break;
    }
    case FailureSummary::Action::Retry:
        if (!record.idempotencyKey.isEmpty())
            retry(record);
        else
            resend(m_session->retryPlan(record));
        break;
    }
}

Session::CallStarted RequestTab::startedHere()
{
    // The key is read before a call starts, maybe after this tab has closed.
    return [self = QPointer<RequestTab>(this)](PendingCall *call) {
        if (self)
            self->track(call);
    };
}

void RequestTab::track(PendingCall *call)
{
    m_inFlight.append(call);
    if (m_inFlight.size() == 1) {
        m_since.start();
        m_received = 0;
        m_progressTimer.start();
    }
    connect(call, &PendingCall::downloadProgress, this,
            [this](qint64 received, qint64) { m_received = received; });
    connect(call, &PendingCall::finished, this, &RequestTab::onCallFinished);
    m_requestPanel->setInFlight(int(m_inFlight.size()));
    updateProgress();
}

void RequestTab::onCallFinished(const CallRecord &record)
{
    m_inFlight.removeIf([](const QPointer<PendingCall> &c) { return !c || c->isFinished(); });
    m_requestPanel->setInFlight(int(m_inFlight.size()));
    if (m_inFlight.isEmpty())
        m_progressTimer.stop();
    // Calls may finish out of order (a large answer is completed on a worker): the panel
    // shows the newest call sent, not whichever finished last. The history has them all.
    if (m_newestShown.isValid() && record.startedUtc < m_newestShown)
        return;
    m_newestShown = record.startedUtc;
    m_responsePanel->showCall(record);
}

void RequestTab::updateProgress()
{
    if (m_inFlight.isEmpty())
        return;
    const QString text =
        tr("%n call(s) in flight · %1 s · %2 received", nullptr, int(m_inFlight.size()))
            .arg(double(m_since.elapsed()) / 1000.0, 0, 'f', 1)
            .arg(Readable::size(m_received));
    m_requestPanel->setProgress(text);
    m_responsePanel->showInFlight(text);
}

void RequestTab::updateQueuedNotice()
{
    const QList<SendQueue::Entry> queued = m_session->queuedSends(this);
    QStringList lines;
    const QDateTime now = QDateTime::currentDateTime();
    for (const SendQueue::Entry &e : queued)
        lines.append(
            tr("Queued: %1 %2 to %3, sends at %4 (in %5), when the rate-limit window "
               "resets. Esc cancels.")
                .arg(QString::fromLatin1(e.request.method), e.request.path, e.profile.name,
                     QLocale().toString(e.at.time(), QLocale::LongFormat),
                     RateLimitTracker::formatWait(std::max<qint64>(0, now.msecsTo(e.at)))));
    m_requestPanel->setQueued(lines);
    if (lines.isEmpty())
        m_queuedCountdown.stop();
    else if (!m_queuedCountdown.isActive())
        m_queuedCountdown.start();
}
