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
    m_waiting.append({std::move(entry), timer});
    Q_EMIT changed();
    return id;
}

QList<SendQueue::Entry> SendQueue::entries(const QObject *requester) const
{
    QList<Entry> out;
    for (const Waiting &w : m_waiting)
        if (!requester || w.entry.requester == requester)
            out.append(w.entry);
    std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.at < b.at; });
    return out;
}

SendQueue::Entry SendQueue::take(qsizetype i)
{
    Waiting w = m_waiting.takeAt(i);
    w.timer->deleteLater();
    return std::move(w.entry);
}

void SendQueue::cancelWhere(const std::function<QString(const Entry &)> &reasonFor)
{
    QList<std::pair<QString, QPointer<QObject>>> told;
    for (qsizetype i = m_waiting.size() - 1; i >= 0; --i) {
        const QString why = reasonFor(m_waiting.at(i).entry);
        if (!why.isNull())
            told.append({why, take(i).requester});
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
    const auto it = std::find_if(m_waiting.cbegin(), m_waiting.cend(),
                                 [id](const Waiting &w) { return w.entry.id == id; });
    if (it == m_waiting.cend())
        return;
    const Entry entry = take(it - m_waiting.cbegin());
    Q_EMIT changed();
    Q_EMIT due(entry);
}
