#pragma once

#include "history/historystore.h"
#include "keys/keychainvault.h"
#include "keys/profilekeys.h"
#include "keys/profilestore.h"
#include "net/apiclient.h"
#include "session/session.h"
#include "startup/embeddedsandbox.h"

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
    ~AppServices();

    QSettings settings; // AppConfigLocation/pi-console.conf
    QNetworkAccessManager network;
    ApiClient client;
    std::unique_ptr<KeychainVault> keychain; // unless Options::vault
    KeyVault &vault;
    ProfileKeys keys;
    ProfileStore profiles;
    // Null until openHistory(): the window opens it after its first paint, or when the first
    // call starts if that comes sooner.
    std::unique_ptr<HistoryStore> history;
    std::unique_ptr<EmbeddedSandbox> sandbox;
    std::unique_ptr<Session> session;

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

    QString m_historyPath;
};
