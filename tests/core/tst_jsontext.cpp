#include "jsontext.h"

#include <QJsonDocument>
#include <QTest>

// The pretty form of a response: through QJsonDocument when small, re-indented as it stands
// when large (a document of 100 MB would take several times that in memory).
class TestJsonText : public QObject
{
    Q_OBJECT

private:
    static QByteArray large(const QByteArray &item)
    {
        QByteArray out = "{\"z\": 1, \"data\": [";
        for (int i = 0; out.size() < JsonText::streamingAbove; ++i)
            out += QByteArray(i ? ", " : "") + item;
        return out + "], \"a\": {}}";
    }

private Q_SLOTS:
    void smallBodiesGoThroughQJsonDocument()
    {
        QCOMPARE(JsonText::pretty("{\"b\":1,\"a\":[]}"),
                 QByteArray("{\n    \"a\": [\n    ],\n    \"b\": 1\n}\n"));
    }

    void largeBodiesAreReindentedWithTheSameMeaning()
    {
        const QByteArray body =
            large("{\"id\": \"ch_\\\"x\\\\\", \"n\": -1.5e3, \"ok\": true, \"e\": []}");
        bool json = false;
        const QByteArray pretty = JsonText::pretty(body, &json);
        QVERIFY(json);
        QCOMPARE(QJsonDocument::fromJson(pretty), QJsonDocument::fromJson(body));
        QVERIFY(pretty.startsWith("{\n    \"z\": 1,\n    \"data\": [\n        {\n"));
        QVERIFY(pretty.contains("\"e\": []"));              // empty stays on its line
        QVERIFY(pretty.endsWith("],\n    \"a\": {}\n}\n")); // key order kept
    }

    void aLargeBodyThatIsNotJsonIsShownAsItIs()
    {
        QByteArray body = large("[1, 2]");
        body.chop(1); // an object never closed
        bool json = true;
        QCOMPARE(JsonText::pretty(body, &json), body);
        QVERIFY(!json);
        QByteArray html = "<html>" + QByteArray(JsonText::streamingAbove, 'x');
        QCOMPARE(JsonText::pretty(html, &json), html);
        QVERIFY(!json);
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
