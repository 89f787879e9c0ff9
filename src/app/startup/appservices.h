#pragma once

#include "app/startup/embeddedsandbox.h"
#include "core/history/historystore.h"
#include "core/keys/keychainvault.h"
#include "core/keys/profilekeys.h"
#include "core/keys/profilestore.h"
#include "core/net/apiclient.h"
#include "core/session/session.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QUrl>

#include <memory>

struct Preferences;

// Everything one running console owns, built in dependency order: settings, network,
// keychain, profiles, the embedded sandbox when needed, and the Session on top; the history
// when openHistory() is first called.
// main() builds one; GUI tests build one against their own sandbox.
class AppServices final
{
public:
    struct Options
    {
        QUrl baseUrl;             // --base-url: its origin's saved profile, or a session one
        QString environmentKey;   // PI_API_KEY: a session-only key
        bool startSandbox = true; // with no profile at all, run the embedded sandbox
        QString historyPath;      // empty: the default under AppDataLocation
        QString keychainService = QStringLiteral("Pi Console");
        // Tests only: a vault to use instead of the keychain, and a clock for the rate-limit
        // countdowns instead of the system's. Both must outlive the AppServices.
        KeyVault *vault = nullptr;
        const Clock *clock = nullptr;
    };

    explicit AppServices(const Options &options);
    // Gives the calls still on their way quitGraceMs to finish and records the rest as not
    // finished, then writes what the history still has queued.
    ~AppServices();
    static constexpr int quitGraceMs = 2000;

    // The one thing a request tab talks to; profiles and keys are reached through it.
    Session *session() const { return m_session.get(); }
    QSettings &settings() { return m_settings; } // AppConfigLocation/pi-console.conf
    // What the Profiles dialog tests a key with.
    ApiClient *client() { return &m_client; }
    // Where keys are kept: the keychain, or Options::vault.
    KeyVault &vault() { return m_vault; }
    // Answers proxies' 407s from the keychain; the window sets who is asked otherwise.
    ProxyAuth *proxyAuth() { return &m_proxyAuth; }
    // Null unless this run started the embedded sandbox (no profile at all).
    EmbeddedSandbox *sandbox() const { return m_sandbox.get(); }
    // Null until openHistory(): the window opens it after its first paint, or when the first
    // call starts if that comes sooner.
    HistoryStore *history() const { return m_history.get(); }

    // Opens the history (once; later calls return it) and hands it to the session. A file
    // that cannot be used is moved aside or replaced by one in memory, and its database()
    // message says so.
    HistoryStore *openHistory();

    // What --base-url does, at start or when a second launch hands one over: the saved
    // profile of that origin, else a session profile for it (the one this session already
    // made for the same URL, if any), made current. Returns it.
    Profile openBaseUrl(const QUrl &baseUrl);
    // Preferences take effect at once: the history's retention (pruned now) and the timeout
    // of the next call.
    void apply(const Preferences &preferences);

private:
    void openStartingProfile(const Options &options);
    void applyTimeout(const Preferences &preferences);

    QSettings m_settings;
    QNetworkAccessManager m_network;
    ApiClient m_client;
    std::unique_ptr<KeychainVault> m_keychain; // unless Options::vault
    KeyVault &m_vault;
    ProfileKeys m_keys;
    ProxyAuth m_proxyAuth;
    ProfileStore m_profiles;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<EmbeddedSandbox> m_sandbox;
    std::unique_ptr<Session> m_session;
    QString m_historyPath;
};
