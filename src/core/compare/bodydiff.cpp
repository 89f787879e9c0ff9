#include "bodydiff.h"

#include "jsondiff.h"
#include "linediff.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {

constexpr int maxListed = 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("BodyDiff", text);
}

QJsonValue parsed(const QByteArray &bytes, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    *ok = error.error == QJsonParseError::NoError && !doc.isNull();
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

void compareJson(const QJsonValue &a, const QJsonValue &b, BodyDiff *out)
{
    using Kind = JsonDiff::Difference::Kind;
    const JsonDiff::Result r = JsonDiff::compare(a, b, maxListed);
    out->json = true;
    out->textA = r.textA;
    out->textB = r.textB;
    for (const JsonDiff::Difference &d : r.differences) {
        if (d.kind != Kind::Added)
            out->linesA.append(d.lineA);
        if (d.kind != Kind::Removed)
            out->linesB.append(d.lineB);
        out->places.append({d.lineA, d.lineB});
        switch (d.kind) {
        case Kind::Changed:
            out->differences.append(tr("%1: %2 → %3 (line %4 | line %5)")
                                        .arg(d.path, d.before, d.after, QString::number(d.lineA),
                                             QString::number(d.lineB)));
            break;
        case Kind::Added:
            out->differences.append(
                tr("%1: only in B, %2 (line %3)").arg(d.path, d.after, QString::number(d.lineB)));
            break;
        case Kind::Removed:
            out->differences.append(
                tr("%1: only in A, %2 (line %3)").arg(d.path, d.before, QString::number(d.lineA)));
            break;
        }
    }
    if (r.capped)
        out->note = tr("More than %1 differences: the first %1 are listed.").arg(maxListed);
}

void compareLines(const QString &a, const QString &b, BodyDiff *out)
{
    out->textA = a;
    out->textB = b;
    const LineDiff::Result r =
        LineDiff::compare(a.split(QLatin1Char('\n')), b.split(QLatin1Char('\n')));
    for (const LineDiff::Change &c : r.changes) {
        const bool removed = c.kind == LineDiff::Change::Kind::Removed;
        (removed ? out->linesA : out->linesB).append(c.line);
        if (out->differences.size() >= maxListed)
            continue;
        out->places.append({removed ? c.line : 0, removed ? 0 : c.line});
        out->differences.append(
            (removed ? tr("line %1 only in A: %2") : tr("line %1 only in B: %2"))
                .arg(QString::number(c.line), c.text.left(200)));
    }
    if (r.approximate)
        out->note = tr("The bodies differ in too many lines to align them: the differing "
                       "stretch is shown as replaced whole.");
    else if (r.changes.size() > maxListed)
        out->note =
            tr("%1 lines differ: the first %2 are listed.").arg(r.changes.size()).arg(maxListed);
}

} // namespace

BodyDiff BodyDiff::compare(const QByteArray &a, const QByteArray &b, qint64 cap)
{
    BodyDiff out;
    const bool capped = a.size() > cap || b.size() > cap;
    const QByteArray ca = a.left(cap);
    const QByteArray cb = b.left(cap);
    bool jsonA = false;
    bool jsonB = false;
    const QJsonValue va = capped ? QJsonValue() : parsed(ca, &jsonA);
    const QJsonValue vb = capped ? QJsonValue() : parsed(cb, &jsonB);
    if (jsonA && jsonB) {
        compareJson(va, vb, &out);
        if (out.identical() && a != b)
            out.note = tr("The same JSON: only key order or whitespace differ.");
    } else {
        compareLines(QString::fromUtf8(ca), QString::fromUtf8(cb), &out);
    }
    if (capped) {
        const QString first = QLocale().formattedDataSize(cap);
        out.note = tr("Only the first %1 of each body were compared, line by line.").arg(first) +
                   (out.note.isEmpty() ? QString() : QLatin1Char(' ') + out.note);
    }
    return out;
}
