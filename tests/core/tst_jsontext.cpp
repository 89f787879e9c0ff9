// JSON checked and re-indented as written: large bodies keep their meaning and key order, a large
// body that is not JSON is shown as it is.
#include "core/base/jsontext.h"

#include <QJsonDocument>
#include <QTest>

// The pretty form of a response: re-indented as it stands, whatever its size. Only whitespace
// changes; a document of 100 MB would take several times that in memory.
class TestJsonText : public QObject
{
    Q_OBJECT

private:
    static constexpr qsizetype largeSize = 8 * 1024 * 1024;

    static QByteArray large(const QByteArray &item)
    {
        QByteArray out = "{\"z\": 1, \"data\": [";
        for (int i = 0; out.size() < largeSize; ++i)
            out += QByteArray(i ? ", " : "") + item;
        return out + "], \"a\": {}}";
    }

private Q_SLOTS:
    void onlyWhitespaceChanges()
    {
        // Keys in the server's order, a 19-digit id and an escape as they were sent: a
        // document would have sorted the keys, rounded the number to a double and decoded é.
        QCOMPARE(JsonText::pretty("{\"b\":1,\"a\":[],\"id\":1234567890123456789,"
                                  "\"s\":\"\\u00e9\"}"),
                 QByteArray("{\n    \"b\": 1,\n    \"a\": [],\n    \"id\": 1234567890123456789,"
                            "\n    \"s\": \"\\u00e9\"\n}\n"));
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
        QByteArray html = "<html>" + QByteArray(largeSize, 'x');
        QCOMPARE(JsonText::pretty(html, &json), html);
        QVERIFY(!json);
    }

    void onlyJsonIsCalledJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("json");
        // Each is also tried padded with 8 MB of whitespace.
        QTest::newRow("numbers, escapes, literals")
            << QByteArray("[1e+5, -0.5, 0, \"a\\\"\\\\\\u00e9\", true, false, null]") << true;
        QTest::newRow("empty object, then space") << QByteArray("{}") << true;
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF[1]") << true;
        QTest::newRow("two numbers") << QByteArray("[1 2]") << false;
        QTest::newRow("two literals") << QByteArray("[true false]") << false;
        QTest::newRow("key without colon") << QByteArray("{\"a\" \"b\"}") << false;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << false;
        QTest::newRow("lone comma") << QByteArray("[,]") << false;
        QTest::newRow("bad literal") << QByteArray("[nul]") << false;
        QTest::newRow("colon in array") << QByteArray("[1:2]") << false;
        QTest::newRow("leading zero") << QByteArray("[01]") << false;
        QTest::newRow("garbage after") << QByteArray("[1] x") << false;
        QTest::newRow("top-level scalar") << QByteArray("1") << false;
    }

    void onlyJsonIsCalledJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, json);
        for (const QByteArray &body : {text, QByteArray(text + QByteArray(largeSize, ' '))}) {
            bool wasJson = !json;
            const QByteArray pretty = JsonText::pretty(body, &wasJson);
            QCOMPARE(wasJson, json);
            if (json)
                QCOMPARE(QJsonDocument::fromJson(pretty), QJsonDocument::fromJson(body));
            else
                QCOMPARE(pretty, body);
        }
    }

    // The lines without their indentation, and each line's depth: indented again, they are
    // exactly the pretty form.
    void prettyLinesAreThePrettyFormWithoutIndentation()
    {
        const QByteArray body = large("{\"id\": \"ch_1\", \"n\": [1, {\"deep\": []}], \"o\": {}}");
        QList<quint8> depths;
        bool json = false;
        const QByteArray lines = JsonText::prettyLines(body, &depths, &json);
        QVERIFY(json);
        QVERIFY(lines.size() < body.size() + body.size() / 2);
        QList<QByteArray> split = lines.split('\n');
        QCOMPARE(split.takeLast(), QByteArray()); // the text ends with a newline
        QCOMPARE(split.size(), depths.size());
        QByteArray indented;
        for (qsizetype i = 0; i < split.size(); ++i)
            indented += QByteArray(depths.at(i) * 4, ' ') + split.at(i) + '\n';
        QCOMPARE(indented, JsonText::pretty(body));

        const QByteArray html = "<html>" + QByteArray(1000, 'x');
        QCOMPARE(JsonText::prettyLines(html, &depths, &json), html);
        QVERIFY(!json);
        QVERIFY(depths.isEmpty());
    }

    void deepNestingIsShownAsItIs()
    {
        // Past Qt's own limit of 1024 levels; and so deep that its indentation alone would
        // take thousands of times the body.
        const QByteArray body = QByteArray(4 * 1024 * 1024, '[') + QByteArray(4 * 1024 * 1024, ']');
        bool json = true;
        QCOMPARE(JsonText::pretty(body, &json), body);
        QVERIFY(!json);
        QByteArray fifty = QByteArray(50, '[');
        for (int i = 0; fifty.size() < largeSize; ++i)
            fifty += "1,";
        fifty += "1" + QByteArray(50, ']');
        QCOMPARE(JsonText::pretty(fifty, &json), fifty); // its copy would pass 4× the body
        QVERIFY(!json);
    }

    // A body that stops before its closing bracket says so, not "unterminated string" (Qt's
    // word for `{"a": "b"`) or "invalid termination by number".
    void aMissingClosingBracketIsNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("closer");
        QTest::addRow("after a string") << QByteArray("{\"a\": \"b\"") << QStringLiteral("}");
        QTest::addRow("after a number") << QByteArray("{\"a\": 1\n") << QStringLiteral("}");
        QTest::addRow("an array") << QByteArray("[1, 2") << QStringLiteral("]");
        QTest::addRow("nested") << QByteArray("{\"a\": [1, {\"b\": 2}") << QStringLiteral("]");
    }

    void aMissingClosingBracketIsNamed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, closer);
        const JsonText::Check c = JsonText::check(body);
        QVERIFY(!c.ok);
        QCOMPARE(c.message, QStringLiteral("the body ends before its closing ") + closer);
        // A string really left open is still called so.
        QVERIFY(JsonText::check("{\"a\": \"b").message.contains(QLatin1String("string")));
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
