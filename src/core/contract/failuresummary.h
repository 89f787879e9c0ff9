#pragma once

#include "core/net/callrecord.h"
#include <QCoreApplication>

#include <QDateTime>
#include <QString>

// Why a call failed, in one line, from what Pi Console knows: the envelope, the rate-limit
// state, the contract check and the network error; with the one action that helps most.
struct FailureSummary
{
    Q_DECLARE_TR_FUNCTIONS(FailureSummary) // ends in "private:"

public:
    enum class Action
    {
        None,
        SendAtReset, // resend the call when the rate-limit window resets
        TestKey,     // open the profiles, where the key can be tested or replaced
        Compare,     // compare with the first call made with this idempotency key
        Profiles,    // check the profile's base URL
        Retry,       // send the call again (same idempotency key when it has one)
    };

    QString text; // empty for a call that did not fail
    Action action = Action::None;
    QString actionText;

    // `original`: the first call with this idempotency key, when the history has it (id 0
    // when not); `now` is when the line is shown, for "(in 0:41)".
    static FailureSummary of(const CallRecord &record, const CallRecord &original = {},
                             const QDateTime &now = QDateTime::currentDateTimeUtc());
};
