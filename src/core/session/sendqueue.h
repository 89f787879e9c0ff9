#pragma once

#include "core/keys/profile.h"
#include "core/net/apirequest.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class PendingCall;
class QTimer;

// Calls waiting for their profile's rate-limit window to reset ("Send at reset"), each with
// its own time, as many as were asked for: none replaces another. Each is due once, or
// cancelled with a reason; the queue only keeps time, the Session sends.
class SendQueue final : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        quint64 id = 0;
        Profile profile; // it goes with this profile's key, to its base URL
        ApiRequest request;
        QPointer<QObject> requester; // who asked (a request tab), told when it is due
        std::function<void(PendingCall *)> started;
        QDateTime at; // when it is due, local time
    };

    explicit SendQueue(QObject *parent = nullptr);

    // Due in delayMs; returns its id.
    quint64 add(Entry entry, int delayMs);
    bool isEmpty() const { return m_waiting.isEmpty(); }
    // Those of one requester, or all (null), soonest first.
    QList<Entry> entries(const QObject *requester = nullptr) const;
    // Cancels those for which reasonFor gives a reason, and says it (a null reason keeps the
    // entry; an empty one cancels it without a word).
    void cancelWhere(const std::function<QString(const Entry &)> &reasonFor);

Q_SIGNALS:
    void changed();
    // Direct connections only: an Entry is no meta-type.
    void due(const SendQueue::Entry &entry);
    void cancelled(const QString &why, QObject *requester);

private:
    struct Waiting
    {
        Entry entry;
        QTimer *timer;
    };
    void fire(quint64 id);
    // Takes entry i out of the queue, its timer with it.
    Entry take(qsizetype i);

    QList<Waiting> m_waiting;
    quint64 m_nextId = 1;
};
