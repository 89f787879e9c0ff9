#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

// A typed settings key with its default, so names and defaults live in one place. Never
// used for secrets: nothing secret is ever written to QSettings.
template <typename T>
class SettingValue
{
public:
    SettingValue(QString key, T defaultValue)
        : m_key(std::move(key))
        , m_default(std::move(defaultValue))
    {}

    T get(const QSettings &settings) const
    {
        return settings.value(m_key, QVariant::fromValue(m_default)).template value<T>();
    }
    void set(QSettings &settings, const T &value) const
    {
        settings.setValue(m_key, QVariant::fromValue(value));
    }
    QString key() const { return m_key; }

private:
    QString m_key;
    T m_default;
};
