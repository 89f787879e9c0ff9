#include "sandbox/server/requesthead.h"

#include <QList>

#include <cstring>

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool hasControl(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

RequestHead refuse(RequestHead head, const QString &why)
{
    head.ok = false;
    head.error = why;
    return head;
}

} // namespace

qsizetype RequestHead::endOf(QByteArrayView data, qsizetype from)
{
    // A bare LF ends the head at once, to be refused by parse(): Qt's parser takes it for a
    // line end, so a head the guard waited on for its CRLFs would reach Qt unseen.
    for (qsizetype lf = data.indexOf('\n', from); lf >= 0; lf = data.indexOf('\n', lf + 1)) {
        if (lf == 0 || data.at(lf - 1) != '\r')
            return lf + 1;
        if (lf >= 3 && data.at(lf - 3) == '\r' && data.at(lf - 2) == '\n')
            return lf + 1;
    }
    return -1;
}

RequestHead RequestHead::parse(QByteArrayView block)
{
    RequestHead head;
    for (qsizetype lf = block.indexOf('\n'); lf >= 0; lf = block.indexOf('\n', lf + 1)) {
        if (lf == 0 || block.at(lf - 1) != '\r')
            return refuse(head, QStringLiteral("Lines must end with CR LF, not LF alone."));
    }
    QByteArrayView rest = block;
    if (rest.endsWith("\r\n\r\n"))
        rest.chop(2); // keep the last field's own line end
    QList<QByteArrayView> lines;
    while (!rest.isEmpty()) {
        const qsizetype eol = rest.indexOf(QByteArrayView("\r\n"));
        if (eol < 0) {
            lines.append(rest);
            break;
        }
        lines.append(rest.first(eol));
        rest = rest.sliced(eol + 2);
    }
    if (lines.isEmpty())
        return refuse(head, QStringLiteral("The request is empty."));

    const QByteArrayView requestLine = lines.first();
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return refuse(head, QStringLiteral("The request line is not METHOD TARGET VERSION."));
    head.method = requestLine.first(sp1).toByteArray();
    head.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    head.version = requestLine.sliced(sp2 + 1).toByteArray();
    if (!isToken(head.method))
        return refuse(head, QStringLiteral("The method is not a token."));
    if (hasControl(head.target))
        return refuse(head, QStringLiteral("The request target holds a control character."));
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0")
        return refuse(head, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are spoken here."));

    QByteArray connection;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return refuse(head, QStringLiteral("Folded header lines are not accepted."));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(head, QStringLiteral("A header line is not NAME: VALUE."));
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (hasControl(value))
            return refuse(head, QStringLiteral("A header value holds a control character."));
        const QByteArray name = line.first(colon).toByteArray();
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool isNumber = !value.isEmpty() && value.size() <= 18;
            for (const char c : value)
                isNumber = isNumber && c >= '0' && c <= '9';
            if (!isNumber)
                return refuse(head, QStringLiteral("Content-Length is not a number."));
            const qint64 length = value.toLongLong();
            // Even twice alike: Qt's parser refuses that, so the guard decides it first.
            if (head.contentLength >= 0)
                return refuse(head, QStringLiteral("Content-Length is given twice."));
            head.contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            if (value.compare("chunked", Qt::CaseInsensitive) != 0 || head.chunked)
                return refuse(head, QStringLiteral("Only Transfer-Encoding: chunked is accepted."));
            head.chunked = true;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            connection = value.toByteArray().toLower();
        }
        head.headers.append({name, value.toByteArray()});
    }
    if (head.chunked && head.contentLength >= 0)
        return refuse(head, QStringLiteral("Content-Length and Transfer-Encoding together are "
                                           "not accepted."));
    head.close = connection.contains("close") ||
                 (head.version == "HTTP/1.0" && !connection.contains("keep-alive"));
    head.ok = true;
    return head;
}
