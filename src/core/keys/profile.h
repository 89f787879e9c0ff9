#pragma once

#include <QString>
#include <QUrl>

// A named place to send calls: a base URL and, by reference, a key in the keychain. The
// profile's id names its keychain entry; the key itself is never part of a profile.
struct Profile
{
    QString id;
    QString name;
    QUrl baseUrl;
    bool sessionOnly = false; // from --base-url or the embedded sandbox: not saved
    // The embedded sandbox's: its port changes every run and its demo key is set every run,
    // so no key is saved for it (that would save the profile at a port gone tomorrow).
    bool embeddedSandbox = false;

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid() && !baseUrl.host().isEmpty(); }
};
