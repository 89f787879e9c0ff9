#include "core/compare/jsondiff.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

namespace JsonDiff {

namespace {

constexpr int maxValueChars = 200;
constexpr int maxKeyChars = 64;

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

bool isContainer(const QJsonValue &v)
{
    return (v.isObject() && !v.toObject().isEmpty()) || (v.isArray() && !v.toArray().isEmpty());
}

// Pretty-prints a value: one line per scalar, member and bracket, keys sorted (QJsonObject
// keeps them so). The walk below counts lines by the same rule.
void print(const QJsonValue &v, int indent, const QString &prefix, bool comma, QString *out)
{
    const QString pad(indent * 2, QLatin1Char(' '));
    const QString end = comma ? QStringLiteral(",") : QString();
    if (v.isObject() && !v.toObject().isEmpty()) {
        *out += pad + prefix + QStringLiteral("{\n");
        const QJsonObject o = v.toObject();
        qsizetype i = 0;
        for (auto it = o.begin(); it != o.end(); ++it, ++i)
            print(it.value(), indent + 1, scalarText(it.key()) + QStringLiteral(": "),
                  i + 1 < o.size(), out);
        *out += pad + QLatin1Char('}') + end + QLatin1Char('\n');
    } else if (v.isArray() && !v.toArray().isEmpty()) {
        *out += pad + prefix + QStringLiteral("[\n");
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            print(a.at(i), indent + 1, {}, i + 1 < a.size(), out);
        *out += pad + QLatin1Char(']') + end + QLatin1Char('\n');
    } else {
        *out += pad + prefix + compactText(v) + end + QLatin1Char('\n');
    }
}

// Each value's node count and line count, in print order (pre-order), so the walk can find
// any member's line without counting it again: linear in the size of the value.
struct Layout
{
    std::vector<int> nodes;
    std::vector<int> lines;

    int add(const QJsonValue &v)
    {
        const int index = int(nodes.size());
        nodes.push_back(1);
        lines.push_back(1);
        if (!isContainer(v))
            return index;
        int n = 1;
        int l = 2;
        const auto child = [&](const QJsonValue &c) {
            const int i = add(c);
            n += nodes[size_t(i)];
            l += lines[size_t(i)];
        };
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                child(it.value());
        } else {
            for (const QJsonValue &c : v.toArray())
                child(c);
        }
        nodes[size_t(index)] = n;
        lines[size_t(index)] = l;
        return index;
    }
};

// Where a value is: its pre-order index and its first line.
struct Place
{
    int index = 0;
    int line = 1;
};

class Walker
{
public:
    Walker(const Layout &a, const Layout &b, int max, const std::atomic_bool *cancel, Result *out)
        : m_a(a)
        , m_b(b)
        , m_max(max)
        , m_cancel(cancel)
        , m_out(out)
    {}

    void walk(const QJsonValue &a, const QJsonValue &b, Place pa, Place pb)
    {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            m_out->cancelled = true;
        if (stopped())
            return;
        if (a.isObject() && b.isObject() && isContainer(a) && isContainer(b))
            walkObjects(a.toObject(), b.toObject(), pa, pb);
        else if (a.isArray() && b.isArray() && isContainer(a) && isContainer(b))
            walkArrays(a.toArray(), b.toArray(), pa, pb);
        else if (a != b)
            add(Difference::Kind::Changed, &a, &b, pa.line, pb.line);
    }

private:
    bool stopped() const { return m_out->cancelled || m_out->capped; }

    static Place next(const Layout &layout, Place p)
    {
        return {p.index + layout.nodes[size_t(p.index)], p.line + layout.lines[size_t(p.index)]};
    }

    void walkObjects(const QJsonObject &a, const QJsonObject &b, Place pa, Place pb)
    {
        // B's members by key, with where each is; then A's in print order, then B's own.
        QHash<QString, Place> inB;
        inB.reserve(b.size());
        Place at{pb.index + 1, pb.line + 1};
        for (auto it = b.begin(); it != b.end(); ++it) {
            inB.insert(it.key(), at);
            at = next(m_b, at);
        }
        at = {pa.index + 1, pa.line + 1};
        for (auto it = a.begin(); it != a.end() && !stopped(); ++it) {
            push(it.key());
            const QJsonValue v = it.value();
            if (const auto found = inB.constFind(it.key()); found != inB.constEnd())
                walk(v, b.value(it.key()), at, *found);
            else
                add(Difference::Kind::Removed, &v, nullptr, at.line, pb.line);
            pop();
            at = next(m_a, at);
        }
        for (auto it = b.begin(); it != b.end() && !stopped(); ++it) {
            if (a.contains(it.key()))
                continue;
            push(it.key());
            const QJsonValue v = it.value();
            add(Difference::Kind::Added, nullptr, &v, pa.line, inB.value(it.key()).line);
            pop();
        }
    }

    void walkArrays(const QJsonArray &a, const QJsonArray &b, Place pa, Place pb)
    {
        Place atA{pa.index + 1, pa.line + 1};
        Place atB{pb.index + 1, pb.line + 1};
        for (qsizetype i = 0; i < std::max(a.size(), b.size()) && !stopped(); ++i) {
            push(i);
            if (i >= a.size()) {
                const QJsonValue v = b.at(i);
                add(Difference::Kind::Added, nullptr, &v, pa.line, atB.line);
            } else if (i >= b.size()) {
                const QJsonValue v = a.at(i);
                add(Difference::Kind::Removed, &v, nullptr, atA.line, pb.line);
            } else {
                walk(a.at(i), b.at(i), atA, atB);
            }
            pop();
            if (i < a.size())
                atA = next(m_a, atA);
            if (i < b.size())
                atB = next(m_b, atB);
        }
    }

    void push(const QString &key)
    {
        m_segments.append(
            {key.size() > maxKeyChars ? key.left(maxKeyChars) + QStringLiteral("…") : key, -1});
    }
    void push(qsizetype index) { m_segments.append({QString(), index}); }
    void pop() { m_segments.removeLast(); }

    QString path() const
    {
        QString p = QStringLiteral("$");
        for (const auto &[key, index] : m_segments)
            p = index >= 0 ? childPath(p, index) : childPath(p, key);
        return p;
    }

    void add(Difference::Kind kind, const QJsonValue *a, const QJsonValue *b, int lineA, int lineB)
    {
        if (m_out->differences.size() >= m_max) {
            m_out->capped = true;
            return;
        }
        Difference d;
        d.kind = kind;
        d.path = path();
        d.before = a ? compactText(*a) : QString();
        d.after = b ? compactText(*b) : QString();
        d.lineA = lineA;
        d.lineB = lineB;
        m_out->differences.append(d);
    }

    const Layout &m_a;
    const Layout &m_b;
    int m_max;
    const std::atomic_bool *m_cancel;
    Result *m_out;
    QList<std::pair<QString, qsizetype>> m_segments;
};

} // namespace

QString childPath(const QString &parent, const QString &key)
{
    bool identifier = !key.isEmpty() && !key.at(0).isDigit();
    for (const QChar c : key)
        identifier =
            identifier && c.unicode() < 128 && (c.isLetterOrNumber() || c == QLatin1Char('_'));
    if (identifier)
        return parent + QLatin1Char('.') + key;
    return parent + QLatin1Char('[') + scalarText(key) + QLatin1Char(']');
}

QString childPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

Result compare(const QJsonValue &a, const QJsonValue &b, int maxDifferences,
               const std::atomic_bool *cancel)
{
    Result out;
    print(a, 0, {}, false, &out.textA);
    print(b, 0, {}, false, &out.textB);
    Layout la;
    la.add(a);
    Layout lb;
    lb.add(b);
    Walker(la, lb, maxDifferences, cancel, &out).walk(a, b, {0, 1}, {0, 1});
    return out;
}

} // namespace JsonDiff
