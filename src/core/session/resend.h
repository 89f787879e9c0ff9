#pragma once

#include "core/keys/profile.h"
#include "core/net/apirequest.h"

#include <QString>

// A recorded call about to go again, as the Session planned it: the profile it goes to (the
// call's own), and the request with the idempotency key it goes with. A plan that cannot go
// has an invalid profile and, in refusal, what the person should be told.
struct Resend
{
    Profile profile;
    ApiRequest request;
    QString refusal;
    QString note; // what the person should know of a plan that goes (headers left out, say)

    bool canGo() const { return profile.isValid(); }
};
