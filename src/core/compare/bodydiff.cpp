#include "core/compare/bodydiff.h"

#include "core/base/readable.h"
#include "core/compare/jsondiff.h"
#include "core/compare/linediff.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringDecoder>

namespace {

constexpr int maxListed = 1000;
constexpr int maxRowChars = 300;
constexpr qsizetype hexShown = 16 * 1024;

QString shortened(const QString &text)
{
    return text.size() > maxRowChars ? text.left(maxRowChars) + QStringLiteral("…") : text;
}

QJsonValue parsed(const QByteArray &bytes, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    *ok = error.error == QJsonParseError::NoError && !doc.isNull();
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

// Text a person can read line by line: valid UTF-8 without NUL bytes. A body cut at the cap
// may end inside a character: up to three bytes at the end are let go.
bool isText(const QByteArray &bytes, bool cut, QString *text)
{
    if (bytes.contains('\0'))
        return false;
    for (qsizetype drop = 0; drop <= (cut ? 3 : 0) && drop <= bytes.size(); ++drop) {
        QStringDecoder decoder(QStringDecoder::Utf8);
        *text = decoder(QByteArrayView(bytes).chopped(drop));
        if (!decoder.hasError())
            return true;
    }
    return false;
}

QString hexDump(const QByteArray &bytes)
{
    QString out;
    const QByteArray shown = bytes.left(hexShown);
    for (qsizetype at = 0; at < shown.size(); at += 16)
        out += QStringLiteral("%1  %2\n")
                   .arg(at, 8, 16, QLatin1Char('0'))
                   .arg(QString::fromLatin1(shown.mid(at, 16).toHex(' ')));
    if (bytes.size() > shown.size())
        out += BodyDiff::tr("… (%1 more bytes)\n").arg(bytes.size() - shown.size());
    return out;
}

void compareJson(const QJsonValue &a, const QJsonValue &b, const std::atomic_bool *cancel,
                 BodyDiff *out)
{
    using Kind = JsonDiff::Difference::Kind;
    const JsonDiff::Result r = JsonDiff::compare(a, b, maxListed, cancel);
    out->json = true;
    out->textA = r.textA;
    out->textB = r.textB;
    for (const JsonDiff::Difference &d : r.differences) {
        if (d.kind != Kind::Added)
            out->linesA.append(d.lineA);
        if (d.kind != Kind::Removed)
            out->linesB.append(d.lineB);
        out->places.append({d.lineA, d.lineB});
        QString row;
        switch (d.kind) {
        case Kind::Changed:
            row = BodyDiff::tr("%1: %2 → %3 (line %4 | line %5)")
                      .arg(d.path, d.before, d.after, QString::number(d.lineA),
                           QString::number(d.lineB));
            break;
        case Kind::Added:
            row = BodyDiff::tr("%1: only in B, %2 (line %3)")
                      .arg(d.path, d.after, QString::number(d.lineB));
            break;
        case Kind::Removed:
            row = BodyDiff::tr("%1: only in A, %2 (line %3)")
                      .arg(d.path, d.before, QString::number(d.lineA));
            break;
        }
        out->differences.append(shortened(row));
    }
    if (r.capped)
        out->note =
            BodyDiff::tr("More than %1 differences: the first %1 are listed.").arg(maxListed);
}

void compareLines(const QString &a, const QString &b, const std::atomic_bool *cancel, BodyDiff *out)
{
    out->textA = a;
    out->textB = b;
    const LineDiff::Result r = LineDiff::compare(a.split(QLatin1Char('\n')),
                                                 b.split(QLatin1Char('\n')), 4'000'000, cancel);
    for (const LineDiff::Change &c : r.changes) {
        const bool removed = c.kind == LineDiff::Change::Kind::Removed;
        (removed ? out->linesA : out->linesB).append(c.line);
        if (out->differences.size() >= maxListed)
            continue;
        out->places.append({removed ? c.line : 0, removed ? 0 : c.line});
        out->differences.append(shortened((removed ? BodyDiff::tr("line %1 only in A: %2")
                                                   : BodyDiff::tr("line %1 only in B: %2"))
                                              .arg(QString::number(c.line), c.text)));
    }
    if (r.approximate)
        out->note = BodyDiff::tr("The bodies differ in too many lines to align them: the differing "
                                 "stretch is shown as replaced whole.");
    else if (r.changes.size() > maxListed)
        out->note = BodyDiff::tr("%1 lines differ: the first %2 are listed.")
                        .arg(r.changes.size())
                        .arg(maxListed);
}

void compareBytes(const QByteArray &a, const QByteArray &b, BodyDiff *out)
{
    out->textA = hexDump(a);
    out->textB = hexDump(b);
    if (a == b)
        return;
    qsizetype at = 0;
    while (at < a.size() && at < b.size() && a.at(at) == b.at(at))
        ++at;
    const int line = int(at / 16) + 1;
    out->linesA.append(line);
    out->linesB.append(line);
    out->places.append({line, line});
    out->differences.append(
        BodyDiff::tr("binary bodies: they differ from byte %1 on (A %2 bytes, B %3 "
                     "bytes)")
            .arg(at)
            .arg(a.size())
            .arg(b.size()));
}

} // namespace

BodyDiff BodyDiff::compare(const QByteArray &a, const QByteArray &b, qint64 cap,
                           const std::atomic_bool *cancel)
{
    BodyDiff out;
    const bool capped = a.size() > cap || b.size() > cap;
    const QByteArray ca = a.left(cap);
    const QByteArray cb = b.left(cap);
    bool jsonA = false;
    bool jsonB = false;
    const QJsonValue va = capped ? QJsonValue() : parsed(ca, &jsonA);
    const QJsonValue vb = capped ? QJsonValue() : parsed(cb, &jsonB);
    QString textA;
    QString textB;
    if (jsonA && jsonB) {
        compareJson(va, vb, cancel, &out);
        // Pi compares bytes, not meanings: say so when only the writing differs.
        if (out.identical() && a != b)
            out.note =
                BodyDiff::tr("The same JSON value written with other bytes (key order, whitespace, "
                             "escapes, number spelling or a repeated key): Pi compares the bytes, "
                             "so the same idempotency key with these two bodies gets a 409.");
    } else if (isText(ca, a.size() > cap, &textA) && isText(cb, b.size() > cap, &textB)) {
        compareLines(textA, textB, cancel, &out);
    } else {
        compareBytes(ca, cb, &out);
    }
    if (capped) {
        const QString first = Readable::size(cap);
        out.note = BodyDiff::tr("Only the first %1 of each body were compared.").arg(first) +
                   (out.note.isEmpty() ? QString() : QLatin1Char(' ') + out.note);
    }
    if (cancel && cancel->load())
        out.note = BodyDiff::tr("The comparison was stopped.");
    return out;
}
