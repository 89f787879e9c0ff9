#pragma once

#include "core/keys/profile.h"

#include <QDialog>

#include <memory>

class ApiClient;
class Session;

namespace Ui {
class ProfilesDialog;
}

// Profiles and their keys: name, base URL, and the key set, replaced or removed in the
// keychain (or kept for this session only), shown masked, with a one-click test.
class ProfilesDialog final : public QDialog
{
    Q_OBJECT

public:
    ProfilesDialog(Session *session, ApiClient *client, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

private:
    void reloadList(const QString &selectId);
    void showProfile();
    Profile editedProfile() const;
    void saveProfile();
    void saveKey(bool sessionOnly);
    void removeProfile();
    void removeKey();
    void testKey();
    // GET /v1/ping with this key and certificate passphrase, its outcome said below.
    void testWith(const Profile &p, const QString &key, const QString &passphrase);
    void refreshStoredKey();
    void say(const QString &text, bool problem = false);

    std::unique_ptr<Ui::ProfilesDialog> m_ui;
    Session *m_session;
    ApiClient *m_client;
    QString m_currentId;
};
