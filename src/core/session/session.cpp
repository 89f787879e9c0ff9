#include "core/session/session.h"

#include "core/secrets/redaction.h"

#include "core/base/logging.h"
#include "core/contract/retryplan.h"
#include "core/history/historyquery.h"
#include "core/history/historystore.h"
#include "core/history/originalcall.h"
#include "core/net/idempotencykeys.h"

#include <QPointer>

Session::Session(ApiClient *client, ProfileStore *profiles, ProfileKeys *keys,
                 HistoryStore *history, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_profiles(profiles)
    , m_keys(keys)
    , m_history(history)
    , m_clock(clock)
{
    connect(&m_queue, &SendQueue::changed, this, &Session::queuedSendChanged);
    connect(&m_queue, &SendQueue::due, this, &Session::sendQueued);
    connect(&m_queue, &SendQueue::cancelled, this, &Session::queuedSendCancelled);
    connect(m_profiles, &ProfileStore::changed, this, &Session::checkQueuedProfile);
    connect(m_client, &ApiClient::callStarted, this, &Session::callStarted);
    connect(m_client, &ApiClient::callFinished, this, [this](const CallRecord &record) {
        if (record.outcome == CallRecord::Outcome::Completed && !record.profileId.isEmpty())
            tracker(record.profileId)->observe(record.rateLimit);
        if (m_history)
            m_history->record(record);
        Q_EMIT callFinished(record);
    });
}

void Session::setHistory(HistoryStore *history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (m_history)
        connect(m_history, &HistoryStore::stored, this, &Session::callStored);
}

Profile Session::currentProfile() const
{
    return m_profiles->find(m_profiles->currentId());
}

void Session::setCurrentProfile(const QString &id)
{
    // Always announced, even for the profile already first in the list: a profile that just
    // appeared (the embedded sandbox's) has its key and gauge to show.
    m_queue.cancelWhere([this, id](const SendQueue::Entry &e) {
        return e.profile.id == id ? QString()
                                  : tr("The queued send was cancelled: another profile was "
                                       "selected, and the call was to go with its own "
                                       "profile's key.");
    });
    m_profiles->setCurrentId(id);
    qCDebug(lcSession) << "current profile" << id;
    Q_EMIT currentProfileChanged(currentProfile());
}

RateLimitTracker *Session::tracker(const QString &profileId)
{
    RateLimitTracker *&t = m_trackers[profileId];
    if (!t)
        t = new RateLimitTracker(m_clock, this);
    return t;
}

void Session::saveKeyInKeychain(const QString &profileId, const QString &key, KeySavedCallback done)
{
    if (m_profiles->find(profileId).embeddedSandbox) {
        done(KeyVault::Result{KeyVault::Status::Failed,
                              tr("The local sandbox takes its demo key at every start, on a new "
                                 "port: no key is saved for it. Add a profile of your own to keep "
                                 "a key.")},
             false);
        return;
    }
    QPointer<Session> self(this);
    m_keys->saveKey(profileId, key,
                    [self, profileId, done = std::move(done)](const KeyVault::Result &r) {
                        bool profileSaved = false;
                        if (self && r.ok()) {
                            Profile p = self->m_profiles->find(profileId);
                            if (p.isValid() && p.sessionOnly) {
                                p.sessionOnly = false;
                                self->m_profiles->upsert(p);
                                profileSaved = true;
                            }
                        }
                        done(r, profileSaved);
                    });
}

void Session::learnSavedKeys()
{
    QStringList ids;
    for (const Profile &p : m_profiles->profiles())
        if (!p.sessionOnly)
            ids.append(p.id);
    learnKeys(ids);
}

void Session::learnKeys(QStringList ids)
{
    if (ids.isEmpty())
        return;
    const QString id = ids.takeFirst();
    QPointer<Session> self(this);
    m_keys->key(id, [self, ids](const KeyVault::Result &r, const QString &) {
        // ProfileKeys has handed the key to the redaction; a failure ends the round.
        if (self && (r.ok() || r.status == KeyVault::Status::NotFound))
            self->learnKeys(ids);
        else
            qCDebug(lcSession) << "saved keys not all read:" << r.status;
    });
}

void Session::removeProfile(const QString &profileId, RemovedCallback done)
{
    QPointer<Session> self(this);
    const bool sessionOnly = m_profiles->find(profileId).sessionOnly;
    m_keys->removeKey(profileId, [self, profileId, sessionOnly,
                                  done = std::move(done)](const KeyVault::Result &r) {
        const bool removed = sessionOnly || r.ok() || r.status == KeyVault::Status::NotFound;
        if (self && removed) {
            self->m_profiles->remove(profileId);
            // Its client certificate's passphrase goes with it (none stored is fine).
            self->m_keys->vault()->remove(ProfileKeys::passphraseEntry(profileId),
                                          [](const KeyVault::Result &) {});
        }
        done(r, removed);
    });
}

void Session::send(const ApiRequest &request, CallStarted started)
{
    sendTo(currentProfile(), request, std::move(started));
}

void Session::sendTo(const Profile &profile, const ApiRequest &request, CallStarted started)
{
    m_keys->key(profile.id, [this, profile, request, started = std::move(started)](
                                const KeyVault::Result &result, const QString &key) {
        if (result.ok()) {
            sendWithKey(profile, request, key, started);
            return;
        }
        qCDebug(lcSession) << "no key to send with on profile" << profile.id << result.status;
        Q_EMIT keyProblem(profile.id, result);
        // No key stored: Pi answers 401 missing_authorization_header, which says it
        // plainly. Any other keychain trouble: nothing is sent until the user decides.
        if (result.status == KeyVault::Status::NotFound)
            sendWithKey(profile, request, QString(), started);
    });
}

void Session::sendWithKey(const Profile &profile, const ApiRequest &request, const QString &key,
                          const CallStarted &started)
{
    Endpoint endpoint{profile.name, profile.id, profile.baseUrl, key, profile.network, {}};
    endpoint.network.embeddedSandbox = profile.embeddedSandbox;
    const auto go = [this, request, started](const Endpoint &to) {
        PendingCall *call = m_client->send(to, request);
        if (started)
            started(call);
    };
    if (profile.network.clientCertificate.isEmpty()) {
        go(endpoint);
        return;
    }
    // A client certificate's passphrase, if it has one, is in the keychain.
    m_keys->vault()->read(ProfileKeys::passphraseEntry(profile.id),
                          [endpoint, go](const KeyVault::Result &r, const QString &secret) mutable {
                              if (r.ok()) {
                                  Redaction::rememberSecret(secret);
                                  endpoint.clientPassphrase = secret;
                              }
                              go(endpoint);
                          });
}

Resend Session::retryPlan(const CallRecord &record) const
{
    Resend plan;
    plan.profile = RetryPlan::profileFor(record, m_profiles->profiles(), &plan.refusal);
    if (!plan.profile.isValid())
        return plan;
    plan.request = RetryPlan::requestFor(record, plan.profile.baseUrl);
    if (const QList<QByteArray> left = RetryPlan::redactedHeaders(record.requestHeaders);
        !left.isEmpty())
        plan.note = tr("Not sent again: %1, recorded redacted (it held a secret); add it in the "
                       "composer to send it.")
                        .arg(QString::fromLatin1(left.join(", ")));
    return plan;
}

Resend Session::newKeyPlan(const CallRecord &record, const ApiRequest &edited) const
{
    Resend plan = retryPlan(record);
    if (!plan.canGo())
        return plan;
    plan.request = edited;
    plan.request.idempotencyKey = IdempotencyKeys::newUuid();
    return plan;
}

bool Session::resend(const Resend &plan, CallStarted started)
{
    if (!plan.canGo())
        return false;
    qCDebug(lcSession) << "resend to profile" << plan.profile.id
                       << (plan.request.idempotencyKey.isEmpty() ? "without key" : "with a key");
    sendTo(plan.profile, plan.request, std::move(started));
    return true;
}

CallRecord Session::findOriginal(const CallRecord &record) const
{
    if (!m_history)
        return {}; // not open yet, so this call's first attempt is not in it
    return OriginalCall::find(HistoryQuery(m_history->connectionName()), record);
}

QString Session::sendAtReset(const ApiRequest &request, QObject *requester, CallStarted started)
{
    const qint64 wait = std::max<qint64>(0, currentTracker()->msUntilReset());
    if (wait > maxQueuedWaitMs)
        return tr("Pi asks to wait %1, longer than the %2 minutes a send is kept queued. "
                  "Nothing was queued; send it later.")
            .arg(RateLimitTracker::formatWait(wait))
            .arg(maxQueuedWaitMs / 60000);
    // A little after the reset, so the server's window has surely turned. The wait is bounded
    // above, so it fits a timer's int.
    const int delay = int(wait + 250);
    m_queue.add({0, currentProfile(), request, requester, std::move(started), {}}, delay);
    qCDebug(lcSession) << "send queued for" << delay << "ms";
    return {};
}

void Session::sendQueued(const SendQueue::Entry &entry)
{
    qCDebug(lcSession) << "queued send due";
    sendTo(entry.profile, entry.request, entry.started);
    Q_EMIT queuedSendDue(entry.request, entry.requester);
}

void Session::checkQueuedProfile()
{
    m_queue.cancelWhere([this](const SendQueue::Entry &e) {
        const Profile now = m_profiles->find(e.profile.id);
        if (!now.isValid())
            return tr("The queued send was cancelled: its profile \"%1\" was removed.")
                .arg(e.profile.name);
        if (now.baseUrl != e.profile.baseUrl)
            return tr("The queued send was cancelled: its profile \"%1\" now points at %2, "
                      "not at %3.")
                .arg(now.name, now.baseUrl.toDisplayString(), e.profile.baseUrl.toDisplayString());
        return QString();
    });
}

void Session::cancelQueuedSends(const QObject *requester, const QString &why)
{
    const QString reason = why.isNull() ? QStringLiteral("") : why;
    m_queue.cancelWhere([requester, reason](const SendQueue::Entry &e) {
        return !requester || e.requester == requester ? reason : QString();
    });
}
