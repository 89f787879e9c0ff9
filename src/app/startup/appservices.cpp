#include "startup/appservices.h"

#include "common/logging.h"
#include "preferences/preferences.h"
#include "sandbox/demokey.h"
#include "secrets/redaction.h"

#include <QCoreApplication>
#include <QStandardPaths>

AppServices::AppServices(const Options &options)
    : settings(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                   QStringLiteral("/pi-console.conf"),
               QSettings::IniFormat)
    , client(&network)
    , keychain(options.vault ? nullptr : std::make_unique<KeychainVault>(options.keychainService))
    , vault(options.vault ? *options.vault : *keychain)
    , keys(&vault)
    , profiles(&settings)
    , m_historyPath(options.historyPath)
{
    // Known to the leak guard and the redaction from the first moment, whatever profile opens:
    // on a first run the sandbox takes its own demo key and PI_API_KEY goes unused.
    Redaction::rememberSecret(options.environmentKey);
    qCDebug(lcStartup) << "settings" << settings.fileName();
    applyTimeout(Preferences::load(settings));
    session = std::make_unique<Session>(&client, &profiles, &keys, nullptr,
                                        options.clock ? *options.clock : Clock::system());
    openStartingProfile(options);
}

HistoryStore *AppServices::openHistory()
{
    if (history)
        return history.get();
    const HistoryDatabase::Opened db = HistoryDatabase::prepare(
        m_historyPath.isEmpty() ? HistoryDatabase::defaultPath() : m_historyPath);
    qCDebug(lcStartup) << "history" << db.path;
    history = std::make_unique<HistoryStore>(db, Preferences::load(settings).retention());
    session->setHistory(history.get());
    return history.get();
}

void AppServices::apply(const Preferences &preferences)
{
    openHistory()->setRetention(preferences.retention());
    applyTimeout(preferences);
}

void AppServices::applyTimeout(const Preferences &preferences)
{
    PendingCall::Limits limits = client.limits();
    limits.timeoutMs = preferences.timeoutSecs * 1000;
    client.setLimits(limits);
}

AppServices::~AppServices()
{
    session.reset();
    history.reset();
    if (sandbox)
        sandbox->stop();
}

void AppServices::openStartingProfile(const Options &options)
{
    if (options.baseUrl.isValid() && !options.baseUrl.isEmpty()) {
        openBaseUrl(options.baseUrl);
    } else if (profiles.profiles().isEmpty() && options.startSandbox) {
        // In the background: the window paints first, and the Sandbox profile appears as soon
        // as the sandbox says where it listens, a few milliseconds later.
        sandbox = std::make_unique<EmbeddedSandbox>();
        QObject::connect(
            sandbox.get(), &EmbeddedSandbox::started, sandbox.get(), [this](const QUrl &url) {
                const Profile p = profiles.upsert(
                    {QString(), QCoreApplication::translate("AppServices", "Sandbox"), url, true});
                keys.setSessionKey(p.id, Sandbox::demoKey());
                qCDebug(lcStartup) << "embedded sandbox at" << url;
                session->setCurrentProfile(p.id);
            });
        QObject::connect(sandbox.get(), &EmbeddedSandbox::failed, sandbox.get(),
                         [](const QString &why) { qCWarning(lcStartup) << "sandbox:" << why; });
        qCDebug(lcStartup) << "no profile yet: starting the embedded sandbox";
        sandbox->startInBackground();
        return;
    }
    const Profile active = profiles.find(profiles.currentId());
    if (!options.environmentKey.isEmpty() && active.isValid())
        keys.setSessionKey(active.id, options.environmentKey);
}

Profile AppServices::openBaseUrl(const QUrl &baseUrl)
{
    // The saved profile of that origin, with its key in the keychain; else one for this
    // session (saving a key for it saves it, and the next --base-url finds it here).
    Profile p = profiles.findSaved(baseUrl);
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
        for (const Profile &existing : profiles.profiles()) {
            if (existing.sessionOnly && normalized(existing.baseUrl) == wanted) {
                p = existing;
                break;
            }
        }
    }
    if (!p.isValid())
        p = profiles.upsert({QString(), baseUrl.host(), baseUrl, true});
    session->setCurrentProfile(p.id);
    return p;
}
