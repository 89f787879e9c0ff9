#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

// Two texts compared line by line: the lines of A not in B and of B not in A, from the
// longest common subsequence of the lines that differ after the common start and end.
// Bounded: past maxCells of comparison work, the differing middle is reported as replaced
// whole, and the result says so.
namespace LineDiff {

struct Change
{
    enum class Kind
    {
        Removed, // a line of A that B does not have
        Added,   // a line of B that A does not have
    };
    Kind kind = Kind::Removed;
    int line = 0; // 1-based, in A for Removed, in B for Added
    QString text;
};

struct Result
{
    QList<Change> changes; // in reading order
    bool approximate = false;
    bool cancelled = false;
};

Result compare(const QStringList &a, const QStringList &b, qint64 maxCells = 4'000'000,
               const std::atomic_bool *cancel = nullptr);

} // namespace LineDiff
