#pragma once

#include "core/compare/bodydiff.h"
#include "core/net/callrecord.h"
#include <QCoreApplication>

#include <QList>
#include <QString>

// Two calls side by side: the request line, headers added, removed and changed, both bodies,
// status, error envelope, request IDs and timing. Pure and thread-safe: the comparison view
// runs it on a worker so a large body never freezes the window.
struct CallDiff
{
    Q_DECLARE_TR_FUNCTIONS(CallDiff) // ends in "private:"

public:
    struct Field
    {
        QString name;
        QString a;
        QString b;
        bool differs() const { return a != b; }
    };
    struct HeaderChange
    {
        enum class Kind
        {
            Added,
            Removed,
            Changed
        };
        Kind kind = Kind::Changed;
        QString name;
        QString a;
        QString b;
    };

    QString titleA; // "#12 · 2026-11-26 12:01:07 UTC"
    QString titleB;
    QList<Field> fields;
    QList<HeaderChange> requestHeaders;
    QList<HeaderChange> responseHeaders;
    BodyDiff requestBody;
    BodyDiff responseBody;

    // Both records pass the redaction first, so nothing shown or copied holds a key, not even
    // a value cut short. *cancel, when set, stops the work early.
    static CallDiff compare(const CallRecord &a, const CallRecord &b,
                            qint64 bodyCap = BodyDiff::defaultCap,
                            const std::atomic_bool *cancel = nullptr);
    static QString title(const CallRecord &r);
    // The whole comparison as plain text for a ticket, through the redaction.
    QString toText() const;
};
