#pragma once

#include "core/net/networksettings.h"

#include <QString>
#include <QUrl>

// Where a call goes and with which key: a profile's base URL and its key, read from the
// keychain (or held in memory for the session) just before sending.
struct Endpoint
{
    Endpoint() = default;
    Endpoint(QString profile_, QString profileId_, QUrl baseUrl_, QString apiKey_,
             NetworkSettings network_ = {}, QString clientPassphrase_ = {})
        : profile(std::move(profile_))
        , profileId(std::move(profileId_))
        , baseUrl(std::move(baseUrl_))
        , apiKey(std::move(apiKey_))
        , network(std::move(network_))
        , clientPassphrase(std::move(clientPassphrase_))
    {}

    QString profile; // its name, as the history shows it
    QString profileId;
    QUrl baseUrl;
    QString apiKey;
    NetworkSettings network;  // the profile's proxy and certificates
    QString clientPassphrase; // from the keychain, when the client certificate has one
};
