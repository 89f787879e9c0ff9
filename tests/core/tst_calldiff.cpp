// Two calls compared: JSON by path and line (key order is no difference, 19-digit numbers exact, %1
// in a value stays text), line diffs bounded, binary by byte, the text copy without the key.
#include "core/compare/bodydiff.h"
#include "core/compare/calldiff.h"
#include "core/compare/jsondiff.h"
#include "core/compare/linediff.h"
#include "core/secrets/redaction.h"
#include "support/samplecalls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Comparing two calls: JSON by path and line, text by line, headers by name, all bounded.
class TestCallDiff : public QObject
{
    Q_OBJECT

private:
    static QJsonValue json(const char *text)
    {
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }

private Q_SLOTS:
    void keyOrderAndWhitespaceAreNotDifferences()
    {
        const BodyDiff d = BodyDiff::compare("{\"b\": 1, \"a\": [1, 2]}", "{\"a\":[1,2],\"b\":1}");
        QVERIFY(d.json);
        QVERIFY(d.identical());
        // Not a difference in meaning; but Pi compares bytes, and the note says what that means.
        QVERIFY(d.note.contains(QLatin1String("Pi compares the bytes")));
        QVERIFY(BodyDiff::compare("{\"a\": 1}", "{\"a\": 1}").note.isEmpty());
    }

    void aChangedValueIsFoundByPathAndLine()
    {
        const char *a = "{\"amount\": 10, \"currency\": \"eur\", \"items\": [{\"sku\": \"a\"}]}";
        const char *b = "{\"currency\": \"eur\", \"items\": [{\"sku\": \"b\"}], \"amount\": 11}";
        const JsonDiff::Result r = JsonDiff::compare(json(a), json(b));
        QCOMPARE(r.differences.size(), 2);
        const JsonDiff::Difference amount = r.differences.at(0);
        QCOMPARE(amount.path, QStringLiteral("$.amount"));
        QCOMPARE(amount.before, QStringLiteral("10"));
        QCOMPARE(amount.after, QStringLiteral("11"));
        QCOMPARE(amount.lineA, 2); // keys sorted: amount is the first member
        QCOMPARE(r.textA.split(QLatin1Char('\n')).at(amount.lineA - 1).trimmed(),
                 QStringLiteral("\"amount\": 10,"));
        QCOMPARE(r.differences.at(1).path, QStringLiteral("$.items[0].sku"));
        QCOMPARE(r.textB.split(QLatin1Char('\n')).at(r.differences.at(1).lineB - 1).trimmed(),
                 QStringLiteral("\"sku\": \"b\""));
    }

    void addedRemovedAndRetypedMembersAreNamed()
    {
        const JsonDiff::Result r = JsonDiff::compare(
            json("{\"gone\": 1, \"kept\": \"1\", \"list\": [1]}"),
            json("{\"kept\": 1, \"new\": null, \"list\": [1, 2], \"odd key\": 0}"));
        QStringList seen;
        for (const JsonDiff::Difference &d : r.differences)
            seen.append(QString::number(int(d.kind)) + QLatin1Char(' ') + d.path);
        QCOMPARE(seen, QStringList({QStringLiteral("1 $.gone"), QStringLiteral("2 $.kept"),
                                    QStringLiteral("0 $.list[1]"), QStringLiteral("0 $.new"),
                                    QStringLiteral("0 $[\"odd key\"]")}));
    }

    void nineteenDigitNumbersAreComparedExactly()
    {
        const JsonDiff::Result r = JsonDiff::compare(json("{\"id\": 1234567890123456789}"),
                                                     json("{\"id\": 1234567890123456788}"));
        QCOMPARE(r.differences.size(), 1);
        QCOMPARE(r.differences.first().before, QStringLiteral("1234567890123456789"));
    }

    void differencesAreCapped()
    {
        QJsonObject a;
        QJsonObject b;
        for (int i = 0; i < 50; ++i) {
            a.insert(QStringLiteral("k%1").arg(i), i);
            b.insert(QStringLiteral("k%1").arg(i), i + 1);
        }
        const JsonDiff::Result r = JsonDiff::compare(a, b, 10);
        QCOMPARE(r.differences.size(), 10);
        QVERIFY(r.capped);
    }

    void textBodiesGetALineDiff()
    {
        const BodyDiff d = BodyDiff::compare("one\ntwo\nthree\nfour", "one\n2\nthree\nfour\nfive");
        QVERIFY(!d.json);
        QCOMPARE(d.linesA, QList<int>({2}));
        QCOMPARE(d.linesB, QList<int>({2, 5}));
        QCOMPARE(d.differences.size(), 3);
        QVERIFY(d.differences.first().startsWith(QLatin1String("line 2 only in A: two")));
        QCOMPARE(d.places.size(), d.differences.size());
    }

    void aPercentSignInABodyStaysText()
    {
        const BodyDiff d = BodyDiff::compare("{\"a\": \"%1 %2\"}", "{\"a\": \"%3\"}");
        QCOMPARE(d.differences.size(), 1);
        QCOMPARE(d.differences.first(),
                 QStringLiteral("$.a: \"%1 %2\" → \"%3\" (line 2 | line 2)"));
    }

    void largeBodiesAreCappedWithANote()
    {
        const QByteArray a = QByteArray("line\n").repeated(100'000);
        QByteArray b = a;
        b.replace(10, 4, "LINE");
        const BodyDiff d = BodyDiff::compare(a, b, 64 * 1024);
        QVERIFY(d.note.contains(QLatin1String("Only the first")));
        QCOMPARE(d.linesA, QList<int>({3}));
    }

    void completelyDifferentLongTextsAreBounded()
    {
        QStringList a;
        QStringList b;
        for (int i = 0; i < 5000; ++i) {
            a.append(QStringLiteral("a%1").arg(i));
            b.append(QStringLiteral("b%1").arg(i));
        }
        const LineDiff::Result r = LineDiff::compare(a, b, 1'000'000);
        QVERIFY(r.approximate);
        QCOMPARE(r.changes.size(), 10000);
    }

    void twoCallsAreComparedFieldByField()
    {
        CallRecord a = SampleCalls::make(3);
        CallRecord b = SampleCalls::make(6, 409, QStringLiteral("idempotency_key_mismatch"));
        b.requestHeaders.append(std::pair<QByteArray, QByteArray>("X-Trace", "on"));
        const CallDiff d = CallDiff::compare(a, b);
        const auto field = [&d](const QString &name) {
            for (const CallDiff::Field &f : d.fields)
                if (f.name == name)
                    return f;
            return CallDiff::Field{};
        };
        QVERIFY(field(QStringLiteral("Status")).differs());
        QCOMPARE(field(QStringLiteral("Status")).b, QStringLiteral("409"));
        QVERIFY(!field(QStringLiteral("Profile")).differs());
        QCOMPARE(d.requestHeaders.size(), 1);
        QCOMPARE(d.requestHeaders.first().kind, CallDiff::HeaderChange::Kind::Added);
        QCOMPARE(d.requestHeaders.first().name, QStringLiteral("X-Trace"));
        QVERIFY(d.requestBody.json);
        QCOMPARE(d.requestBody.differences.size(), 1);
        QVERIFY(d.requestBody.differences.first().startsWith(QStringLiteral("$.amount: 3 → 6")));
    }

    void aHostileBodyStaysLinear()
    {
        // A long key over many elements: paths are spelled out only for the differences, and
        // their keys are cut, so neither time nor memory grows with the square of the body.
        const QByteArray key(20'000, 'k');
        QByteArray a = "{\"" + key + "\": [";
        QByteArray b = a;
        for (int i = 0; i < 2000; ++i) {
            a += QByteArray(i ? "," : "") + "0";
            b += QByteArray(i ? "," : "") + "1";
        }
        a += "]}";
        b += "]}";
        const BodyDiff d = BodyDiff::compare(a, b);
        QVERIFY(d.json);
        QCOMPARE(d.differences.size(), 1000);
        QVERIFY(d.note.contains(QLatin1String("first 1000")));
        for (const QString &row : d.differences)
            QVERIFY(row.size() <= 301);
        QCOMPARE(d.places.at(3), std::make_pair(6, 6)); // "{", the key's line, then the items
    }

    void binaryBodiesAreComparedByByte()
    {
        const BodyDiff d =
            BodyDiff::compare(QByteArray("\x00\x01\x02\x03", 4), QByteArray("\x00\x01\xff\x03", 4));
        QVERIFY(!d.json);
        QCOMPARE(d.differences,
                 QStringList({QStringLiteral("binary bodies: they differ from byte 2 on (A 4 "
                                             "bytes, B 4 bytes)")}));
        QVERIFY(d.textA.startsWith(QLatin1String("00000000  00 01 02 03")));
    }

    void aCancelledComparisonStops()
    {
        std::atomic_bool cancel{true};
        const BodyDiff d =
            BodyDiff::compare("{\"a\": [1, 2]}", "{\"a\": [3, 4]}", BodyDiff::defaultCap, &cancel);
        QVERIFY(d.note.contains(QLatin1String("stopped")));
        QVERIFY(d.differences.isEmpty());
    }

    void aKeyCutShortIsStillRedacted()
    {
        // A value is cut to 200 characters for display: the key at its end must not survive
        // as a prefix of itself.
        const QString key = QStringLiteral("pi_test_cutkey_0123456789abcdef");
        Redaction::rememberSecret(key);
        CallRecord a = SampleCalls::make(3);
        CallRecord b = SampleCalls::make(3);
        b.requestBody = "{\"amount\": \"" + QByteArray(185, 'x') + key.toUtf8() + "\"}";
        const QString text = CallDiff::compare(a, b).toText();
        QVERIFY(text.contains(QLatin1String("$.amount")));
        QVERIFY2(!text.contains(key.left(12)), qPrintable(text));
    }

    void theTextCopyHoldsNoKey()
    {
        const QString key = QStringLiteral("pi_test_comparekey0123456789");
        Redaction::rememberSecret(key);
        CallRecord a = SampleCalls::make(3);
        CallRecord b = SampleCalls::make(6);
        b.requestBody = "{\"amount\": 6, \"note\": \"" + key.toUtf8() + "\"}";
        b.responseBody = key.toUtf8().toBase64();
        const QString text = CallDiff::compare(a, b).toText();
        QVERIFY(text.contains(QStringLiteral("$.amount: 3 → 6")));
        QVERIFY(text.contains(QLatin1String("$.note")));
        QVERIFY(!text.contains(key));
        QVERIFY(!text.contains(QString::fromLatin1(key.toUtf8().toBase64())));
    }

    // What the composer holds is no recorded call: it is not titled "#0".
    void theComposersBodyIsNotTitledAsACall()
    {
        CallRecord composed;
        QCOMPARE(CallDiff::title(composed), QStringLiteral("the composer, not sent"));
        composed.id = 12;
        QVERIFY(CallDiff::title(composed).startsWith(QStringLiteral("#12 · ")));
    }
};

QTEST_GUILESS_MAIN(TestCallDiff)
#include "tst_calldiff.moc"
