#include "core/compare/calldiff.h"

#include "core/secrets/redaction.h"

#include <QCoreApplication>

namespace {

constexpr qsizetype maxFieldChars = 500;

QString statusOf(const CallRecord &r)
{
    return r.outcome == CallRecord::Outcome::Completed ? QString::number(r.status) : r.errorText;
}

QString envelopeOf(const CallRecord &r)
{
    if (r.envelope.isEnvelope())
        return r.envelope.type + QLatin1Char(' ') + r.envelope.code + QStringLiteral(": ") +
               r.envelope.message;
    if (r.envelope.kind == ErrorEnvelope::Kind::NotEnvelope)
        return CallDiff::tr("not a Pi error envelope");
    return {};
}

QString timingOf(const CallRecord &r)
{
    if (r.timing.doneMs < 0)
        return {};
    return CallDiff::tr("%1 ms: %2").arg(QString::number(r.timing.doneMs), r.timing.describe());
}

// Header values by lower-cased name, repeated headers joined as HTTP joins them.
QList<std::pair<QString, QString>> normalized(const HttpHeaders &headers)
{
    QList<std::pair<QString, QString>> out;
    for (const auto &h : headers) {
        const QString name = QString::fromLatin1(h.first);
        const QString value = QString::fromUtf8(h.second);
        auto it = std::find_if(out.begin(), out.end(), [&name](const auto &p) {
            return p.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (it == out.end())
            out.append({name, value});
        else
            it->second += QStringLiteral(", ") + value;
    }
    return out;
}

QList<CallDiff::HeaderChange> compareHeaders(const HttpHeaders &a, const HttpHeaders &b)
{
    using Kind = CallDiff::HeaderChange::Kind;
    const auto na = normalized(a);
    const auto nb = normalized(b);
    const auto find = [](const auto &list, const QString &name) -> const QString * {
        for (const auto &p : list)
            if (p.first.compare(name, Qt::CaseInsensitive) == 0)
                return &p.second;
        return nullptr;
    };
    QList<CallDiff::HeaderChange> out;
    for (const auto &[name, value] : na) {
        const QString *other = find(nb, name);
        if (!other)
            out.append({Kind::Removed, name, value, {}});
        else if (*other != value)
            out.append({Kind::Changed, name, value, *other});
    }
    for (const auto &[name, value] : nb)
        if (!find(na, name))
            out.append({Kind::Added, name, {}, value});
    return out;
}

void appendHeaders(QStringList *lines, const QString &title,
                   const QList<CallDiff::HeaderChange> &changes)
{
    if (changes.isEmpty())
        return;
    lines->append(title);
    for (const CallDiff::HeaderChange &c : changes) {
        switch (c.kind) {
        case CallDiff::HeaderChange::Kind::Added:
            lines->append(QStringLiteral("  + %1: %2").arg(c.name, c.b));
            break;
        case CallDiff::HeaderChange::Kind::Removed:
            lines->append(QStringLiteral("  - %1: %2").arg(c.name, c.a));
            break;
        case CallDiff::HeaderChange::Kind::Changed:
            lines->append(QStringLiteral("  ~ %1: %2 → %3").arg(c.name, c.a, c.b));
            break;
        }
    }
}

void appendBody(QStringList *lines, const QString &title, const BodyDiff &d)
{
    if (d.identical() && d.note.isEmpty())
        return;
    lines->append(title + (d.json ? CallDiff::tr(" (compared as JSON)") : QString()));
    for (const QString &line : d.differences)
        lines->append(QStringLiteral("  ") + line);
    if (!d.note.isEmpty())
        lines->append(QStringLiteral("  (") + d.note + QLatin1Char(')'));
}

} // namespace

QString CallDiff::title(const CallRecord &r)
{
    if (r.id == 0) // not a recorded call: what the composer holds now
        return QCoreApplication::translate("CallDiff", "the composer, not sent");
    return QStringLiteral("#%1 · %2")
        .arg(QString::number(r.id),
             r.startedUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")));
}

CallDiff CallDiff::compare(const CallRecord &original, const CallRecord &other, qint64 bodyCap,
                           const std::atomic_bool *cancel)
{
    const CallRecord a = Redaction::record(original);
    const CallRecord b = Redaction::record(other);
    CallDiff d;
    d.titleA = title(a);
    d.titleB = title(b);
    const auto field = [&d](const QString &name, const QString &va, const QString &vb) {
        const auto cut = [](const QString &s) {
            return s.size() > maxFieldChars ? s.left(maxFieldChars) + QStringLiteral("…") : s;
        };
        d.fields.append({name, cut(va), cut(vb)});
    };
    field(CallDiff::tr("Request"),
          QString::fromLatin1(a.method) + QLatin1Char(' ') + a.url.toDisplayString(),
          QString::fromLatin1(b.method) + QLatin1Char(' ') + b.url.toDisplayString());
    field(CallDiff::tr("Profile"), a.profile, b.profile);
    field(CallDiff::tr("Status"), statusOf(a), statusOf(b));
    field(CallDiff::tr("Error"), envelopeOf(a), envelopeOf(b));
    field(CallDiff::tr("Request ID"), QString::fromLatin1(a.requestId()),
          QString::fromLatin1(b.requestId()));
    field(CallDiff::tr("Idempotency key"), QString::fromLatin1(a.idempotencyKey),
          QString::fromLatin1(b.idempotencyKey));
    field(CallDiff::tr("Replayed"), a.replayed ? CallDiff::tr("yes") : CallDiff::tr("no"),
          b.replayed ? CallDiff::tr("yes") : CallDiff::tr("no"));
    field(CallDiff::tr("Timing"), timingOf(a), timingOf(b));
    d.requestHeaders = compareHeaders(a.requestHeaders, b.requestHeaders);
    d.responseHeaders = compareHeaders(a.responseHeaders, b.responseHeaders);
    d.requestBody = BodyDiff::compare(a.requestBody, b.requestBody, bodyCap, cancel);
    d.responseBody = BodyDiff::compare(a.responseBody, b.responseBody, bodyCap, cancel);
    return d;
}

QString CallDiff::toText() const
{
    QStringList lines;
    lines.append(CallDiff::tr("Pi Console: call comparison"));
    lines.append(QStringLiteral("A: ") + titleA);
    lines.append(QStringLiteral("B: ") + titleB);
    for (const Field &f : fields) {
        if (f.differs())
            lines.append(QStringLiteral("~ %1: %2 | %3").arg(f.name, f.a, f.b));
        else if (!f.a.isEmpty())
            lines.append(QStringLiteral("  %1: %2").arg(f.name, f.a));
    }
    appendHeaders(&lines, CallDiff::tr("Request headers (A → B):"), requestHeaders);
    appendBody(&lines, CallDiff::tr("Request body:"), requestBody);
    if (requestBody.identical() && requestBody.note.isEmpty())
        lines.append(CallDiff::tr("Request body: identical"));
    appendHeaders(&lines, CallDiff::tr("Response headers (A → B):"), responseHeaders);
    appendBody(&lines, CallDiff::tr("Response body:"), responseBody);
    if (responseBody.identical() && responseBody.note.isEmpty())
        lines.append(CallDiff::tr("Response body: identical"));
    return Redaction::scrub(lines.join(QLatin1Char('\n')));
}
