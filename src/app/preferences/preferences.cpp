#include "preferences.h"

#include "settingvalue.h"

namespace {

const Preferences defaults;
const SettingValue<qint64> maxCallsKey(QStringLiteral("history/maxCalls"), defaults.maxCalls);
const SettingValue<int> maxAgeDaysKey(QStringLiteral("history/maxAgeDays"), defaults.maxAgeDays);
const SettingValue<qint64> maxBytesKey(QStringLiteral("history/maxBytes"), defaults.maxBytes);
const SettingValue<qint64> bodyCapKey(QStringLiteral("history/responseBodyCapBytes"),
                                      defaults.responseBodyCap);
const SettingValue<int> timeoutSecsKey(QStringLiteral("network/timeoutSeconds"),
                                       defaults.timeoutSecs);

} // namespace

Preferences Preferences::load(const QSettings &settings)
{
    // Out-of-range values written by hand fall back into range rather than break retention.
    Preferences p;
    p.maxCalls = std::max<qint64>(0, maxCallsKey.get(settings));
    p.maxAgeDays = std::max(0, maxAgeDaysKey.get(settings));
    p.maxBytes = std::max<qint64>(0, maxBytesKey.get(settings));
    p.responseBodyCap = std::max<qint64>(1024, bodyCapKey.get(settings));
    p.timeoutSecs = std::clamp(timeoutSecsKey.get(settings), 1, 3600);
    return p;
}

void Preferences::save(QSettings &settings) const
{
    maxCallsKey.set(settings, maxCalls);
    maxAgeDaysKey.set(settings, maxAgeDays);
    maxBytesKey.set(settings, maxBytes);
    bodyCapKey.set(settings, responseBodyCap);
    timeoutSecsKey.set(settings, timeoutSecs);
}

HistoryWriter::Retention Preferences::retention() const
{
    HistoryWriter::Retention r;
    r.maxCalls = maxCalls;
    r.maxAgeDays = maxAgeDays;
    r.responseBodyCap = responseBodyCap;
    r.maxBytes = maxBytes;
    return r;
}
