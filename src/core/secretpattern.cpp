#include "secretpattern.h"

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The byte written as hexadecimal digits at data[at], or -1.
int hexByte(QByteArrayView data, qsizetype at, int digits)
{
    if (at + digits > data.size())
        return -1;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const int d = hexDigit(data[at + i]);
        if (d < 0)
            return -1;
        value = value * 16 + d;
    }
    return value;
}

// How many bytes of data at `at` spell the one byte `wanted`, or 0.
qsizetype spelledLength(QByteArrayView data, qsizetype at, char wanted)
{
    const char c = data[at];
    if (c == wanted)
        return 1;
    const auto target = static_cast<unsigned char>(wanted);
    if (c == '%') {
        // %70, and %2570 for the same byte percent-encoded twice (or more).
        qsizetype k = at + 1;
        for (int depth = 0; depth < 4; ++depth) {
            const int value = hexByte(data, k, 2);
            if (value == target)
                return k + 2 - at;
            if (value != '%')
                return 0;
            k += 2;
        }
        return 0;
    }
    if (c == '&' && at + 3 < data.size() && data[at + 1] == '#') {
        // An HTML character reference: &#112; or &#x70;
        const bool hex = data[at + 2] == 'x' || data[at + 2] == 'X';
        qsizetype k = at + (hex ? 3 : 2);
        int value = 0;
        const qsizetype digitsFrom = k;
        while (k < data.size() && k - digitsFrom < 8) {
            const int d =
                hex ? hexDigit(data[k]) : (data[k] >= '0' && data[k] <= '9' ? data[k] - '0' : -1);
            if (d < 0)
                break;
            value = value * (hex ? 16 : 10) + d;
            ++k;
        }
        if (k > digitsFrom && k < data.size() && data[k] == ';' && value == target)
            return k + 1 - at;
        return 0;
    }
    if (c == '\\' && at + 1 < data.size()) {
        if (data[at + 1] == 'u' && target < 0x80 && hexByte(data, at + 2, 4) == target)
            return 6; // a JSON \u escape
        if (data[at + 1] == wanted)
            return 2; // a needless backslash escape
    }
    return 0;
}

} // namespace

SecretPattern::SecretPattern(const QByteArray &secret)
{
    if (secret.size() < minimumLength)
        return;
    m_secret = secret;
    if (secret.size() < 8)
        return; // the stable part of its base64 would be too short to mean anything
    // base64 turns 3 bytes into 4 characters, so the characters that encode the secret depend
    // on where it starts within a group of 3. For each start, keep only the characters made
    // of the secret's bits alone: they appear whatever surrounds the secret.
    for (int shift = 0; shift < 3; ++shift) {
        const QByteArray encoded =
            QByteArray(QByteArray(shift, '\0') + secret).toBase64(QByteArray::OmitTrailingEquals);
        const qsizetype first = (8 * shift + 5) / 6;
        const qsizetype end = 8 * (shift + secret.size()) / 6;
        const QByteArray core = encoded.mid(first, end - first);
        QByteArray urlSafe = core;
        urlSafe.replace('+', '-').replace('/', '_');
        for (const QByteArray &c : {core, urlSafe})
            if (!m_cores.contains(c))
                m_cores.append(c);
    }
    // As hexadecimal digits, either case.
    for (const QByteArray &hex : {secret.toHex(), secret.toHex().toUpper()})
        if (!m_cores.contains(hex))
            m_cores.append(hex);
}

qsizetype SecretPattern::encodedLengthAt(QByteArrayView data, qsizetype at) const
{
    qsizetype j = at;
    for (const char wanted : m_secret) {
        if (j >= data.size())
            return 0;
        const qsizetype n = spelledLength(data, j, wanted);
        if (n == 0)
            return 0;
        j += n;
    }
    return j - at;
}

SecretPattern::Match SecretPattern::find(QByteArrayView data, qsizetype from) const
{
    QList<qsizetype> next(m_cores.size(), -2);
    return find(data, from, &next);
}

SecretPattern::Match SecretPattern::find(QByteArrayView data, qsizetype from,
                                         QList<qsizetype> *nextCore) const
{
    Match best;
    if (!isValid())
        return best;
    qsizetype limit = data.size();
    for (qsizetype c = 0; c < m_cores.size(); ++c) {
        // Where each core next occurs is remembered between calls, so scanning a body with many
        // matches stays linear: a core is searched for again only once it has been passed.
        qsizetype &at = (*nextCore)[c];
        if (at == -2 || (at >= 0 && at < from))
            at = data.indexOf(m_cores.at(c), from);
        if (at >= 0 && at < limit) {
            best = {at, m_cores.at(c).size()};
            limit = at;
        }
    }
    const char first = m_secret.front();
    for (qsizetype i = from; i < limit; ++i) {
        const char c = data[i];
        if (c != first && c != '%' && c != '\\' && c != '&')
            continue;
        if (const qsizetype n = encodedLengthAt(data, i))
            return {i, n};
    }
    return best;
}

QByteArray SecretPattern::replaced(const QByteArray &data, QByteArrayView placeholder) const
{
    Match m = find(data);
    if (!m.found())
        return data;
    const auto replaceAll = [&](QByteArrayView with) {
        QByteArray out;
        out.reserve(data.size());
        qsizetype done = 0;
        QList<qsizetype> next(m_cores.size(), -2);
        for (Match at = find(data, 0, &next); at.found(); at = find(data, done, &next)) {
            out.append(QByteArrayView(data).sliced(done, at.at - done));
            out.append(with);
            done = at.at + at.length;
        }
        out.append(QByteArrayView(data).sliced(done));
        return out;
    };
    QByteArray out = replaceAll(placeholder);
    if (!find(out).found())
        return out;
    // The placeholder itself helped spell the secret (a secret such as "acted", or "d]bc"
    // before "bc"): a run of one character the secret does not hold, outside base64 and the
    // escapes, cannot.
    for (const char fill : QByteArrayView("#~!*")) {
        if (!m_secret.contains(fill))
            return replaceAll(QByteArray(placeholder.size(), fill));
    }
    return replaceAll(QByteArray(placeholder.size(), '\x01'));
}
