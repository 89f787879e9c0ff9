#include "jsondiff.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace JsonDiff {

namespace {

constexpr int maxValueChars = 200;

QString scalarText(const QJsonValue &v)
{
    // Qt's own writer, so numbers and escapes read exactly as QJsonDocument writes them.
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString compactText(const QJsonValue &v)
{
    QString text;
    if (v.isObject())
        text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    else if (v.isArray())
        text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    else
        text = scalarText(v);
    if (text.size() > maxValueChars)
        text = text.left(maxValueChars) + QStringLiteral("…");
    return text;
}

// Writes a value pretty-printed and remembers the line each path starts on.
class Printer
{
public:
    QString text;
    QHash<QString, int> lineOf;

    void print(const QJsonValue &v, const QString &path, int indent, const QString &prefix,
               bool comma)
    {
        lineOf.insert(path, m_line);
        const QString pad(indent * 2, QLatin1Char(' '));
        const QString end = comma ? QStringLiteral(",") : QString();
        if (v.isObject() && !v.toObject().isEmpty()) {
            line(pad + prefix + QLatin1Char('{'));
            const QJsonObject o = v.toObject();
            qsizetype i = 0;
            for (auto it = o.begin(); it != o.end(); ++it, ++i)
                print(it.value(), childPath(path, it.key()), indent + 1,
                      scalarText(it.key()) + QStringLiteral(": "), i + 1 < o.size());
            line(pad + QLatin1Char('}') + end);
        } else if (v.isArray() && !v.toArray().isEmpty()) {
            line(pad + prefix + QLatin1Char('['));
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                print(a.at(i), childPath(path, i), indent + 1, {}, i + 1 < a.size());
            line(pad + QLatin1Char(']') + end);
        } else {
            line(pad + prefix + compactText(v) + end);
        }
    }

private:
    void line(const QString &s)
    {
        text += s + QLatin1Char('\n');
        ++m_line;
    }
    int m_line = 1;
};

struct Walker
{
    const QHash<QString, int> &linesA;
    const QHash<QString, int> &linesB;
    int max;
    Result *out;

    bool full() const { return out->differences.size() >= max; }

    void add(Difference::Kind kind, const QString &path, const QString &parent, const QJsonValue *a,
             const QJsonValue *b)
    {
        if (full()) {
            out->capped = true;
            return;
        }
        Difference d;
        d.kind = kind;
        d.path = path;
        d.before = a ? compactText(*a) : QString();
        d.after = b ? compactText(*b) : QString();
        d.lineA = linesA.value(a ? path : parent, 1);
        d.lineB = linesB.value(b ? path : parent, 1);
        out->differences.append(d);
    }

    void walk(const QJsonValue &a, const QJsonValue &b, const QString &path, const QString &parent)
    {
        if (a.isObject() && b.isObject()) {
            const QJsonObject oa = a.toObject();
            const QJsonObject ob = b.toObject();
            QStringList keys = oa.keys() + ob.keys();
            keys.sort();
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            for (const QString &k : std::as_const(keys)) {
                const QString child = childPath(path, k);
                const QJsonValue va = oa.value(k);
                const QJsonValue vb = ob.value(k);
                if (!oa.contains(k))
                    add(Difference::Kind::Added, child, path, nullptr, &vb);
                else if (!ob.contains(k))
                    add(Difference::Kind::Removed, child, path, &va, nullptr);
                else
                    walk(va, vb, child, path);
            }
        } else if (a.isArray() && b.isArray()) {
            const QJsonArray aa = a.toArray();
            const QJsonArray ab = b.toArray();
            for (qsizetype i = 0; i < std::max(aa.size(), ab.size()); ++i) {
                const QString child = childPath(path, i);
                const QJsonValue va = aa.at(i);
                const QJsonValue vb = ab.at(i);
                if (i >= aa.size())
                    add(Difference::Kind::Added, child, path, nullptr, &vb);
                else if (i >= ab.size())
                    add(Difference::Kind::Removed, child, path, &va, nullptr);
                else
                    walk(va, vb, child, path);
            }
        } else if (a != b) {
            add(Difference::Kind::Changed, path, parent, &a, &b);
        }
    }
};

} // namespace

QString childPath(const QString &parent, const QString &key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (identifier.match(key).hasMatch())
        return parent + QLatin1Char('.') + key;
    return parent + QLatin1Char('[') + scalarText(key) + QLatin1Char(']');
}

QString childPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

Result compare(const QJsonValue &a, const QJsonValue &b, int maxDifferences)
{
    const QString root = QStringLiteral("$");
    Printer pa;
    pa.print(a, root, 0, {}, false);
    Printer pb;
    pb.print(b, root, 0, {}, false);
    Result out;
    out.textA = pa.text;
    out.textB = pb.text;
    Walker walker{pa.lineOf, pb.lineOf, maxDifferences, &out};
    walker.walk(a, b, root, root);
    return out;
}

} // namespace JsonDiff
