#include "sandboxrequest.h"

QByteArray SandboxRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

bool SandboxRequest::hasHeader(const QByteArray &name) const
{
    return !header(name).isNull();
}
