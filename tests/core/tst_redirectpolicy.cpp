// A redirect decided hop by hop: a chain that went up to https never comes down to http, even
// when the URL first addressed was http; a body stays at the origin addressed.
#include "core/net/redirectpolicy.h"

#include <QTest>

class TestRedirectPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpsDoesNotComeDownToHttpOnALaterHop()
    {
        RedirectPolicy::Hop hop;
        hop.addressed = QUrl(QStringLiteral("http://127.0.0.1:8089/v1/ping"));
        hop.current = QUrl(QStringLiteral("https://127.0.0.2:8443/v1/ping"));
        hop.location = "http://127.0.0.1:8089/landed";
        hop.status = 302;
        hop.method = "GET";
        hop.withKey = false;
        hop.redirectsSoFar = 1;
        const RedirectPolicy::Next next = RedirectPolicy::follow(hop);
        QVERIFY2(next.refusal.contains(QLatin1String("https")), qPrintable(next.refusal));
    }

    void httpToHttpsIsFollowed()
    {
        RedirectPolicy::Hop hop;
        hop.addressed = QUrl(QStringLiteral("http://127.0.0.1:8089/v1/ping"));
        hop.current = hop.addressed;
        hop.location = "https://127.0.0.1:8443/v1/ping";
        hop.status = 301;
        hop.method = "GET";
        const RedirectPolicy::Next next = RedirectPolicy::follow(hop);
        QCOMPARE(next.refusal, QString());
        QCOMPARE(next.url, QUrl(QStringLiteral("https://127.0.0.1:8443/v1/ping")));
        QVERIFY(!next.withKey); // another origin: another scheme
    }

    void aBodyNeverLeavesTheOriginAddressed()
    {
        RedirectPolicy::Hop hop;
        hop.addressed = QUrl(QStringLiteral("http://127.0.0.1:8089/redir"));
        hop.current = hop.addressed;
        hop.location = "http://127.0.0.2:8089/landed";
        hop.status = 302;
        hop.method = "PUT";
        hop.body = "{}";
        QVERIFY(!RedirectPolicy::follow(hop).refusal.isEmpty());
        hop.method = "POST"; // becomes a GET without its body
        const RedirectPolicy::Next next = RedirectPolicy::follow(hop);
        QCOMPARE(next.refusal, QString());
        QCOMPARE(next.method, QByteArray("GET"));
        QVERIFY(next.body.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRedirectPolicy)
#include "tst_redirectpolicy.moc"
