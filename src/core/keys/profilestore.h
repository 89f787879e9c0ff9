#pragma once

#include "core/keys/profile.h"

#include <QList>
#include <QObject>

class QSettings;

// The saved profiles, in QSettings under [profiles]; session-only profiles live beside them
// in memory. No secret is written here, ever.
class ProfileStore final : public QObject
{
    Q_OBJECT

public:
    explicit ProfileStore(QSettings *settings, QObject *parent = nullptr);

    QList<Profile> profiles() const { return m_profiles; }
    Profile find(const QString &id) const;
    // The saved profile of baseUrl's origin (scheme, host and port, as SendPolicy::sameOrigin
    // compares them): the one with this very base URL if there is one, else the first.
    // Invalid when none is saved.
    Profile findSaved(const QUrl &baseUrl) const;
    // Adds or replaces by id; saved unless session-only. Returns the stored profile.
    Profile upsert(Profile profile);
    void remove(const QString &id);
    QString currentId() const;
    void setCurrentId(const QString &id);

Q_SIGNALS:
    void changed();

private:
    void load();
    void save();

    QSettings *m_settings;
    QList<Profile> m_profiles;
    QString m_currentId;
};
