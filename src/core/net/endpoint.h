#pragma once

#include <QString>
#include <QUrl>

// Where a call goes and with which key: a profile's base URL and its key, read from the
// keychain (or held in memory for the session) just before sending.
struct Endpoint
{
    QString profile; // its name, as the history shows it
    QString profileId;
    QUrl baseUrl;
    QString apiKey;
};
