#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

#include <atomic>

// Two JSON values compared by meaning: key order and whitespace are not differences. Each
// difference is named by its JSON path ($.items[0].sku) and placed on its line in the
// pretty-printed text of each side, so a view can put the two texts side by side and mark it.
// Linear in the size of the values: lines are counted as the walk goes, and a path is spelled
// out only for a difference (its keys cut to 64 characters).
namespace JsonDiff {

struct Difference
{
    enum class Kind
    {
        Added,   // only in B
        Removed, // only in A
        Changed, // in both, with another value or type
    };
    Kind kind = Kind::Changed;
    QString path;
    QString before; // A's value, compact (empty when added)
    QString after;  // B's value, compact (empty when removed)
    int lineA = 0;  // 1-based line in textA (the parent's line when only in B)
    int lineB = 0;  // 1-based line in textB (the parent's line when only in A)
};

struct Result
{
    QString textA; // pretty-printed, keys sorted, two-space indent
    QString textB;
    QList<Difference> differences;
    bool capped = false;    // more differences than the cap: the rest are not listed
    bool cancelled = false; // *cancel was set before the end
};

Result compare(const QJsonValue &a, const QJsonValue &b, int maxDifferences = 1000,
               const std::atomic_bool *cancel = nullptr);

// "$.a", "$.list[2]", "$[\"odd key\"]": the path of key or index under parent.
QString childPath(const QString &parent, const QString &key);
QString childPath(const QString &parent, qsizetype index);

} // namespace JsonDiff
