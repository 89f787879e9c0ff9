#include "core/secrets/redaction.h"

#include <QMutex>

#include <algorithm>

#include <memory>

namespace Redaction {

namespace {

using PatternList = QList<SecretPattern>;

// Both are never destroyed: Qt prints its last log lines while static objects are torn down
// at exit, and each of those lines is still scrubbed.
QMutex &registryLock()
{
    static auto *lock = new QMutex;
    return *lock;
}

std::shared_ptr<const PatternList> &registry()
{
    static auto *list =
        new std::shared_ptr<const PatternList>(std::make_shared<const PatternList>());
    return *list;
}

bool isSecretHeader(const QByteArray &name)
{
    for (const char *secret : {"authorization", "proxy-authorization", "cookie", "set-cookie"}) {
        if (name.compare(secret, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray replacedAll(const QByteArray &data, const PatternList &list)
{
    QByteArray out = data;
    for (const SecretPattern &p : list)
        out = p.replaced(out, placeholder);
    // Nothing replaced (replaced() hands back its input then): no pattern occurs in it.
    if (out.isSharedWith(data))
        return out;
    if (std::none_of(list.cbegin(), list.cend(),
                     [&out](const SecretPattern &p) { return p.occursIn(out); }))
        return out;
    // The placeholder helped spell one of the keys. A run of a character that no key holds,
    // outside base64 and the escapes, cannot: no match can reach into it.
    char fill = '\x01';
    for (const char candidate : QByteArrayView("#~!*")) {
        if (std::none_of(list.cbegin(), list.cend(), [candidate](const SecretPattern &p) {
                return p.secret().contains(candidate);
            })) {
            fill = candidate;
            break;
        }
    }
    out = data;
    for (const SecretPattern &p : list)
        out = p.replaced(out, QByteArray(placeholder.size(), fill));
    return out;
}

QString replacedAll(const QString &data, const PatternList &list)
{
    if (data.isEmpty() || list.isEmpty())
        return data;
    const QByteArray utf8 = data.toUtf8();
    const QByteArray out = replacedAll(utf8, list);
    return out.size() == utf8.size() && out == utf8 ? data : QString::fromUtf8(out);
}

// Whether the registry holds a pattern of exactly this secret.
bool holdsPattern(const QByteArray &secret)
{
    QMutexLocker lock(&registryLock());
    const PatternList &list = *registry();
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const SecretPattern &p) { return p.secret() == secret; });
}

QtMessageHandler &previousHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}

void scrubbingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QtMessageHandler next = previousHandler())
        next(type, context, scrub(message));
}

} // namespace

void rememberSecret(const QString &apiKey)
{
    // Every call remembers its key: one already known costs a comparison, not its spellings.
    const QByteArray secret = apiKey.toUtf8();
    if (holdsPattern(secret))
        return;
    const SecretPattern pattern(secret);
    if (!pattern.isValid())
        return;
    QMutexLocker lock(&registryLock());
    for (const SecretPattern &p : *registry())
        if (p.secret() == pattern.secret())
            return;
    auto grown = std::make_shared<PatternList>(*registry());
    grown->append(pattern);
    registry() = std::move(grown);
}

qsizetype longestSecret()
{
    QMutexLocker lock(&registryLock());
    qsizetype longest = 0;
    for (const SecretPattern &p : *registry())
        longest = std::max(longest, p.secret().size());
    return longest;
}

QList<SecretPattern> patterns(const QString &extraKey)
{
    PatternList list;
    {
        QMutexLocker lock(&registryLock());
        list = *registry();
    }
    const QByteArray secret = extraKey.toUtf8();
    if (secret.size() < SecretPattern::minimumLength ||
        std::any_of(list.cbegin(), list.cend(),
                    [&](const SecretPattern &p) { return p.secret() == secret; }))
        return list;
    list.append(SecretPattern(secret));
    return list;
}

QByteArray bytes(const QByteArray &data, const QString &apiKey)
{
    return replacedAll(data, patterns(apiKey));
}

QString text(const QString &data, const QString &apiKey)
{
    return replacedAll(data, patterns(apiKey));
}

QByteArray scrub(const QByteArray &data)
{
    return bytes(data);
}

QString scrub(const QString &data)
{
    return text(data);
}

QString excerpt(const QByteArray &value, qsizetype maxChars)
{
    return QString::fromLatin1(scrub(value).left(maxChars));
}

bool holdsSecret(const QString &text)
{
    const QByteArray data = text.toUtf8();
    const PatternList list = patterns();
    return std::any_of(list.cbegin(), list.cend(),
                       [&data](const SecretPattern &p) { return p.occursIn(data); });
}

namespace {

HttpHeaders headersWith(const HttpHeaders &in, const PatternList &list)
{
    HttpHeaders out;
    out.reserve(in.size());
    for (const auto &h : in) {
        if (isSecretHeader(h.first)) {
            const bool bearer = h.second.trimmed().startsWith("Bearer ");
            out.append({h.first, bearer ? "Bearer " + placeholder : placeholder});
        } else {
            out.append({replacedAll(h.first, list), replacedAll(h.second, list)});
        }
    }
    return out;
}

} // namespace

HttpHeaders headers(const HttpHeaders &in, const QString &apiKey)
{
    return headersWith(in, patterns(apiKey));
}

CallRecord record(const CallRecord &in, const QString &apiKey)
{
    const PatternList list = patterns(apiKey);
    CallRecord r = in;
    const QByteArray url = in.url.toEncoded();
    const QByteArray cleanUrl = replacedAll(url, list);
    if (cleanUrl != url)
        r.url = QUrl::fromEncoded(cleanUrl);
    r.method = replacedAll(in.method, list);
    r.profile = replacedAll(in.profile, list);
    r.requestHeaders = headersWith(in.requestHeaders, list);
    r.requestBody = replacedAll(in.requestBody, list);
    r.idempotencyKey = replacedAll(in.idempotencyKey, list);
    r.errorText = replacedAll(in.errorText, list);
    r.responseHeaders = headersWith(in.responseHeaders, list);
    r.responseBody = replacedAll(in.responseBody, list);
    r.headerRequestId = replacedAll(in.headerRequestId, list);
    for (QString *field :
         {&r.envelope.type, &r.envelope.code, &r.envelope.message, &r.envelope.requestId})
        *field = replacedAll(*field, list);
    for (QStringList *lines : {&r.envelope.problems, &r.contractProblems, &r.notes})
        for (QString &line : *lines)
            line = replacedAll(line, list);
    return r;
}

void installLogFilter()
{
    static const bool installed = [] {
        previousHandler() = qInstallMessageHandler(scrubbingHandler);
        return true;
    }();
    Q_UNUSED(installed);
}

QString maskKey(const QString &apiKey)
{
    if (apiKey.isEmpty())
        return {};
    const qsizetype underscore = apiKey.indexOf(QLatin1Char('_'));
    const QString prefix =
        underscore > 0 && underscore < 8 ? apiKey.left(underscore + 1) : QString();
    if (apiKey.size() < 12)
        return prefix + QStringLiteral("…");
    return prefix + QStringLiteral("…") + apiKey.right(4);
}

} // namespace Redaction
