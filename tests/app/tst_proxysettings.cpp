// A profile's network settings as a person sets them in Profiles…: a proxy address with a
// password in it is refused, a proxy and certificate files are saved without any secret in
// the settings file, the certificate's passphrase goes to the keychain; then a call through
// that proxy, which answers 407, asks for its user name and password in the window, goes
// through, and says so in the timing and the support report.
#include "app/profiles/profilesdialog.h"
#include "app/profiles/proxylogindialog.h"
#include "app/response/responsepanel.h"
#include "core/report/supportreport.h"
#include "support/guidriver.h"
#include "support/privatesession.h"
#include "support/syncvault.h"
#include "support/tinyproxyprocess.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>

class TestProxySettings : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    static T *child(QWidget *w, const char *name)
    {
        return w->findChild<T *>(QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void aProxyIsSetInProfilesAndItsPasswordAskedInTheWindow()
    {
        const QString password = QStringLiteral("proxy-word-4Rt8zQ");
        TinyproxyProcess proxy(QStringLiteral("carol"), password);
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        Session *session = gui.services()->session();
        // A saved profile (the driver's own is for this session only).
        const Profile profile = session->profiles()->upsert(
            {QString(), QStringLiteral("Office"), session->currentProfile().baseUrl, false});
        session->keys()->setSessionKey(profile.id, SandboxProcess::demoKey());
        session->setCurrentProfile(profile.id);

        ProfilesDialog dialog(session, gui.services()->client(), gui.window());
        dialog.show();
        for (const char *name : {"Proxy", "Proxy address", "Trusted certificate authorities",
                                 "Client certificate", "Certificate passphrase"}) {
            bool found = false;
            for (const QWidget *w : dialog.findChildren<QWidget *>())
                found = found || w->accessibleName() == QLatin1String(name);
            QVERIFY2(found, name);
        }
        auto *combo = child<QComboBox>(&dialog, "proxyCombo");
        auto *address = child<QLineEdit>(&dialog, "proxyEdit");
        QVERIFY(!address->isEnabled()); // the system's settings, until "This proxy"
        combo->setCurrentIndex(int(NetworkSettings::Proxy::Own));
        QVERIFY(address->isEnabled());
        address->setText(
            QStringLiteral("http://carol:%1@127.0.0.1:%2").arg(password).arg(proxy.port()));
        auto *save = child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Save);
        save->click();
        QVERIFY(child<QLabel>(&dialog, "messageLabel")->text().contains(QLatin1String("keychain")));
        QCOMPARE(session->profiles()->find(profile.id).network.proxy,
                 NetworkSettings::Proxy::System); // nothing saved
        // Nor with another choice: the address would be saved all the same.
        combo->setCurrentIndex(int(NetworkSettings::Proxy::System));
        child<QLabel>(&dialog, "messageLabel")->clear();
        save->click();
        QVERIFY(child<QLabel>(&dialog, "messageLabel")->text().contains(QLatin1String("keychain")));
        QVERIFY(session->profiles()->find(profile.id).network.proxyUrl.isEmpty());
        combo->setCurrentIndex(int(NetworkSettings::Proxy::Own));

        address->setText(proxy.address().toString());
        child<QLineEdit>(&dialog, "clientCertEdit")->setText(QStringLiteral("/etc/pi/client.p12"));
        const QString passphrase = QStringLiteral("cert-passphrase-9Kd2");
        child<QLineEdit>(&dialog, "passphraseEdit")->setText(passphrase);
        save->click();
        QTRY_VERIFY(
            child<QLabel>(&dialog, "messageLabel")->text().contains(QLatin1String("Saved")));
        const Profile saved = session->profiles()->find(profile.id);
        QCOMPARE(saved.network.proxy, NetworkSettings::Proxy::Own);
        QCOMPARE(saved.network.proxyUrl, proxy.address());
        const SyncVault::ReadOutcome stored =
            SyncVault::read(*session->keys()->vault(), ProfileKeys::passphraseEntry(profile.id));
        QVERIFY(stored.result.ok());
        QCOMPARE(stored.secret, passphrase);
        gui.services()->settings().sync();
        QFile settings(gui.services()->settings().fileName());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray text = settings.readAll();
        QVERIFY(text.contains(proxy.address().toString().toUtf8()));
        QVERIFY(!text.contains(passphrase.toUtf8()) && !text.contains(password.toUtf8()));
        dialog.close();

        // No client certificate for this http:// profile; through the proxy, which asks.
        Profile plain = saved;
        plain.network.clientCertificate.clear();
        session->profiles()->upsert(plain);
        bool asked = false;
        GuiDriver::onNextModal<ProxyLoginDialog>(
            [&](ProxyLoginDialog *login) {
                QVERIFY(child<QLabel>(login, "proxyLoginText")
                            ->text()
                            .contains(QStringLiteral("127.0.0.1:%1").arg(proxy.port())));
                child<QLineEdit>(login, "proxyUserEdit")->setText(QStringLiteral("carol"));
                child<QLineEdit>(login, "proxyPasswordEdit")->setText(password);
                child<QPushButton>(login, "proxyLoginButton")->click();
            },
            &asked);
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(asked);
        const CallRecord r = gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        QVERIFY2(r.status == 200, qPrintable(r.errorText));
        const QString via = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
        QCOMPARE(r.proxy, via);
        QVERIFY(SupportReport::forRecord(r).contains(QStringLiteral("Proxy: ") + via));
        QVERIFY(gui.find<QWidget>(QStringLiteral("timingView"))
                    ->accessibleDescription()
                    .contains(QStringLiteral("through proxy ") + via));
    }
};

QTEST_MAIN(TestProxySettings)
#include "tst_proxysettings.moc"
