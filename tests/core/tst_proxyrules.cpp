// Which proxy a call takes: none for the embedded sandbox or "no proxy", the profile's own
// unless no_proxy names the host (names, domains with and without a dot, addresses, subnets,
// host:port, [::1], *), a proxy address with credentials or a path refused, and a cleartext
// call through a proxy refused unless both ends are on this machine.
#include "core/net/proxyrules.h"

#include <QTest>

class TestProxyRules : public QObject
{
    Q_OBJECT

private:
    static NetworkSettings own(const char *address)
    {
        NetworkSettings n;
        n.proxy = NetworkSettings::Proxy::Own;
        n.proxyUrl = QUrl(QLatin1String(address));
        return n;
    }

private Q_SLOTS:
    void init() { qunsetenv("no_proxy"), qunsetenv("NO_PROXY"); }

    void noProxyListsAreReadAsCurlReadsThem_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("list");
        QTest::addColumn<bool>("bypassed");
        QTest::newRow("name") << "https://api.example.com" << QByteArray("api.example.com") << true;
        QTest::newRow("domain") << "https://api.example.com" << QByteArray("example.com") << true;
        QTest::newRow("dot domain")
            << "https://api.example.com" << QByteArray(".example.com") << true;
        QTest::newRow("not a suffix")
            << "https://badexample.com" << QByteArray("example.com") << false;
        QTest::newRow("spaces, case")
            << "https://API.example.com" << QByteArray("localhost, Example.COM ") << true;
        QTest::newRow("address") << "http://10.1.2.3:8080" << QByteArray("10.1.2.3") << true;
        QTest::newRow("subnet") << "http://10.1.2.3" << QByteArray("10.0.0.0/8") << true;
        QTest::newRow("other subnet") << "http://11.1.2.3" << QByteArray("10.0.0.0/8") << false;
        QTest::newRow("host:port")
            << "https://internal.corp" << QByteArray("internal.corp:443") << true;
        QTest::newRow("ipv6") << "http://[::1]:9000" << QByteArray("[::1]") << true;
        QTest::newRow("star") << "https://anything.example" << QByteArray("*") << true;
        QTest::newRow("empty") << "https://api.example.com" << QByteArray("") << false;
    }

    void noProxyListsAreReadAsCurlReadsThem()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, list);
        QFETCH(bool, bypassed);
        QCOMPARE(ProxyRules::bypassed(QUrl(url), list), bypassed);
    }

    void theProfileDecides()
    {
        const QUrl api(QStringLiteral("https://api.example-pi.dev/v1/ping"));
        QNetworkProxy p = ProxyRules::forUrl(api, own("http://proxy.corp:3128"));
        QCOMPARE(p.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(ProxyRules::describe(p), QStringLiteral("proxy.corp:3128"));
        p = ProxyRules::forUrl(api, own("socks5://127.0.0.1:1080"));
        QCOMPARE(p.type(), QNetworkProxy::Socks5Proxy);

        NetworkSettings none = own("http://proxy.corp:3128");
        none.proxy = NetworkSettings::Proxy::None;
        QCOMPARE(ProxyRules::forUrl(api, none).type(), QNetworkProxy::NoProxy);

        NetworkSettings embedded = own("http://proxy.corp:3128");
        embedded.embeddedSandbox = true;
        QCOMPARE(ProxyRules::forUrl(api, embedded).type(), QNetworkProxy::NoProxy);

        qputenv("no_proxy", "example-pi.dev");
        QCOMPARE(ProxyRules::forUrl(api, own("http://proxy.corp:3128")).type(),
                 QNetworkProxy::NoProxy);
        qputenv("https_proxy", "http://127.0.0.1:9");
        QCOMPARE(ProxyRules::forUrl(api, NetworkSettings{}).type(), QNetworkProxy::NoProxy);
        qunsetenv("https_proxy");
    }

    void aProxyAddressHoldsNoSecretAndNoPath()
    {
        QVERIFY(ProxyRules::checkAddress(QUrl(QStringLiteral("http://proxy.corp:3128"))).isEmpty());
        QVERIFY(ProxyRules::checkAddress(QUrl(QStringLiteral("socks5://[::1]:1080"))).isEmpty());
        QVERIFY(ProxyRules::checkAddress(QUrl(QStringLiteral("http://u:p@proxy.corp:3128")))
                    .contains(QLatin1String("keychain")));
        QVERIFY(!ProxyRules::checkAddress(QUrl(QStringLiteral("http://proxy.corp"))).isEmpty());
        QVERIFY(!ProxyRules::checkAddress(QUrl(QStringLiteral("ftp://proxy.corp:21"))).isEmpty());
        QVERIFY(
            !ProxyRules::checkAddress(QUrl(QStringLiteral("http://proxy.corp:3128/x"))).isEmpty());
    }

    void cleartextGoesThroughAProxyOnlyBetweenLocalEnds()
    {
        const QNetworkProxy local(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 3128);
        const QNetworkProxy far(QNetworkProxy::HttpProxy, QStringLiteral("proxy.corp"), 3128);
        const QUrl here(QStringLiteral("http://127.0.0.1:8080/v1/ping"));
        const QUrl tls(QStringLiteral("https://api.example-pi.dev/v1/ping"));
        QVERIFY(ProxyRules::cleartextRefusal(here, local).isEmpty());
        QVERIFY(ProxyRules::cleartextRefusal(here, far).contains(QLatin1String("proxy.corp:3128")));
        QVERIFY(ProxyRules::cleartextRefusal(tls, far).isEmpty()); // a tunnel
        QVERIFY(ProxyRules::cleartextRefusal(here, QNetworkProxy::NoProxy).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProxyRules)
#include "tst_proxyrules.moc"
