#pragma once

#include "core/net/proxyauth.h"

#include <QDialog>

class QLabel;
class QLineEdit;

// Asked when a proxy answers 407 (accessible name "Proxy login"): its user name and
// password, which Pi Console keeps in the keychain. It names the proxy (host and port) and
// says when the last ones were refused.
class ProxyLoginDialog final : public QDialog
{
    Q_OBJECT

public:
    ProxyLoginDialog(const QString &proxy, bool rejected, QWidget *parent = nullptr);

    ProxyAuth::Credentials credentials() const;

    // The ProxyAuth::Ask of the window: a modal dialog over parent.
    static ProxyAuth::Ask asker(QWidget *parent);

private:
    QLineEdit *m_user;
    QLineEdit *m_password;
};
