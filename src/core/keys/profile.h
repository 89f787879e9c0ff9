#pragma once

#include "core/net/networksettings.h"

#include <QString>
#include <QUrl>

// A named place to send calls: a base URL and, by reference, a key in the keychain. The
// profile's id names its keychain entry; the key itself is never part of a profile.
struct Profile
{
    Profile() = default;
    Profile(QString id_, QString name_, QUrl baseUrl_, bool sessionOnly_ = false,
            bool embeddedSandbox_ = false, NetworkSettings network_ = {})
        : id(std::move(id_))
        , name(std::move(name_))
        , baseUrl(std::move(baseUrl_))
        , sessionOnly(sessionOnly_)
        , embeddedSandbox(embeddedSandbox_)
        , network(std::move(network_))
    {}

    QString id;
    QString name;
    QUrl baseUrl;
    bool sessionOnly = false; // from --base-url or the embedded sandbox: not saved
    // The embedded sandbox's: its port changes every run and its demo key is set every run,
    // so no key is saved for it (that would save the profile at a port gone tomorrow).
    bool embeddedSandbox = false;
    NetworkSettings network; // its proxy and certificates; network.embeddedSandbox is set
                             // from embeddedSandbox when its calls are sent

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid() && !baseUrl.host().isEmpty(); }
};
