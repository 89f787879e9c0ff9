#include "core/compare/linediff.h"

#include <vector>

namespace LineDiff {

Result compare(const QStringList &a, const QStringList &b, qint64 maxCells,
               const std::atomic_bool *cancel)
{
    Result out;
    qsizetype start = 0;
    while (start < a.size() && start < b.size() && a.at(start) == b.at(start))
        ++start;
    qsizetype endA = a.size();
    qsizetype endB = b.size();
    while (endA > start && endB > start && a.at(endA - 1) == b.at(endB - 1)) {
        --endA;
        --endB;
    }
    const qsizetype n = endA - start;
    const qsizetype m = endB - start;
    const auto removed = [&](qsizetype i) {
        out.changes.append({Change::Kind::Removed, int(i + 1), a.at(i)});
    };
    const auto added = [&](qsizetype j) {
        out.changes.append({Change::Kind::Added, int(j + 1), b.at(j)});
    };
    if (qint64(n) * qint64(m) > maxCells) {
        out.approximate = true;
        for (qsizetype i = start; i < endA; ++i)
            removed(i);
        for (qsizetype j = start; j < endB; ++j)
            added(j);
        return out;
    }
    // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const qsizetype width = m + 1;
    std::vector<quint32> lcs(size_t((n + 1) * width), 0);
    for (qsizetype i = n - 1; i >= 0; --i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            out.cancelled = true;
            return out;
        }
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[size_t(i * width + j)] =
                a.at(start + i) == b.at(start + j)
                    ? lcs[size_t((i + 1) * width + j + 1)] + 1
                    : std::max(lcs[size_t((i + 1) * width + j)], lcs[size_t(i * width + j + 1)]);
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(start + i) == b.at(start + j)) {
            ++i;
            ++j;
        } else if (i < n &&
                   (j == m || lcs[size_t((i + 1) * width + j)] >= lcs[size_t(i * width + j + 1)])) {
            removed(start + i++); // A's line first, as a unified diff reads
        } else {
            added(start + j++);
        }
    }
    return out;
}

} // namespace LineDiff
