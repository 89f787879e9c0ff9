#pragma once

#include "core/base/jsontext.h"
#include "core/net/callrecord.h"

#include <QByteArray>

class QWidget;

// The questions asked before a call goes out when sending it may not do what the person
// means: a body that is not JSON, a rate limit already spent, a retry whose body was edited.
// Each is a modal box whose default spends nothing.
namespace SendWarnings {

// "Send it anyway?" for a body that is not valid JSON; true to send.
bool confirmInvalidJson(QWidget *parent, const JsonText::Check &check);

enum class RateLimitChoice
{
    Cancel,
    SendAtReset,
    SendNow
};
// The key has no requests left in the window that resets in waitMs.
RateLimitChoice rateLimitReached(QWidget *parent, qint64 waitMs);

enum class EditedBodyChoice
{
    Cancel,
    SendOriginal,
    UseNewKey
};
// A retry of `record` while the composer holds another body for the same call. "Show
// differences" opens the comparison of the two and asks again.
EditedBodyChoice editedBody(QWidget *parent, const CallRecord &record,
                            const QByteArray &composedBody);

} // namespace SendWarnings
