#include "core/session/sendqueue.h"

#include <QTimer>

#include <algorithm>

SendQueue::SendQueue(QObject *parent)
    : QObject(parent)
{}

quint64 SendQueue::add(Entry entry, int delayMs)
{
    entry.id = m_nextId++;
    entry.at = QDateTime::currentDateTime().addMSecs(delayMs);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const quint64 id = entry.id;
    connect(timer, &QTimer::timeout, this, [this, id] { fire(id); });
    timer->start(delayMs);
    m_entries.append(std::move(entry));
    m_timers.append(timer);
    Q_EMIT changed();
    return id;
}

QList<SendQueue::Entry> SendQueue::entries(const QObject *requester) const
{
    QList<Entry> out;
    for (const Entry &e : m_entries)
        if (!requester || e.requester == requester)
            out.append(e);
    std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.at < b.at; });
    return out;
}

void SendQueue::cancelWhere(const std::function<QString(const Entry &)> &reasonFor)
{
    QList<std::pair<QString, QPointer<QObject>>> told;
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        const QString why = reasonFor(m_entries.at(i));
        if (why.isNull())
            continue;
        told.append({why, m_entries.at(i).requester});
        m_timers.takeAt(i)->deleteLater();
        m_entries.removeAt(i);
    }
    if (told.isEmpty())
        return;
    Q_EMIT changed();
    for (const auto &[why, requester] : std::as_const(told))
        if (!why.isEmpty())
            Q_EMIT cancelled(why, requester);
}

void SendQueue::fire(quint64 id)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [id](const Entry &e) { return e.id == id; });
    if (it == m_entries.end())
        return;
    const qsizetype i = it - m_entries.begin();
    const Entry entry = m_entries.takeAt(i);
    m_timers.takeAt(i)->deleteLater();
    Q_EMIT changed();
    Q_EMIT due(entry);
}
