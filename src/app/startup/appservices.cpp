#include "app/startup/appservices.h"

#include "app/common/logging.h"
#include "app/preferences/preferences.h"
#include "common/sandbox/demokey.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QStandardPaths>

AppServices::AppServices(const Options &options)
    : m_settings(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                     QStringLiteral("/pi-console.conf"),
                 QSettings::IniFormat)
    , m_client(&m_network)
    , m_keychain(options.vault ? nullptr : std::make_unique<KeychainVault>(options.keychainService))
    , m_vault(options.vault ? *options.vault : *m_keychain)
    , m_keys(&m_vault)
    , m_proxyAuth(&m_vault)
    , m_profiles(&m_settings)
    , m_historyPath(options.historyPath)
{
    // Known to the leak guard and the redaction from the first moment, whatever profile opens:
    // on a first run the sandbox takes its own demo key and PI_API_KEY goes unused.
    Redaction::rememberSecret(options.environmentKey);
    qCDebug(lcStartup) << "settings" << m_settings.fileName();
    applyTimeout(Preferences::load(m_settings));
    m_client.setProxyAuth(&m_proxyAuth);
    m_session = std::make_unique<Session>(&m_client, &m_profiles, &m_keys, nullptr,
                                          options.clock ? *options.clock : Clock::system());
    openStartingProfile(options);
}

HistoryStore *AppServices::openHistory()
{
    if (m_history)
        return m_history.get();
    const HistoryDatabase::Opened db = HistoryDatabase::prepare(
        m_historyPath.isEmpty() ? HistoryDatabase::defaultPath() : m_historyPath);
    qCDebug(lcStartup) << "history" << db.path;
    m_history = std::make_unique<HistoryStore>(db, Preferences::load(m_settings).retention());
    m_session->setHistory(m_history.get());
    return m_history.get();
}

void AppServices::apply(const Preferences &preferences)
{
    openHistory()->setRetention(preferences.retention());
    applyTimeout(preferences);
}

void AppServices::applyTimeout(const Preferences &preferences)
{
    PendingCall::Limits limits = m_client.limits();
    limits.timeoutMs = preferences.timeoutSecs * 1000;
    m_client.setLimits(limits);
}

AppServices::~AppServices()
{
    // Every call that was sent becomes a record, finished or not: one still on its way may
    // have been charged, and its idempotency key is what makes a safe retry possible.
    // Nothing more is sent: a queued "Send at reset" due during the grace would go out after
    // the window closed.
    m_session->cancelQueuedSend();
    m_client.finishAtQuit(quitGraceMs);
    m_session.reset();
    m_history.reset();
    if (m_sandbox)
        m_sandbox->stop();
}

void AppServices::openStartingProfile(const Options &options)
{
    if (options.baseUrl.isValid() && !options.baseUrl.isEmpty()) {
        openBaseUrl(options.baseUrl);
    } else if (m_profiles.profiles().isEmpty() && options.startSandbox) {
        // In the background: the window paints first, and the Sandbox profile appears as soon
        // as the sandbox says where it listens, a few milliseconds later.
        m_sandbox = std::make_unique<EmbeddedSandbox>();
        QObject::connect(m_sandbox.get(), &EmbeddedSandbox::started, m_sandbox.get(),
                         [this](const QUrl &url) {
                             const Profile p = m_profiles.upsert(
                                 {QString(), QCoreApplication::translate("AppServices", "Sandbox"),
                                  url, true, true});
                             m_keys.setSessionKey(p.id, Sandbox::demoKey());
                             qCDebug(lcStartup) << "embedded sandbox at" << url;
                             m_session->setCurrentProfile(p.id);
                         });
        QObject::connect(m_sandbox.get(), &EmbeddedSandbox::failed, m_sandbox.get(),
                         [](const QString &why) { qCWarning(lcStartup) << "sandbox:" << why; });
        qCDebug(lcStartup) << "no profile yet: starting the embedded sandbox";
        m_sandbox->startInBackground();
        return;
    }
    const Profile active = m_profiles.find(m_profiles.currentId());
    if (!options.environmentKey.isEmpty() && active.isValid())
        m_keys.setSessionKey(active.id, options.environmentKey);
}

Profile AppServices::openBaseUrl(const QUrl &baseUrl)
{
    // The saved profile of that origin, with its key in the keychain; else one for this
    // session (saving a key for it saves it, and the next --base-url finds it here).
    Profile p = m_profiles.findSaved(baseUrl);
    if (!p.isValid()) {
        // A second --base-url of the same URL in one session opens the same session profile
        // ("http://host", "http://host/" and "http://host/v1/" are written otherwise alike).
        const auto normalized = [](const QUrl &url) {
            QUrl u = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
            if (u.path().isEmpty())
                u.setPath(QStringLiteral("/"));
            return u;
        };
        const QUrl wanted = normalized(baseUrl);
        for (const Profile &existing : m_profiles.profiles()) {
            if (existing.sessionOnly && normalized(existing.baseUrl) == wanted) {
                p = existing;
                break;
            }
        }
    }
    if (!p.isValid())
        p = m_profiles.upsert({QString(), baseUrl.host(), baseUrl, true});
    m_session->setCurrentProfile(p.id);
    return p;
}
