// Qt's SO_KEEPALIVE on a TCP socket turns Nagle off, other options leave it alone, POST bodies of
// every size arrive whole.
#include "common/platform/lowdelaysockets.h"
#include "core/net/apiclient.h"
#include "support/recordingserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

// Qt's HTTP/1 channel sets SO_KEEPALIVE on each new connection and never TCP_NODELAY; Pi
// Console sets TCP_NODELAY at that moment, so a POST body does not wait out a delayed ACK.
class TestLowDelaySockets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveOnATcpSocketTurnsNagleOff()
    {
#ifndef Q_OS_LINUX
        QSKIP("the wrapper exists on Linux only");
#endif
        QVERIFY(LowDelaySockets::active());
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(socket.waitForConnected(5000));
        QCOMPARE(socket.socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
        socket.setSocketOption(QAbstractSocket::KeepAliveOption, 1); // what Qt's HTTP does
        QCOMPARE(socket.socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
    }

    void otherOptionsAreLeftAlone()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(socket.waitForConnected(5000));
        socket.setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 65536);
        QCOMPARE(socket.socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
    }

    void aLargePostStillArrivesWhole()
    {
        // The speed is measured by bench_post; here, that bodies are intact through the wrapper.
        RecordingServer server;
        QVERIFY(server.listenOn(QHostAddress::LocalHost));
        QNetworkAccessManager nam;
        ApiClient client(&nam);
        const Endpoint where{QStringLiteral("test"), QString(), server.url(QString()), {}};
        ApiRequest post;
        post.method = "POST";
        post.path = QStringLiteral("/v1/charges");
        for (const int size : {1, 1024, 32 * 1024 + 7, 300 * 1024}) {
            post.body = QByteArray(size, 'x');
            post.body[size - 1] = 'z';
            PendingCall *call = client.send(where, post);
            QSignalSpy done(call, &PendingCall::finished);
            QVERIFY(done.wait(10000));
            QCOMPARE(done.first().first().value<CallRecord>().status, 200);
            QCOMPARE(server.requests().last().body, post.body);
        }
    }
};

QTEST_GUILESS_MAIN(TestLowDelaySockets)
#include "tst_lowdelaysockets.moc"
