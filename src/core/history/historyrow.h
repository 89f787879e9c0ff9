#pragma once

#include <QByteArray>
#include <QString>

// One line of the history list: what the table shows, without the bodies.
struct HistoryRow
{
    qint64 id = 0;
    qint64 startedMs = 0; // unix ms, UTC
    QString profile;
    QByteArray method;
    QString path;
    int status = 0;
    int outcome = 0; // CallRecord::Outcome
    qint64 durationMs = 0;
    QByteArray requestId;
    QString errorCode;
    QByteArray idempotencyKey;
    qint64 retryOf = 0;
    bool replayed = false;
    bool pinned = false;
    QString pinName;
};
