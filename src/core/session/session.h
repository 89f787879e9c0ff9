#pragma once

#include "core/keys/profilekeys.h"
#include "core/keys/profilestore.h"
#include "core/net/apiclient.h"
#include "core/ratelimit/ratelimittracker.h"
#include "core/session/resend.h"
#include "core/session/sendqueue.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class HistoryStore;

// One running console: the current profile, its key, its rate-limit budget, and the way a
// composed request becomes a call, a history row and a gauge update. The windows only talk
// to this.
class Session final : public QObject
{
    Q_OBJECT

public:
    Session(ApiClient *client, ProfileStore *profiles, ProfileKeys *keys, HistoryStore *history,
            const Clock &clock = Clock::system(), QObject *parent = nullptr);

    // Where finished calls are recorded from now on; null records nothing.
    void setHistory(HistoryStore *history);
    ProfileStore *profiles() const { return m_profiles; }
    ProfileKeys *keys() const { return m_keys; }
    Profile currentProfile() const;
    void setCurrentProfile(const QString &id);
    RateLimitTracker *tracker(const QString &profileId);
    RateLimitTracker *currentTracker() { return tracker(currentProfile().id); }

    using KeySavedCallback = std::function<void(const KeyVault::Result &, bool profileSaved)>;
    // Saves the key in the keychain. A session-only profile (from --base-url) is saved too,
    // to the settings, and profileSaved says so: its keychain entry is named by its id, and
    // only a saved profile keeps its id into the next session. On failure nothing changes.
    void saveKeyInKeychain(const QString &profileId, const QString &key, KeySavedCallback done);

    // Reads the keys of the saved profiles, one after another, so that the leak guard and the
    // redaction know them all, not only those of profiles used this run. It stops at the first
    // that cannot be read (a locked keychain), so that a start asks for nothing more than the
    // current profile's key did. Call once the window is on screen.
    void learnSavedKeys();

    using RemovedCallback = std::function<void(const KeyVault::Result &, bool removed)>;
    // Deletes the profile's key from the keychain, then the saved profile, but only once the
    // keychain says the key is gone or was never there. When it cannot (locked, no keychain),
    // the profile is kept, so its key can still be reached, and the result says why. A
    // session-only profile has no keychain entry (saving one saves the profile) and always goes.
    void removeProfile(const QString &profileId, RemovedCallback done);

    // Called with the call once it is on its way (the key was read), before it can finish.
    using CallStarted = std::function<void(PendingCall *call)>;
    // Sends with the current profile's key, read just before sending.
    void send(const ApiRequest &request, CallStarted started = {});
    // Sends with that profile's key to its base URL, whichever profile is current.
    void sendTo(const Profile &profile, const ApiRequest &request, CallStarted started = {});

    // The one place that decides where a recorded call goes again and with which idempotency
    // key: to the profile it went to, never to whichever is selected now. A plan that cannot
    // go says why (the profile is gone, or points elsewhere now).
    // The recorded method, path, headers and exact body bytes, with the call's own key.
    Resend retryPlan(const CallRecord &record) const;
    // The edited request instead, with a new idempotency key, to the call's profile.
    Resend newKeyPlan(const CallRecord &record, const ApiRequest &edited) const;
    // Sends a plan that can go; false (nothing sent) for one that cannot.
    bool resend(const Resend &plan, CallStarted started = {});
    // The call Pi stored under this call's idempotency key (OriginalCall), or a record with
    // id 0, also while the history is not open yet.
    CallRecord findOriginal(const CallRecord &record) const;
    // Queues the request for when the current profile's rate-limit window resets: empty
    // when queued, otherwise why not (a wait longer than maxQueuedWaitMs is not queued). When
    // it is due it goes to that profile, as Send would, and queuedSendDue() says so to the
    // requester (the tab that asked, say). Any number may wait; none replaces another. One is
    // cancelled, with queuedSendCancelled() saying why, when its profile is removed, points
    // elsewhere or is no longer the one selected: its key and its window are that profile's.
    QString sendAtReset(const ApiRequest &request, QObject *requester = nullptr,
                        CallStarted started = {});
    bool hasQueuedSend() const { return !m_queue.isEmpty(); }
    // The sends waiting for one requester (or all), soonest first.
    QList<SendQueue::Entry> queuedSends(const QObject *requester = nullptr) const
    {
        return m_queue.entries(requester);
    }
    // Cancels the queued sends of one requester (or all); a reason is passed on to
    // queuedSendCancelled().
    void cancelQueuedSends(const QObject *requester, const QString &why = {});
    void cancelQueuedSend(const QString &why = {}) { cancelQueuedSends(nullptr, why); }
    static constexpr qint64 maxQueuedWaitMs = 15 * 60 * 1000;

Q_SIGNALS:
    void currentProfileChanged(const Profile &profile);
    void callStarted(PendingCall *call);
    void callFinished(const CallRecord &record);
    // A finished call is in the history, with its row id.
    void callStored(const CallRecord &record);
    void keyProblem(const QString &profileId, const KeyVault::Result &result);
    void queuedSendChanged();
    void queuedSendDue(const ApiRequest &request, QObject *requester);
    void queuedSendCancelled(const QString &why, QObject *requester);

private:
    void sendWithKey(const Profile &profile, const ApiRequest &request, const QString &key,
                     const CallStarted &started);
    void sendQueued(const SendQueue::Entry &entry);
    void learnKeys(QStringList ids);
    // After a change to the profiles: a queued send whose profile is gone or moved is cancelled.
    void checkQueuedProfile();

    ApiClient *m_client;
    ProfileStore *m_profiles;
    ProfileKeys *m_keys;
    HistoryStore *m_history;
    const Clock &m_clock;
    QHash<QString, RateLimitTracker *> m_trackers;
    SendQueue m_queue;
};
