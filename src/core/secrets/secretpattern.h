#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <vector>

// One secret and the ways it can be written in a request or an answer: as it is, percent-
// encoded (once or twice, a character at a time or all of it), as JSON \u escapes or HTML
// character references, in hexadecimal, and in base64 (standard or URL-safe, at any
// alignment, so "Basic base64(key:)" is found too).
// The leak guard and the redaction use the same pattern, so what the guard lets out is
// exactly what the redaction leaves alone.
class SecretPattern
{
public:
    // Shorter secrets are ignored: they would match ordinary text.
    static constexpr qsizetype minimumLength = 4;

    explicit SecretPattern(const QByteArray &secret);

    bool isValid() const { return !m_secret.isEmpty(); }
    const QByteArray &secret() const { return m_secret; }

    struct Match
    {
        qsizetype at = -1;
        qsizetype length = 0;
        bool found() const { return at >= 0; }
    };
    // The first match at or after from.
    Match find(QByteArrayView data, qsizetype from = 0) const;
    bool occursIn(QByteArrayView data) const { return find(data).found(); }
    // Every match replaced by the placeholder; data unchanged (not copied) when none.
    QByteArray replaced(const QByteArray &data, QByteArrayView placeholder) const;

private:
    qsizetype encodedLengthAt(QByteArrayView data, qsizetype at) const;
    qsizetype matchFrom(QByteArrayView data, qsizetype at, qsizetype j, qsizetype k,
                        std::vector<bool> &failed) const;
    // find() that remembers where each core next occurs, across calls over the same data.
    Match find(QByteArrayView data, qsizetype from, QList<qsizetype> *nextCore) const;

    QByteArray m_secret;
    // Spellings found by plain search: the part of each base64 encoding that no neighbour
    // changes, and the hexadecimal digits in either case.
    QList<QByteArray> m_cores;
};
