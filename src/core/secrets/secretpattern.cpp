#include "core/secrets/secretpattern.h"

#include <vector>

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

// HTML's named references of the ASCII characters a key or its encodings may hold.
struct NamedReference
{
    const char *name;
    char character;
};
constexpr NamedReference namedReferences[] = {
    {"lowbar", '_'}, {"UnderBar", '_'}, {"period", '.'}, {"colon", ':'}, {"sol", '/'},
    {"plus", '+'},   {"equals", '='},   {"amp", '&'},    {"AMP", '&'},   {"num", '#'},
    {"percnt", '%'}, {"dollar", '$'},   {"excl", '!'},   {"quest", '?'}, {"comma", ','},
    {"semi", ';'},   {"lpar", '('},     {"rpar", ')'},   {"ast", '*'},   {"midast", '*'},
    {"commat", '@'}, {"lsqb", '['},     {"rsqb", ']'},   {"lcub", '{'},  {"rcub", '}'},
    {"verbar", '|'}, {"vert", '|'},     {"bsol", '\\'},  {"Hat", '^'},   {"grave", '`'},
    {"quot", '"'},   {"QUOT", '"'},     {"apos", '\''},  {"lt", '<'},    {"gt", '>'},
};
constexpr qsizetype maxLeadingZeros = 48;

// Every way the bytes of data at `at` can spell the one byte `wanted`, by length: as itself,
// percent-encoded (%70, %2570…), as a JSON \u escape, a needless backslash escape or an HTML
// character reference. Returns how many lengths were written (at most 5).
int spellings(QByteArrayView data, qsizetype at, char wanted, qsizetype lengths[5])
{
    int n = 0;
    const char c = data[at];
    if (c == wanted)
        lengths[n++] = 1;
    const auto target = static_cast<unsigned char>(wanted);
    if (c == '%') {
        qsizetype k = at + 1;
        for (int depth = 0; depth < 4; ++depth) {
            const int value = hexByte(data, k, 2);
            if (value == target) {
                lengths[n++] = k + 2 - at;
                break;
            }
            if (value != '%')
                break;
            k += 2;
        }
    } else if (c == '&' && at + 3 < data.size() && data[at + 1] == '#') {
        const bool hex = data[at + 2] == 'x' || data[at + 2] == 'X';
        qsizetype k = at + (hex ? 3 : 2);
        // Leading zeros mean nothing ("&#0000000112;" is "p"); a few dozen are looked past.
        const qsizetype zerosFrom = k;
        while (k < data.size() && data[k] == '0' && k - zerosFrom < maxLeadingZeros)
            ++k;
        const bool zeros = k > zerosFrom;
        const qsizetype digitsFrom = k;
        qint64 value = 0; // at most 8 significant digits: no overflow
        while (k < data.size() && k - digitsFrom < 8) {
            const int d =
                hex ? hexDigit(data[k]) : (data[k] >= '0' && data[k] <= '9' ? data[k] - '0' : -1);
            if (d < 0)
                break;
            value = value * (hex ? 16 : 10) + d;
            ++k;
        }
        // HTML reads a reference without its ";" too ("&#112" before a letter is "p").
        if ((k > digitsFrom || zeros) && value == target)
            lengths[n++] = k < data.size() && data[k] == ';' ? k + 1 - at : k - at;
    } else if (c == '&' && at + 2 < data.size()) {
        // A named character reference ("&lowbar;" is "_").
        for (const NamedReference &ref : namedReferences) {
            const QByteArrayView name(ref.name);
            if (ref.character == wanted && at + 1 + name.size() < data.size() &&
                data.sliced(at + 1, name.size()) == name && data[at + 1 + name.size()] == ';') {
                lengths[n++] = name.size() + 2;
                break;
            }
        }
    } else if (c == '\\' && at + 1 < data.size()) {
        if (data[at + 1] == 'u' && target < 0x80 && hexByte(data, at + 2, 4) == target)
            lengths[n++] = 6;
        else if (data[at + 1] == wanted)
            lengths[n++] = 2;
    }
    return n;
}

} // namespace

SecretPattern::SecretPattern(const QByteArray &secret)
{
    if (secret.size() < minimumLength)
        return;
    m_secret = secret;
    // Short keys too: their base64 cores are short, and may now and then match other text,
    // which a key is not worth risking.
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
            if (c.size() >= minimumLength && !m_cores.contains(c))
                m_cores.append(c);
    }
    // As hexadecimal digits, either case.
    for (const QByteArray &hex : {secret.toHex(), secret.toHex().toUpper()})
        if (!m_cores.contains(hex))
            m_cores.append(hex);
}

qsizetype SecretPattern::encodedLengthAt(QByteArrayView data, qsizetype at) const
{
    std::vector<bool> failed; // made at the first choice: the states known to lead nowhere
    const qsizetype end = matchFrom(data, at, at, 0, failed);
    return end < 0 ? 0 : end - at;
}

qsizetype SecretPattern::matchFrom(QByteArrayView data, qsizetype at, qsizetype j, qsizetype k,
                                   std::vector<bool> &failed) const
{
    // A byte can be spelled more than one way ("%" as itself or as %25), so each way is tried;
    // states already known to fail are not tried twice, which keeps this linear in the key.
    if (k == m_secret.size())
        return j;
    if (j >= data.size())
        return -1;
    // No byte is spelled in more than 12 + maxLeadingZeros bytes.
    const qsizetype width = (16 + maxLeadingZeros) * (m_secret.size() + 1);
    const qsizetype slot = k * width + (j - at);
    if (!failed.empty() && failed[size_t(slot)])
        return -1;
    qsizetype lengths[5];
    const int n = spellings(data, j, m_secret[k], lengths);
    if (n > 1 && failed.empty())
        failed.assign(size_t((m_secret.size() + 1) * width), false);
    for (int i = 0; i < n; ++i) {
        const qsizetype end = matchFrom(data, at, j + lengths[i], k + 1, failed);
        if (end >= 0)
            return end;
    }
    if (!failed.empty())
        failed[size_t(slot)] = true;
    return -1;
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
