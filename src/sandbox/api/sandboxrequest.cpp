#include "sandbox/api/sandboxrequest.h"

QByteArray SandboxRequest::header(const QByteArray &name) const
{
    return Http::value(headers, name);
}

bool SandboxRequest::hasHeader(const QByteArray &name) const
{
    return Http::contains(headers, name);
}
