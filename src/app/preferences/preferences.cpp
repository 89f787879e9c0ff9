#include "app/preferences/preferences.h"

#include "core/base/settingvalue.h"

namespace {

const Preferences defaults;
const SettingValue<qint64> maxCallsKey(QStringLiteral("history/maxCalls"), defaults.maxCalls);
const SettingValue<int> maxAgeDaysKey(QStringLiteral("history/maxAgeDays"), defaults.maxAgeDays);
const SettingValue<qint64> maxBytesKey(QStringLiteral("history/maxBytes"), defaults.maxBytes);
const SettingValue<qint64> bodyCapKey(QStringLiteral("history/responseBodyCapBytes"),
                                      defaults.responseBodyCap);
const SettingValue<int> timeoutSecsKey(QStringLiteral("network/timeoutSeconds"),
                                       defaults.timeoutSecs);

// A number from the settings, or the default when it is missing, is not a whole number
// (a hand-edited "500MB", say) or is out of range: never a limit silently turned off.
template <typename T>
T number(const QSettings &settings, const SettingValue<T> &key, T fallback, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = settings.value(key.key()).toString().trimmed().toLongLong(&ok);
    return ok && n >= min && n <= max ? T(n) : fallback;
}

} // namespace

Preferences Preferences::load(const QSettings &settings)
{
    Preferences p;
    p.maxCalls = number(settings, maxCallsKey, defaults.maxCalls, 0, 1'000'000'000);
    p.maxAgeDays = number(settings, maxAgeDaysKey, defaults.maxAgeDays, 0, 36500);
    p.maxBytes = number(settings, maxBytesKey, defaults.maxBytes, 0, 1LL << 50);
    p.responseBodyCap = number(settings, bodyCapKey, defaults.responseBodyCap, 1024, 1LL << 30);
    p.timeoutSecs = number(settings, timeoutSecsKey, defaults.timeoutSecs, 1, 3600);
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
