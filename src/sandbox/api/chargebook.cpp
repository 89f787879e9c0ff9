#include "sandbox/api/chargebook.h"

#include <QUuid>

QJsonObject ChargeBook::create(const QString &apiKey, qint64 amount, const QString &currency,
                               const QString &description, qint64 nowMs)
{
    const QString id = QStringLiteral("ch_") + QUuid::createUuid().toString(QUuid::Id128).left(24);
    QJsonObject charge{
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("charge")},
        {QStringLiteral("amount"), amount},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("description"), description},
        {QStringLiteral("created"), nowMs / 1000},
    };
    m_charges[apiKey].append(Charge{charge, nowMs});
    return charge;
}

QJsonObject ChargeBook::find(const QString &apiKey, const QString &id) const
{
    for (const Charge &c : m_charges.value(apiKey)) {
        if (c.json.value(QLatin1String("id")).toString() == id)
            return c.json;
    }
    return {};
}

QList<QJsonObject> ChargeBook::page(const QString &apiKey, int limit, const QString &startingAfter,
                                    bool *hasMore, bool *cursorFound) const
{
    const QList<Charge> all = m_charges.value(apiKey);
    qsizetype index = all.size() - 1; // newest first
    *cursorFound = startingAfter.isEmpty();
    if (!startingAfter.isEmpty()) {
        for (qsizetype i = all.size() - 1; i >= 0; --i) {
            if (all.at(i).json.value(QLatin1String("id")).toString() == startingAfter) {
                index = i - 1;
                *cursorFound = true;
                break;
            }
        }
    }
    QList<QJsonObject> out;
    if (!*cursorFound) {
        *hasMore = false;
        return out;
    }
    for (; index >= 0 && out.size() < limit; --index)
        out.append(all.at(index).json);
    *hasMore = index >= 0;
    return out;
}

int ChargeBook::billableSince(const QString &apiKey, qint64 sinceMs) const
{
    int n = 0;
    const QList<Charge> list = m_charges.value(apiKey);
    for (auto it = list.crbegin(); it != list.crend() && it->createdMs >= sinceMs; ++it)
        ++n;
    return n;
}
