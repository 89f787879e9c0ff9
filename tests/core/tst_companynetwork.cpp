// Company networks, against real parts: pi-sandbox over TLS with a certificate authority made
// at run time, and tinyproxy on loopback. An untrusted issuer fails with the advice and
// passes once the profile trusts it; a client certificate (PEM, or PKCS#12 with its
// passphrase) is sent when the sandbox requires one; a profile's proxy carries https as a
// CONNECT tunnel and never sees the key; no_proxy and the embedded sandbox bypass it; an
// http:// call through it to another host is refused; a 407 asks once and the answer is
// kept in the keychain; a proxy that is down is named in the failure.
#include "core/keys/keychainvault.h"
#include "core/net/apiclient.h"
#include "core/net/proxyauth.h"
#include "core/net/tlssettings.h"
#include "core/secrets/redaction.h"
#include "support/privatesession.h"
#include "support/sandboxprocess.h"
#include "support/syncvault.h"
#include "support/throwawayca.h"
#include "support/tinyproxyprocess.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestCompanyNetwork : public QObject
{
    Q_OBJECT

private:
    ThrowawayCa m_ca;
    std::unique_ptr<SandboxProcess> m_tls;    // https, any client
    std::unique_ptr<SandboxProcess> m_mutual; // https, a client certificate required
    std::unique_ptr<SandboxProcess> m_plain;  // http
    const QString m_key = SandboxProcess::demoKey();
    // Lives as long as the test: the keychain answers writes after the call that made them.
    std::unique_ptr<KeychainVault> m_vault;

    static CallRecord call(ApiClient &client, const Endpoint &where, const QString &path = {})
    {
        ApiRequest ping;
        ping.path = path.isEmpty() ? QStringLiteral("/v1/ping") : path;
        PendingCall *pending = client.send(where, ping);
        QSignalSpy finished(pending, &PendingCall::finished);
        if (!finished.wait(30000))
            return {};
        return finished.first().first().value<CallRecord>();
    }

    Endpoint to(const SandboxProcess &sandbox, NetworkSettings network = {}) const
    {
        return {QStringLiteral("Company"), QStringLiteral("company"), sandbox.baseUrl(), m_key,
                std::move(network)};
    }

    static NetworkSettings through(const TinyproxyProcess &proxy, NetworkSettings n = {})
    {
        n.proxy = NetworkSettings::Proxy::Own;
        n.proxyUrl = proxy.address();
        return n;
    }

    // Through the proxy to the TLS sandbox, whose authority is trusted.
    NetworkSettings tunnelled(const TinyproxyProcess &proxy) const
    {
        NetworkSettings n = through(proxy);
        n.caFile = m_ca.caCertificate();
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_ca.make(), qPrintable(m_ca.errorText()));
        m_tls = std::make_unique<SandboxProcess>(
            QStringList{QStringLiteral("--tls-cert"), m_ca.serverCertificate(),
                        QStringLiteral("--tls-key"), m_ca.serverKey()});
        m_mutual = std::make_unique<SandboxProcess>(QStringList{
            QStringLiteral("--tls-cert"), m_ca.serverCertificate(), QStringLiteral("--tls-key"),
            m_ca.serverKey(), QStringLiteral("--client-ca"), m_ca.caCertificate()});
        m_plain = std::make_unique<SandboxProcess>();
        QVERIFY2(m_tls->start(), qPrintable(m_tls->errorText()));
        QVERIFY2(m_mutual->start(), qPrintable(m_mutual->errorText()));
        QVERIFY2(m_plain->start(), qPrintable(m_plain->errorText()));
        QCOMPARE(m_tls->baseUrl().scheme(), QStringLiteral("https"));
        qunsetenv("no_proxy");
        qunsetenv("NO_PROXY");
    }

    void anUntrustedIssuerFailsWithWhatToDo()
    {
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        const CallRecord r = call(client, to(*m_tls));
        QCOMPARE(r.outcome, CallRecord::Outcome::NetworkError);
        QVERIFY2(r.errorText.contains(QLatin1String("Throwaway Company CA\" is not trusted")),
                 qPrintable(r.errorText));
        QVERIFY(r.errorText.contains(QLatin1String("Trusted certificate authorities")));

        NetworkSettings other;
        other.caFile = m_ca.otherCaCertificate(); // trusting another authority changes nothing
        QCOMPARE(call(client, to(*m_tls, other)).outcome, CallRecord::Outcome::NetworkError);
    }

    void theCompanysAuthorityIsTrustedOncetheProfileAddsIt()
    {
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        NetworkSettings company;
        company.caFile = m_ca.caCertificate();
        const CallRecord r = call(client, to(*m_tls, company));
        QVERIFY2(r.outcome == CallRecord::Outcome::Completed, qPrintable(r.errorText));
        QCOMPARE(r.status, 200);

        company.caFile = QStringLiteral("/nonexistent/ca.pem");
        const CallRecord missing = call(client, to(*m_tls, company));
        QCOMPARE(missing.outcome, CallRecord::Outcome::Refused);
        QVERIFY(missing.errorText.contains(QLatin1String("/nonexistent/ca.pem")));
    }

    void aClientCertificateIsSentWhenTheServerRequiresOne()
    {
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        NetworkSettings company;
        company.caFile = m_ca.caCertificate();
        QVERIFY(call(client, to(*m_mutual, company)).outcome != CallRecord::Outcome::Completed);

        company.clientCertificate = m_ca.clientPem();
        CallRecord r = call(client, to(*m_mutual, company));
        QVERIFY2(r.status == 200, qPrintable(r.errorText));

        company.clientCertificate = m_ca.clientPkcs12();
        Endpoint withPassphrase = to(*m_mutual, company);
        withPassphrase.clientPassphrase = ThrowawayCa::pkcs12Passphrase();
        r = call(client, withPassphrase);
        QVERIFY2(r.status == 200, qPrintable(r.errorText));

        withPassphrase.clientPassphrase = QStringLiteral("wrong");
        r = call(client, withPassphrase);
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QVERIFY2(r.errorText.contains(QLatin1String("passphrase")), qPrintable(r.errorText));
    }

    void httpsGoesThroughTheProfilesProxyAsATunnel()
    {
        TinyproxyProcess proxy;
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        NetworkSettings company = tunnelled(proxy);
        const CallRecord r = call(client, to(*m_tls, company));
        QVERIFY2(r.status == 200, qPrintable(r.errorText));
        QCOMPARE(r.proxy, QStringLiteral("127.0.0.1:%1").arg(proxy.port()));
        QTRY_VERIFY(proxy.log().contains(
            QStringLiteral("CONNECT 127.0.0.1:%1").arg(m_tls->baseUrl().port()).toUtf8()));
        QVERIFY(!proxy.log().contains(m_key.toUtf8()));
        QVERIFY(!proxy.log().contains("/v1/ping")); // inside the tunnel, out of its sight
    }

    void noProxyAndTheEmbeddedSandboxBypassTheProxy()
    {
        TinyproxyProcess proxy;
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        NetworkSettings company = tunnelled(proxy);

        qputenv("no_proxy", "localhost,127.0.0.1");
        CallRecord r = call(client, to(*m_tls, company));
        qunsetenv("no_proxy");
        QVERIFY2(r.status == 200, qPrintable(r.errorText));
        QVERIFY(r.proxy.isEmpty());

        NetworkSettings embedded = through(proxy);
        embedded.embeddedSandbox = true;
        r = call(client, to(*m_plain, embedded));
        QCOMPARE(r.status, 200);
        QVERIFY(r.proxy.isEmpty());
        QTest::qWait(200);
        QVERIFY2(!proxy.log().contains("Request ("), proxy.log().constData());
    }

    void cleartextThroughAProxyGoesOnlyBetweenLocalEnds()
    {
        TinyproxyProcess proxy;
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        // Both on this machine: allowed, and the proxy relays it.
        CallRecord r = call(client, to(*m_plain, through(proxy)));
        QVERIFY2(r.status == 200, qPrintable(r.errorText));
        QTRY_VERIFY(proxy.log().contains("GET http://127.0.0.1"));

        // This machine's server through a proxy elsewhere: the key would cross it in clear.
        NetworkSettings far;
        far.proxy = NetworkSettings::Proxy::Own;
        far.proxyUrl = QUrl(QStringLiteral("http://192.0.2.10:3128"));
        r = call(client, to(*m_plain, far));
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QVERIFY2(r.errorText.contains(QLatin1String("192.0.2.10:3128")), qPrintable(r.errorText));

        // Another host in clear: refused before a byte goes out, proxy or not.
        // (The proxy may still be logging the end of the last connection: requests are
        // counted.)
        const qsizetype before = proxy.log().count("Request (");
        const Endpoint remote{QStringLiteral("Remote"), QString(),
                              QUrl(QStringLiteral("http://api.example-pi.dev")), m_key,
                              through(proxy)};
        r = call(client, remote);
        QCOMPARE(r.outcome, CallRecord::Outcome::Refused);
        QTest::qWait(200);
        QCOMPARE(proxy.log().count("Request ("), before);
        QVERIFY(!proxy.log().contains("example-pi.dev"));
    }

    void aProxyPasswordIsAskedOnceAndKeptInTheKeychain()
    {
        if (!PrivateSession::require())
            return;
        const QString password = QStringLiteral("proxy-pass-7Hq2x9Lm");
        TinyproxyProcess proxy(QStringLiteral("alice"), password);
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        m_vault = std::make_unique<KeychainVault>(QStringLiteral("Pi Console network test"));
        KeychainVault &vault = *m_vault;
        NetworkSettings company = tunnelled(proxy);

        int asked = 0;
        bool wasRejected = false;
        QString give = QStringLiteral("wrong");
        const auto ask = [&](const QString &, bool rejected, ProxyAuth::Credentials *c) {
            ++asked;
            wasRejected = rejected;
            *c = {QStringLiteral("alice"), give};
            give = password; // the second answer is right
            return true;
        };
        {
            QNetworkAccessManager nam;
            ApiClient client(&nam);
            ProxyAuth auth(&vault);
            auth.setAsk(ask);
            client.setProxyAuth(&auth);
            // A wrong password: the proxy refuses it, the call fails naming the proxy.
            CallRecord r = call(client, to(*m_tls, company));
            QCOMPARE(asked, 1);
            QVERIFY(r.outcome != CallRecord::Outcome::Completed);
            QVERIFY2(r.errorText.contains(QStringLiteral("127.0.0.1:%1").arg(proxy.port())),
                     qPrintable(r.errorText));
            // The next call asks again, saying the last answer was refused.
            r = call(client, to(*m_tls, company));
            QVERIFY2(r.status == 200, qPrintable(r.errorText));
            QCOMPARE(asked, 2);
            QVERIFY(wasRejected);
            QVERIFY(!Redaction::text(password, QString()).contains(password));
            QVERIFY(!proxy.log().contains(m_key.toUtf8()));
        }
        const SyncVault::ReadOutcome stored =
            SyncVault::read(vault, QStringLiteral("proxy 127.0.0.1:%1").arg(proxy.port()));
        QVERIFY(stored.result.ok() && stored.secret.contains(password));

        // The next run finds it in the keychain and asks nothing; a server behind the proxy
        // that is down is no reason to doubt the password.
        {
            QNetworkAccessManager nam;
            ApiClient client(&nam);
            ProxyAuth auth(&vault);
            auth.setAsk(ask);
            client.setProxyAuth(&auth);
            QCOMPARE(call(client, to(*m_tls, company)).status, 200);
            const Endpoint down{QStringLiteral("Down"), QString(),
                                QUrl(QStringLiteral("https://127.0.0.1:9")), m_key, company};
            QVERIFY(call(client, down).outcome != CallRecord::Outcome::Completed);
            QCOMPARE(call(client, to(*m_tls, company)).status, 200);
            QCOMPARE(asked, 2);
        }
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        ProxyAuth auth(&vault);
        auth.setAsk(ask);
        client.setProxyAuth(&auth);
        const CallRecord r = call(client, to(*m_tls, company));
        QVERIFY2(r.status == 200, qPrintable(r.errorText));
        QCOMPARE(asked, 2);

        // Declined: the call ends with the proxy named, and no secret in the record.
        QNetworkAccessManager nam2;
        ApiClient declining(&nam2);
        TinyproxyProcess other(QStringLiteral("bob"), QStringLiteral("other-secret-55"));
        QVERIFY(other.start());
        ProxyAuth refuse(nullptr);
        refuse.setAsk([](const QString &, bool, ProxyAuth::Credentials *) { return false; });
        declining.setProxyAuth(&refuse);
        NetworkSettings viaOther = tunnelled(other);
        const CallRecord denied = call(declining, to(*m_tls, viaOther));
        QVERIFY(denied.outcome != CallRecord::Outcome::Completed);
        QVERIFY2(denied.errorText.contains(QStringLiteral("127.0.0.1:%1").arg(other.port())),
                 qPrintable(denied.errorText));
    }

    void theCompanysAuthorityIsAddedToTheSystemsNotInstead()
    {
        NetworkSettings company;
        company.caFile = m_ca.caCertificate();
        QString error;
        const QSslConfiguration tls = TlsSettings::forCall(company, {}, &error);
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        QVERIFY(!system.isEmpty());
        QCOMPARE(tls.caCertificates().size(), system.size() + 1);
        QVERIFY(tls.caCertificates().contains(system.first()));
    }

    void aClientCertificateThatIsNoFileIsRefusedAtOnce()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("cert.pem"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        for (const QString &path : {fifo, QStringLiteral("/dev/zero"), dir.path()}) {
            NetworkSettings n;
            n.clientCertificate = path;
            QString error;
            QVERIFY(TlsSettings::forCall(n, {}, &error).isNull()); // and it returned
            QVERIFY2(error.contains(path), qPrintable(error));
        }
    }

    // A route with other certificates gets its own connections; calls on their way on any
    // other route go on undisturbed.
    void anotherRouteStrandsNoCallInFlight()
    {
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        ApiRequest slow;
        slow.path = QStringLiteral("/v1/ping");
        slow.headers.append({QByteArray("Pi-Sandbox-Fault"), QByteArray("latency=1500")});
        PendingCall *pending = client.send(to(*m_plain), slow);
        QSignalSpy slowDone(pending, &PendingCall::finished);
        NetworkSettings pem;
        pem.caFile = m_ca.caCertificate();
        pem.clientCertificate = m_ca.clientPem();
        NetworkSettings none;
        none.caFile = m_ca.caCertificate();
        QCOMPARE(call(client, to(*m_mutual, pem)).status, 200);
        QVERIFY(call(client, to(*m_mutual, none)).outcome != CallRecord::Outcome::Completed);
        QCOMPARE(call(client, to(*m_mutual, pem)).status, 200);
        QVERIFY(slowDone.wait(10000) || !slowDone.isEmpty());
        QCOMPARE(slowDone.first().first().value<CallRecord>().status, 200);
    }

    // Each route has its connections and its network thread; many profiles used in turn do
    // not each keep theirs for the rest of the run.
    void manyRoutesDoNotKeepAThreadEach()
    {
        SandboxProcess roomy({QStringLiteral("--tls-cert"), m_ca.serverCertificate(),
                              QStringLiteral("--tls-key"), m_ca.serverKey(),
                              QStringLiteral("--limit"), QStringLiteral("1000")});
        QVERIFY2(roomy.start(), qPrintable(roomy.errorText()));
        QTemporaryDir dir;
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        const auto threads = [] {
            return QDir(QStringLiteral("/proc/self/task")).count();
        };
        const qsizetype before = threads();
        for (int i = 0; i < 24; ++i) {
            NetworkSettings n;
            n.caFile = dir.filePath(QStringLiteral("ca-%1.pem").arg(i));
            QVERIFY(QFile::copy(m_ca.caCertificate(), n.caFile));
            QCOMPARE(call(client, to(roomy, n)).status, 200);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        }
        QTRY_VERIFY2(threads() - before <= 12,
                     qPrintable(QStringLiteral("%1 threads more").arg(threads() - before)));
    }

    void aProfilesProxyThatCannotBeUsedStopsTheCall()
    {
        TinyproxyProcess proxy;
        QVERIFY2(proxy.start(), qPrintable(proxy.errorText()));
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        for (const QString &address :
             {QStringLiteral("http://user:pw@127.0.0.1:%1").arg(proxy.port()),
              QStringLiteral("https://127.0.0.1:%1").arg(proxy.port()),
              QStringLiteral("http://127.0.0.1")}) {
            NetworkSettings bad;
            bad.proxy = NetworkSettings::Proxy::Own;
            bad.proxyUrl = QUrl(address);
            const CallRecord r = call(client, to(*m_plain, bad));
            QCOMPARE(r.outcome, CallRecord::Outcome::Refused); // never straight past it
            QVERIFY(!r.errorText.contains(QLatin1String("pw@")));
        }
        QTest::qWait(100);
        QVERIFY(!proxy.log().contains("Request ("));
    }

    void aProxyThatIsDownIsNamed()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        NetworkSettings company;
        company.proxy = NetworkSettings::Proxy::Own;
        company.proxyUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        company.caFile = m_ca.caCertificate();
        const CallRecord r = call(client, to(*m_tls, company));
        QCOMPARE(r.outcome, CallRecord::Outcome::NetworkError);
        QVERIFY2(r.errorText.startsWith(QStringLiteral("The proxy 127.0.0.1:%1").arg(port)),
                 qPrintable(r.errorText));
    }
};

QTEST_GUILESS_MAIN(TestCompanyNetwork)
#include "tst_companynetwork.moc"
