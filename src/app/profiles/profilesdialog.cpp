#include "app/profiles/profilesdialog.h"

#include "app/common/colors.h"
#include "core/net/apiclient.h"
#include "core/net/proxyrules.h"
#include "core/net/sendpolicy.h"
#include "core/secrets/redaction.h"
#include "core/session/session.h"
#include "ui_profilesdialog.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

ProfilesDialog::ProfilesDialog(Session *session, ApiClient *client, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProfilesDialog>())
    , m_session(session)
    , m_client(client)
{
    m_ui->setupUi(this);
    connect(m_ui->profileList, &QListWidget::currentRowChanged, this, &ProfilesDialog::showProfile);
    connect(m_ui->addButton, &QPushButton::clicked, this, [this] {
        const Profile p = m_session->profiles()->upsert(
            {QString(), tr("New profile"), QUrl(QStringLiteral("https://api.pi.example")), false});
        reloadList(p.id);
        m_ui->nameEdit->setFocus();
        m_ui->nameEdit->selectAll();
    });
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        if (m_currentId.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Remove profile"),
                                  tr("Remove this profile and its key from the keychain?")) !=
            QMessageBox::Yes)
            return;
        removeProfile();
    });
    connect(m_ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ProfilesDialog::saveProfile);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->saveKeyButton, &QPushButton::clicked, this, [this] { saveKey(false); });
    connect(m_ui->sessionKeyButton, &QPushButton::clicked, this, [this] { saveKey(true); });
    connect(m_ui->removeKeyButton, &QPushButton::clicked, this, &ProfilesDialog::removeKey);
    connect(m_ui->testKeyButton, &QPushButton::clicked, this, &ProfilesDialog::testKey);
    connect(m_ui->proxyCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_ui->proxyEdit->setEnabled(m_ui->proxyCombo->isEnabled() &&
                                    index == int(NetworkSettings::Proxy::Own));
    });
    const auto browse = [this](QLineEdit *edit, const QString &title, const QString &filter) {
        const QString chosen = QFileDialog::getOpenFileName(this, title, edit->text(), filter);
        if (!chosen.isEmpty())
            edit->setText(chosen);
    };
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, [this, browse] {
        browse(m_ui->caFileEdit, tr("Trusted certificate authorities"),
               tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    });
    connect(m_ui->clientCertBrowseButton, &QPushButton::clicked, this, [this, browse] {
        browse(m_ui->clientCertEdit, tr("Client certificate"),
               tr("Certificates (*.pem *.p12 *.pfx);;All files (*)"));
    });
    reloadList(m_session->currentProfile().id);
}

ProfilesDialog::~ProfilesDialog() = default;

void ProfilesDialog::reloadList(const QString &selectId)
{
    m_ui->profileList->clear();
    int select = 0;
    const QList<Profile> profiles = m_session->profiles()->profiles();
    for (int i = 0; i < profiles.size(); ++i) {
        auto *item = new QListWidgetItem(profiles.at(i).sessionOnly
                                             ? tr("%1 (this session)").arg(profiles.at(i).name)
                                             : profiles.at(i).name);
        item->setData(Qt::UserRole, profiles.at(i).id);
        m_ui->profileList->addItem(item);
        if (profiles.at(i).id == selectId)
            select = i;
    }
    if (!profiles.isEmpty())
        m_ui->profileList->setCurrentRow(select);
    else
        showProfile();
}

void ProfilesDialog::showProfile()
{
    const QListWidgetItem *item = m_ui->profileList->currentItem();
    m_currentId = item ? item->data(Qt::UserRole).toString() : QString();
    const Profile p = m_session->profiles()->find(m_currentId);
    m_ui->nameEdit->setText(p.name);
    m_ui->baseUrlEdit->setText(p.baseUrl.toString());
    m_ui->proxyCombo->setCurrentIndex(int(p.network.proxy));
    m_ui->proxyEdit->setText(p.network.proxyUrl.toString());
    m_ui->caFileEdit->setText(p.network.caFile);
    m_ui->clientCertEdit->setText(p.network.clientCertificate);
    m_ui->passphraseEdit->clear();
    m_ui->keyEdit->clear();
    m_ui->messageLabel->clear();
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->nameEdit), static_cast<QWidget *>(m_ui->baseUrlEdit),
          static_cast<QWidget *>(m_ui->keyEdit), static_cast<QWidget *>(m_ui->saveKeyButton),
          static_cast<QWidget *>(m_ui->sessionKeyButton),
          static_cast<QWidget *>(m_ui->removeKeyButton),
          static_cast<QWidget *>(m_ui->testKeyButton), static_cast<QWidget *>(m_ui->networkGroup)})
        w->setEnabled(p.isValid());
    // The embedded sandbox is on this machine and never behind a proxy.
    m_ui->networkGroup->setEnabled(p.isValid() && !p.embeddedSandbox);
    m_ui->proxyEdit->setEnabled(m_ui->networkGroup->isEnabled() &&
                                p.network.proxy == NetworkSettings::Proxy::Own);
    refreshStoredKey();
}

void ProfilesDialog::refreshStoredKey()
{
    if (m_currentId.isEmpty()) {
        m_ui->storedKeyValue->clear();
        return;
    }
    const QString id = m_currentId;
    const bool session = m_session->keys()->hasSessionKey(id);
    QPointer<ProfilesDialog> self(this);
    m_session->keys()->key(id, [self, id, session](const KeyVault::Result &r, const QString &key) {
        if (!self || self->m_currentId != id)
            return;
        if (r.ok())
            self->m_ui->storedKeyValue->setText(
                Redaction::maskKey(key) +
                (session ? tr(" (this session only)") : tr(" (in the keychain)")));
        else
            self->m_ui->storedKeyValue->setText(
                r.status == KeyVault::Status::NotFound ? tr("No key stored") : r.message);
    });
}

Profile ProfilesDialog::editedProfile() const
{
    Profile p = m_session->profiles()->find(m_currentId);
    p.name = m_ui->nameEdit->text().trimmed();
    p.baseUrl = QUrl(m_ui->baseUrlEdit->text().trimmed(), QUrl::StrictMode);
    p.network.proxy = NetworkSettings::Proxy(m_ui->proxyCombo->currentIndex());
    p.network.proxyUrl = QUrl(m_ui->proxyEdit->text().trimmed(), QUrl::StrictMode);
    p.network.caFile = m_ui->caFileEdit->text().trimmed();
    p.network.clientCertificate = m_ui->clientCertEdit->text().trimmed();
    return p;
}

void ProfilesDialog::say(const QString &text, bool problem)
{
    QPalette pal = m_ui->messageLabel->palette();
    pal.setColor(QPalette::WindowText, problem ? Colors::of(Colors::Role::Error, palette())
                                               : palette().color(QPalette::WindowText));
    m_ui->messageLabel->setPalette(pal);
    m_ui->messageLabel->setText(text);
}

void ProfilesDialog::saveProfile()
{
    const Profile p = editedProfile();
    if (p.name.isEmpty()) {
        say(tr("A profile needs a name."), true);
        return;
    }
    const QString transport = SendPolicy::checkTransport(p.baseUrl);
    if (!transport.isEmpty()) {
        say(transport, true);
        return;
    }
    // Checked whatever the choice: the address is saved with the profile either way.
    if (p.network.proxy == NetworkSettings::Proxy::Own || !p.network.proxyUrl.isEmpty()) {
        const QString proxy = ProxyRules::checkAddress(p.network.proxyUrl);
        if (!proxy.isEmpty()) {
            say(proxy, true);
            return;
        }
    }
    // Profiles are saved in the settings file: a key or passphrase pasted into the wrong
    // field stays out.
    const QString typedKey = m_ui->keyEdit->text().trimmed();
    const QString passphrase = m_ui->passphraseEdit->text();
    for (const QString &secret : {typedKey, passphrase}) {
        for (const QString &field : {p.name, p.baseUrl.toString(), p.network.proxyUrl.toString(),
                                     p.network.caFile, p.network.clientCertificate}) {
            if (!secret.isEmpty() && Redaction::text(field, secret) != field) {
                say(tr("A field holds an API key or the passphrase. Keys go in the API key "
                       "field and passphrases in theirs, which keep them in the keychain."),
                    true);
                return;
            }
        }
    }
    m_session->profiles()->upsert(p);
    reloadList(p.id);
    if (passphrase.isEmpty()) {
        say(tr("Saved."));
        return;
    }
    QPointer<ProfilesDialog> self(this);
    m_session->keys()->vault()->write(
        ProfileKeys::passphraseEntry(p.id), passphrase, [self](const KeyVault::Result &r) {
            if (!self)
                return;
            if (r.ok())
                self->say(tr("Saved; the certificate's passphrase is in the keychain."));
            else
                self->say(
                    tr("Saved, but the keychain did not take the passphrase: %1").arg(r.message),
                    true);
        });
}

void ProfilesDialog::saveKey(bool sessionOnly)
{
    const QString key = m_ui->keyEdit->text().trimmed();
    if (key.isEmpty()) {
        say(tr("Paste a key into the API key field first."), true);
        return;
    }
    const QString id = m_currentId;
    if (sessionOnly) {
        m_session->keys()->setSessionKey(id, key);
        m_ui->keyEdit->clear();
        say(tr(
            "The key is kept in memory for this session only; it is gone when Pi Console quits."));
        refreshStoredKey();
        return;
    }
    QPointer<ProfilesDialog> self(this);
    m_session->saveKeyInKeychain(id, key, [self, id](const KeyVault::Result &r, bool profileSaved) {
        if (!self)
            return;
        if (r.ok()) {
            self->m_ui->keyEdit->clear();
            if (profileSaved) {
                // No longer "(this session)"; the stored key is shown anew.
                self->reloadList(self->m_currentId);
                self->say(tr("Key saved in the keychain; the profile \"%1\" is now saved too so "
                             "the key can be found next time.")
                              .arg(self->m_session->profiles()->find(id).name));
                return;
            }
            self->say(tr("Saved in the keychain."));
        } else {
            // The old key, if any, is untouched; the new one stays in the field.
            self->say(
                tr("The keychain did not take the key: %1 You can use it for this session only.")
                    .arg(r.message),
                true);
        }
        self->refreshStoredKey();
    });
}

void ProfilesDialog::removeProfile()
{
    QPointer<ProfilesDialog> self(this);
    m_session->removeProfile(m_currentId, [self](const KeyVault::Result &r, bool removed) {
        if (!self)
            return;
        if (removed) {
            self->reloadList(self->m_currentId);
            self->say(tr("Removed."));
        } else {
            // Kept: without it, nothing could reach or delete the key left in the keychain.
            self->say(tr("The profile is kept: its key could not be removed from the keychain. %1")
                          .arg(r.message),
                      true);
        }
    });
}

void ProfilesDialog::removeKey()
{
    if (QMessageBox::question(this, tr("Remove key"),
                              tr("Remove this profile's key from the keychain?")) !=
        QMessageBox::Yes)
        return;
    QPointer<ProfilesDialog> self(this);
    m_session->keys()->removeKey(m_currentId, [self](const KeyVault::Result &r) {
        if (!self)
            return;
        self->say(r.ok() || r.status == KeyVault::Status::NotFound ? tr("Removed.") : r.message,
                  !r.ok());
        self->refreshStoredKey();
    });
}

void ProfilesDialog::testKey()
{
    const Profile p = editedProfile();
    const QString typed = m_ui->keyEdit->text().trimmed();
    QPointer<ProfilesDialog> self(this);
    const QString typedPassphrase = m_ui->passphraseEdit->text();
    const auto run = [self, p, typedPassphrase](const QString &key) {
        if (!self)
            return;
        // The certificate's passphrase as typed here, else as stored, as a Send would use it.
        const auto ping = [self, p, key](const QString &passphrase) {
            if (self)
                self->testWith(p, key, passphrase);
        };
        if (!typedPassphrase.isEmpty() || p.network.clientCertificate.isEmpty()) {
            ping(typedPassphrase);
            return;
        }
        self->m_session->keys()->vault()->read(
            ProfileKeys::passphraseEntry(p.id),
            [ping](const KeyVault::Result &r, const QString &stored) {
                ping(r.ok() ? stored : QString());
            });
    };
    if (!typed.isEmpty()) {
        Redaction::rememberSecret(typed);
        run(typed);
        return;
    }
    // The stored key goes only to the origin it was saved for, never to a base URL typed here
    // and not yet saved (a typo would hand it to another host).
    const Profile saved = m_session->profiles()->find(p.id);
    if (saved.isValid() && !SendPolicy::sameOrigin(saved.baseUrl, p.baseUrl)) {
        say(tr("The stored key goes only to %1. Save the profile with the new base URL first, "
               "or paste a key to test it there.")
                .arg(saved.baseUrl.toDisplayString()),
            true);
        return;
    }
    m_session->keys()->key(p.id, [run](const KeyVault::Result &, const QString &key) { run(key); });
}

void ProfilesDialog::testWith(const Profile &p, const QString &key, const QString &passphrase)
{
    ApiRequest ping;
    ping.path = QStringLiteral("/v1/ping");
    Endpoint to{p.name, p.id, p.baseUrl, key, p.network, passphrase};
    to.network.embeddedSandbox = p.embeddedSandbox;
    if (!passphrase.isEmpty())
        Redaction::rememberSecret(passphrase);
    PendingCall *call = m_client->send(to, ping);
    say(tr("Testing…"));
    QPointer<ProfilesDialog> self(this);
    connect(call, &PendingCall::finished, this, [self](const CallRecord &r) {
        if (!self)
            return;
        if (r.outcome != CallRecord::Outcome::Completed)
            self->say(r.errorText, true);
        else if (r.status < 400)
            self->say(tr("The key works: %1 answered %2.").arg(r.url.host()).arg(r.status));
        else
            self->say(tr("%1: %2").arg(r.envelope.code.isEmpty() ? QString::number(r.status)
                                                                 : r.envelope.code,
                                       r.envelope.message),
                      true);
    });
}
