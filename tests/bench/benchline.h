#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <cstdio>

// `make bench` prints every figure as one JSON line:
// {"bench": …, "what": …, "value": …, "unit": …, "target": …, "met": …, …details}.
// A figure with a target is met when it is at most the target (or at least it, for one where
// more is better); a figure without one is context for the others. A bench exits non-zero
// only when it could not measure, so `make bench` runs them all and a missed target reads
// "met": false.
namespace BenchLine {

enum class Better
{
    Lower,
    Higher,
};

// Three decimals are more than any of these figures can tell apart.
inline double rounded(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

inline void printObject(const QJsonObject &line)
{
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// Prints the figure and returns whether it met its target.
inline bool print(const char *bench, const QString &what, double value, const char *unit,
                  double target, const QJsonObject &details = {}, Better better = Better::Lower)
{
    const bool met = better == Better::Lower ? value <= target : value >= target;
    QJsonObject line{{QStringLiteral("bench"), QLatin1String(bench)},
                     {QStringLiteral("what"), what},
                     {QStringLiteral("value"), rounded(value)},
                     {QStringLiteral("unit"), QLatin1String(unit)},
                     {QStringLiteral("target"), target},
                     {QStringLiteral("met"), met}};
    for (auto it = details.begin(); it != details.end(); ++it)
        line.insert(it.key(), it.value());
    printObject(line);
    return met;
}

// A figure with no target of its own.
inline void note(const char *bench, const QString &what, double value, const char *unit,
                 const QJsonObject &details = {})
{
    QJsonObject line{{QStringLiteral("bench"), QLatin1String(bench)},
                     {QStringLiteral("what"), what},
                     {QStringLiteral("value"), rounded(value)},
                     {QStringLiteral("unit"), QLatin1String(unit)}};
    for (auto it = details.begin(); it != details.end(); ++it)
        line.insert(it.key(), it.value());
    printObject(line);
}

} // namespace BenchLine
