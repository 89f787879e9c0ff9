#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// What the history list is narrowed to. Empty fields do not filter.
struct HistoryFilter
{
    enum class StatusClass
    {
        Any,
        Success2xx,
        Redirect3xx,
        Client4xx,
        Server5xx,
        NoResponse
    };

    QString requestIdPrefix; // matches the call's request id or its X-Request-Id
    StatusClass statusClass = StatusClass::Any;
    QString errorCode;
    QByteArray method;
    QString text; // full-text over path and error message
    QString idempotencyKey;
    QString profile;
    bool pinnedOnly = false;
    QString pinName; // with pinnedOnly: the pin's name contains this
    QDateTime from;
    QDateTime to;

    bool isEmpty() const
    {
        return requestIdPrefix.isEmpty() && statusClass == StatusClass::Any &&
               errorCode.isEmpty() && method.isEmpty() && text.isEmpty() &&
               idempotencyKey.isEmpty() && profile.isEmpty() && !pinnedOnly && !from.isValid() &&
               !to.isValid();
    }

    // Reads what a person types in the filter box: a pasted request id (or its start)
    // becomes a request id search, "status:4xx", "code:x", "method:POST", "key:k" narrow by
    // those fields, "pinned:" to the pinned calls ("pinned:name" to those so named), "since:2h" or
    // "until:2026-11-26" by time, and the remaining words are searched in paths and error messages.
    static HistoryFilter fromSearchText(const QString &text,
                                        const QDateTime &now = QDateTime::currentDateTimeUtc());
};
