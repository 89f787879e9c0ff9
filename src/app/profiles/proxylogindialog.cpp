#include "app/profiles/proxylogindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

ProxyLoginDialog::ProxyLoginDialog(const QString &proxy, bool rejected, QWidget *parent)
    : QDialog(parent)
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
{
    setWindowTitle(tr("Proxy login"));
    setAccessibleName(tr("Proxy login"));
    setObjectName(QStringLiteral("proxyLoginDialog"));
    auto *intro = new QLabel(
        (rejected ? tr("The last call through the proxy %1 failed after it was given a user name "
                       "and password: they may be wrong (or the server behind it failed).")
                  : tr("The proxy %1 asks for a user name and password."))
                .arg(proxy) +
            QLatin1Char(' ') +
            tr("Pi Console keeps them in the keychain, never in its settings or history."),
        this);
    intro->setWordWrap(true);
    intro->setObjectName(QStringLiteral("proxyLoginText"));
    m_user->setObjectName(QStringLiteral("proxyUserEdit"));
    m_user->setAccessibleName(tr("Proxy user name"));
    m_password->setObjectName(QStringLiteral("proxyPasswordEdit"));
    m_password->setAccessibleName(tr("Proxy password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *login = buttons->addButton(tr("&Log in"), QDialogButtonBox::AcceptRole);
    login->setObjectName(QStringLiteral("proxyLoginButton"));
    login->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(440, sizeHint().height());
}

ProxyAuth::Credentials ProxyLoginDialog::credentials() const
{
    return {m_user->text(), m_password->text()};
}

ProxyAuth::Ask ProxyLoginDialog::asker(QWidget *parent)
{
    QPointer<QWidget> window(parent);
    return [window](const QString &proxy, bool rejected, ProxyAuth::Credentials *given) {
        ProxyLoginDialog dialog(proxy, rejected, window);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        *given = dialog.credentials();
        return !given->user.isEmpty();
    };
}
