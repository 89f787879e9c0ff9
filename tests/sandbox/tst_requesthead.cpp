// pi-sandbox's own request parsing: heads, keep-alive, smuggling and garbage refused, the head
// decided before the body, chunked bodies and their limits.
#include "sandbox/server/requestframer.h"
#include "sandbox/server/requesthead.h"

#include <QTest>

// The head parser and the framer on raw bytes, as they come off a socket.
class TestRequestHead : public QObject
{
    Q_OBJECT

private:
    // Feeds data in pieces of `step` bytes and lists the events, skipping NeedMore.
    static QList<RequestFramer::Event> events(RequestFramer &framer, const QByteArray &data,
                                              qsizetype step)
    {
        QList<RequestFramer::Event> out;
        for (qsizetype at = 0; at < data.size(); at += step) {
            QByteArrayView piece = QByteArrayView(data).sliced(at, qMin(step, data.size() - at));
            for (;;) {
                qsizetype used = 0;
                const RequestFramer::Event e = framer.feed(piece, &used);
                piece = piece.sliced(used);
                if (e == RequestFramer::Event::NeedMore)
                    break;
                out.append(e);
                if (e != RequestFramer::Event::Head && e != RequestFramer::Event::MessageEnd)
                    return out;
            }
        }
        return out;
    }

private Q_SLOTS:
    void parsesAHead()
    {
        const RequestHead head = RequestHead::parse(
            "POST /v1/charges?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization:  Bearer pi_k \r\n"
            "content-length: 52428800\r\nConnection: close\r\n\r\n");
        QVERIFY2(head.ok, qPrintable(head.error));
        QCOMPARE(head.method, QByteArray("POST"));
        QCOMPARE(head.target, QByteArray("/v1/charges?x=1"));
        QCOMPARE(head.version, QByteArray("HTTP/1.1"));
        QCOMPARE(head.contentLength, 52428800);
        QCOMPARE(head.header("authorization"), QByteArray("Bearer pi_k"));
        QVERIFY(head.close);
        QVERIFY(!head.chunked);
        QCOMPARE(head.headers.size(), 4);
    }

    void keepAliveRules()
    {
        QVERIFY(!RequestHead::parse("GET / HTTP/1.1\r\n\r\n").close);
        QVERIFY(RequestHead::parse("GET / HTTP/1.0\r\n\r\n").close);
        QVERIFY(!RequestHead::parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").close);
        QCOMPARE(RequestHead::parse("GET / HTTP/1.1\r\n\r\n").contentLength, -1);
    }

    void findsTheEnd()
    {
        QCOMPARE(RequestHead::endOf("GET / HTTP/1.1\r\nA: b\r\n\r\nbody"), 24);
        QCOMPARE(RequestHead::endOf("GET / HTTP/1.1\r\nA: b\r\n"), -1);
    }

    void refusesSmugglingAndGarbage_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02 garbage\r\n\r\n", 16);
        QTest::newRow("http/9.9") << QByteArray("GET / HTTP/9.9\r\n\r\n");
        QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\n\r\n");
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
        QTest::newRow("signed length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
        QTest::newRow("huge length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n");
        QTest::newRow("length and chunked") << QByteArray(
            "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("gzip coding")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n");
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nA : b\r\n\r\n");
        QTest::newRow("bare cr") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n");
    }

    void refusesSmugglingAndGarbage()
    {
        QFETCH(QByteArray, raw);
        const RequestHead head = RequestHead::parse(raw);
        QVERIFY(!head.ok);
        QVERIFY(!head.error.isEmpty());
    }

    // Qt's parser refuses a second Content-Length, even an equal one, and takes a bare LF
    // for a line end: the guard decides both first, or Qt would hold the request unanswered
    // or see a head the guard never did.
    void whatQtsParserRefusesTheGuardRefusesFirst()
    {
        const RequestHead twice =
            RequestHead::parse("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n");
        QVERIFY(!twice.ok);
        const QByteArray bare = "GET /v1/ping HTTP/1.1\nHost: x\n\n";
        QCOMPARE(RequestHead::endOf(bare), qsizetype(strlen("GET /v1/ping HTTP/1.1\n")));
        QVERIFY(!RequestHead::parse(QByteArrayView(bare).first(RequestHead::endOf(bare))).ok);
        const QByteArray mixed = "GET /v1/ping HTTP/1.1\r\nHost: x\nA: b\r\n\r\n";
        QVERIFY(!RequestHead::parse(QByteArrayView(mixed).first(RequestHead::endOf(mixed))).ok);
        const QByteArray good = "GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\nrest";
        QCOMPARE(RequestHead::endOf(good), good.size() - 4);
        QVERIFY(RequestHead::parse(QByteArrayView(good).first(RequestHead::endOf(good))).ok);
    }

    void framesKeptAliveRequestsByteByByte()
    {
        const QByteArray two = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                               "GET /b HTTP/1.1\r\n\r\n";
        for (const qsizetype step : {qsizetype(1), qsizetype(7), two.size()}) {
            RequestFramer framer({});
            const auto seen = events(framer, two, step);
            using E = RequestFramer::Event;
            QCOMPARE(seen, QList<E>({E::Head, E::MessageEnd, E::Head, E::MessageEnd}));
            QCOMPARE(framer.head().target, QByteArray("/b"));
        }
    }

    void headIsDecidedBeforeTheBody()
    {
        // A 50 MB upload: the head is an event before any body byte is used.
        RequestFramer framer({});
        const QByteArray raw = "POST / HTTP/1.1\r\nContent-Length: 52428800\r\n\r\nxxxx";
        qsizetype used = 0;
        QCOMPARE(framer.feed(raw, &used), RequestFramer::Event::Head);
        QCOMPARE(used, raw.size() - 4);
        QCOMPARE(framer.head().contentLength, 52428800);
        QCOMPARE(framer.feed(QByteArrayView(raw).sliced(used), &used),
                 RequestFramer::Event::NeedMore);
        QVERIFY(framer.inRequest());
    }

    void headTooLarge()
    {
        RequestFramer framer({1024, 1 << 20});
        const QByteArray raw = "GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a') + "\r\n\r\n";
        QCOMPARE(events(framer, raw, 100).value(0), RequestFramer::Event::HeadTooLarge);
        RequestFramer whole({1024, 1 << 20});
        QCOMPARE(events(whole, raw, raw.size()).value(0), RequestFramer::Event::HeadTooLarge);
    }

    void framesChunkedBodies()
    {
        const QByteArray raw = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n"
                               "GET / HTTP/1.1\r\n\r\n";
        for (const qsizetype step : {qsizetype(1), qsizetype(3), raw.size()}) {
            RequestFramer framer({});
            using E = RequestFramer::Event;
            QCOMPARE(events(framer, raw, step),
                     QList<E>({E::Head, E::MessageEnd, E::Head, E::MessageEnd}));
        }
    }

    void chunkedLimits()
    {
        using E = RequestFramer::Event;
        const QByteArray head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        RequestFramer declared({1024, 1000});
        QCOMPARE(events(declared, head + "FFFFF\r\n", 64).value(1), E::BodyTooLarge);
        RequestFramer many({1024, 1000});
        QByteArray small = head;
        for (int i = 0; i < 400; ++i)
            small += "1\r\nx\r\n";
        QCOMPARE(events(many, small, 64).value(1), E::BodyTooLarge);
        RequestFramer bad({1024, 1000});
        QCOMPARE(events(bad, head + "zz\r\n", 64).value(1), E::BadFraming);
        RequestFramer sign({1024, 1000});
        QCOMPARE(events(sign, head + "-1\r\n", 64).value(1), E::BadFraming);
        RequestFramer longLine({1024, 100000});
        QCOMPARE(events(longLine, head + "1;" + QByteArray(5000, 'e'), 64).value(1), E::BadFraming);
    }

    void manyTinyChunksInOneBatch()
    {
        // No recursion per chunk: a batch of 100,000 chunks is one call.
        QByteArray raw = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 100000; ++i)
            raw += "1\r\nx\r\n";
        raw += "0\r\n\r\n";
        RequestFramer framer({1024, 10 * 1024 * 1024});
        using E = RequestFramer::Event;
        QCOMPARE(events(framer, raw, raw.size()), QList<E>({E::Head, E::MessageEnd}));
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_requesthead.moc"
