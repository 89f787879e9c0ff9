#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// What a call does with a redirect, by the request's own rules at every hop: https never goes
// down to http, cleartext goes only to this machine, and once a chain has left the origin the
// key, cookies and credential headers do not follow it, nor does the request body, whatever
// the status and the method. A pure decision, so that PendingCall only carries it out.
namespace RedirectPolicy {

bool isRedirect(int status);
// Headers that carry credentials by their name: dropped when a redirect leaves the origin.
bool isCredentialHeader(const QByteArray &name);

// The hop a redirect asks for.
struct Hop
{
    QUrl addressed;      // the URL the call was made to
    QUrl current;        // the URL that answered with the redirect
    QByteArray location; // its Location header, as sent
    int status = 0;      // 301, 302, 303, 307 or 308
    QByteArray method;   // of the current hop
    QByteArray body;     // sent on the current hop
    bool withKey = true; // the current hop carried the key (the chain is still at its origin)
    int redirectsSoFar = 0;
    int maxRedirects = 5;
};

struct Next
{
    QString refusal;      // when not empty, the call ends here with it
    bool tooMany = false; // the refusal is a network error (a loop), not a policy refusal
    QUrl url;
    QByteArray method;
    QByteArray body;
    bool withKey = false;
    QString note; // for the record: where it went, and what was left behind
};

Next follow(const Hop &hop);

} // namespace RedirectPolicy
