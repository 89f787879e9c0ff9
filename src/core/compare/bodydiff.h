#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

// Two bodies compared the way a person reads them: as JSON by path when both are JSON, line
// by line when both are text, by their first differing byte otherwise. Bounded by a byte cap
// per body, with a note when it applied.
struct BodyDiff
{
    Q_DECLARE_TR_FUNCTIONS(BodyDiff) // ends in "private:"

public:
    static constexpr qint64 defaultCap = 1024 * 1024;

    bool json = false;
    QString textA; // what to show side by side (pretty-printed when JSON)
    QString textB;
    QList<int> linesA; // 1-based lines that differ, to mark
    QList<int> linesB;
    QStringList differences;           // one line each: "$.amount: 10 → 11 (line 2 | line 2)"
    QList<std::pair<int, int>> places; // per difference: its line in A and in B (0: none)
    QString note;                      // capped, approximate, or same JSON written differently

    bool identical() const { return differences.isEmpty(); }

    static BodyDiff compare(const QByteArray &a, const QByteArray &b, qint64 cap = defaultCap,
                            const std::atomic_bool *cancel = nullptr);
};
