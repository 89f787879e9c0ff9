#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

// The demo resource of the sandbox: charges created per API key. Each created charge is one
// billable unit; a replayed POST creates nothing, so it bills nothing.
class ChargeBook final
{
public:
    QJsonObject create(const QString &apiKey, qint64 amount, const QString &currency,
                       const QString &description, qint64 nowMs);
    // The charge, or an empty object when this key has none with that id.
    QJsonObject find(const QString &apiKey, const QString &id) const;
    // Newest first, after the charge `startingAfter` when given. Sets *hasMore.
    QList<QJsonObject> page(const QString &apiKey, int limit, const QString &startingAfter,
                            bool *hasMore, bool *cursorFound) const;
    int billableSince(const QString &apiKey, qint64 sinceMs) const;

private:
    struct Charge
    {
        QJsonObject json;
        qint64 createdMs = 0;
    };
    QHash<QString, QList<Charge>> m_charges; // per API key, oldest first
};
