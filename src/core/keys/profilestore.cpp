#include "core/keys/profilestore.h"

#include "core/base/settingvalue.h"
#include "core/net/sendpolicy.h"

#include <QSettings>
#include <QUuid>

namespace {

const SettingValue<QString> currentProfile(QStringLiteral("profiles/current"), QString());

// Nothing here is secret: a proxy's password and a certificate's passphrase are in the
// keychain. A value edited by hand into something unknown reads as the default.
NetworkSettings readNetwork(const QSettings &s)
{
    NetworkSettings n;
    const QString proxy = s.value(QStringLiteral("proxy")).toString();
    if (proxy == QLatin1String("none"))
        n.proxy = NetworkSettings::Proxy::None;
    else if (proxy == QLatin1String("own"))
        n.proxy = NetworkSettings::Proxy::Own;
    n.proxyUrl = QUrl(s.value(QStringLiteral("proxyUrl")).toString());
    n.caFile = s.value(QStringLiteral("caFile")).toString();
    n.clientCertificate = s.value(QStringLiteral("clientCertificate")).toString();
    return n;
}

void writeNetwork(QSettings *s, const NetworkSettings &n)
{
    const char *proxy = n.proxy == NetworkSettings::Proxy::None  ? "none"
                        : n.proxy == NetworkSettings::Proxy::Own ? "own"
                                                                 : "system";
    s->setValue(QStringLiteral("proxy"), QLatin1String(proxy));
    s->setValue(QStringLiteral("proxyUrl"), n.proxyUrl.toString());
    s->setValue(QStringLiteral("caFile"), n.caFile);
    s->setValue(QStringLiteral("clientCertificate"), n.clientCertificate);
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    load();
}

void ProfileStore::load()
{
    m_profiles.clear();
    const int n = m_settings->beginReadArray(QStringLiteral("profiles/list"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        Profile p;
        p.id = m_settings->value(QStringLiteral("id")).toString();
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.baseUrl = QUrl(m_settings->value(QStringLiteral("baseUrl")).toString());
        p.network = readNetwork(*m_settings);
        if (p.isValid())
            m_profiles.append(p);
    }
    m_settings->endArray();
    m_currentId = currentProfile.get(*m_settings);
}

void ProfileStore::save()
{
    m_settings->beginWriteArray(QStringLiteral("profiles/list"));
    int i = 0;
    for (const Profile &p : std::as_const(m_profiles)) {
        if (p.sessionOnly)
            continue;
        m_settings->setArrayIndex(i++);
        m_settings->setValue(QStringLiteral("id"), p.id);
        m_settings->setValue(QStringLiteral("name"), p.name);
        m_settings->setValue(QStringLiteral("baseUrl"), p.baseUrl.toString());
        writeNetwork(m_settings, p.network);
    }
    m_settings->endArray();
    const Profile current = find(m_currentId);
    if (!current.sessionOnly)
        currentProfile.set(*m_settings, m_currentId);
    m_settings->sync();
}

Profile ProfileStore::find(const QString &id) const
{
    for (const Profile &p : m_profiles) {
        if (p.id == id)
            return p;
    }
    return {};
}

Profile ProfileStore::findSaved(const QUrl &baseUrl) const
{
    Profile sameOrigin;
    for (const Profile &p : m_profiles) {
        if (p.sessionOnly || !SendPolicy::sameOrigin(p.baseUrl, baseUrl))
            continue;
        if (p.baseUrl.adjusted(QUrl::StripTrailingSlash) ==
            baseUrl.adjusted(QUrl::StripTrailingSlash))
            return p;
        if (!sameOrigin.isValid())
            sameOrigin = p;
    }
    return sameOrigin;
}

Profile ProfileStore::upsert(Profile profile)
{
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool replaced = false;
    for (Profile &p : m_profiles) {
        if (p.id == profile.id) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        m_profiles.append(profile);
    save();
    Q_EMIT changed();
    return profile;
}

void ProfileStore::remove(const QString &id)
{
    m_profiles.removeIf([&id](const Profile &p) { return p.id == id; });
    save();
    Q_EMIT changed();
}

QString ProfileStore::currentId() const
{
    return find(m_currentId).isValid() ? m_currentId
                                       : (m_profiles.isEmpty() ? QString() : m_profiles.first().id);
}

void ProfileStore::setCurrentId(const QString &id)
{
    m_currentId = id;
    save();
    Q_EMIT changed();
}
