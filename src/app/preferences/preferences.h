#pragma once

#include "core/history/historywriter.h"

#include <QSettings>

// What a person can set in Edit → Preferences: how much history to keep (calls, days, bytes),
// the response body kept per call, and the request timeout. Stored in QSettings; no secrets.
struct Preferences
{
    qint64 maxCalls = 1'000'000; // 0: no limit
    int maxAgeDays = 0;          // 0: no limit
    qint64 maxBytes = 1024LL * 1024 * 1024;
    qint64 responseBodyCap = 1024 * 1024;
    int timeoutSecs = 30;

    static Preferences load(const QSettings &settings);
    void save(QSettings &settings) const;
    HistoryWriter::Retention retention() const;
};
