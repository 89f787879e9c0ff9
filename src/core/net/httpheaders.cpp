#include "core/net/httpheaders.h"

#include <QCoreApplication>

#include <algorithm>

namespace Http {

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QString shown(const QByteArray &name)
{
    // Printable for the message: control characters as \xNN, so the message shows where.
    QString out;
    for (const char c : name.left(60)) {
        const auto u = static_cast<unsigned char>(c);
        out += u < 0x20 || u == 0x7f ? QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'))
                                     : QString(QLatin1Char(c));
    }
    return out;
}

} // namespace

QString problem(const QByteArray &name, const QByteArray &value)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Http", text);
    };
    if (name.isEmpty())
        return tr("A header has no name.");
    if (!std::all_of(name.cbegin(), name.cend(), isTokenChar))
        return tr("The header name \"%1\" holds a character a header name cannot have (a "
                  "space, a colon, a line break…): names are letters, digits and !#$%&'*+-.^_`|~.")
            .arg(shown(name));
    for (const char c : value) {
        if (c == '\r' || c == '\n')
            return tr("The value of the header \"%1\" holds a line break (CR or LF): it would "
                      "end that header and start another one. Remove it.")
                .arg(shown(name));
        if (c == '\0')
            return tr("The value of the header \"%1\" holds a NUL character. Remove it.")
                .arg(shown(name));
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return tr("The value of the header \"%1\" holds the control character \\x%2. "
                      "Remove it.")
                .arg(shown(name))
                .arg(u, 2, 16, QLatin1Char('0'));
    }
    return {};
}

QString problem(const HttpHeaders &headers)
{
    for (const auto &h : headers) {
        const QString why = problem(h.first, h.second);
        if (!why.isEmpty())
            return why;
    }
    return {};
}

bool isFraming(const QByteArray &name)
{
    for (const char *framing : {"host", "content-length", "transfer-encoding", "connection", "te",
                                "upgrade", "keep-alive", "trailer", "expect"}) {
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    }
    return name.toLower().startsWith("proxy-");
}

} // namespace Http
