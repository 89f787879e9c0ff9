#include "response/bodyview.h"
#include "response/linelistmodel.h"

#include <QTest>

// The response body's large view: lines cut on characters, search in either case.
class TestBodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longLinesAreCutBetweenCharacters()
    {
        const QByteArray text = QByteArray("héllo wörld ").repeated(6000); // one 78 KB line
        const QList<qsizetype> starts = LineListModel::indexLines(text);
        QVERIFY(starts.size() > 30);
        for (const qsizetype start : starts)
            QVERIFY2((uchar(text.at(start)) & 0xC0) != 0x80, qPrintable(QString::number(start)));
    }

    void searchFindsEitherCase()
    {
        const QByteArray text = QByteArray(70'000, 'x') + "Say HELLO" + QByteArray(10, 'y');
        QCOMPARE(BodyView::indexIgnoringCase(text, "hello", 0), 70'004);
        QCOMPARE(BodyView::indexIgnoringCase(text, "say h", 0), 70'000);
        QCOMPARE(BodyView::indexIgnoringCase(text, "hello", 70'005), -1);
        QCOMPARE(BodyView::indexIgnoringCase(text, "yyyyyyyyyyy", 0), -1); // runs past the end
        QCOMPARE(BodyView::indexIgnoringCase({}, "a", 0), -1);
        // A NUL is a byte like another, on both sides.
        const QByteArray nul("a\0b\0c", 5);
        QCOMPARE(BodyView::indexIgnoringCase(nul, QByteArray("a\0c", 3), 0), -1);
        QCOMPARE(BodyView::indexIgnoringCase(nul, QByteArray("B\0C", 3), 0), 2);
    }

    // Found by bench_largebody: a needle whose first letter is everywhere in one case and
    // nowhere in the other ("charge …" in a body of lower-case keys) read the whole rest of
    // the text for the other case at every candidate. 16 MB of those took hours; it is read
    // once now.
    void searchReadsTheTextOnceWhenOneCaseIsMissing()
    {
        QByteArray text;
        text.reserve(16 * 1024 * 1024 + 16);
        for (int i = 0; i < 8 * 1024 * 1024; ++i)
            text.append("c,", 2);
        const qsizetype at = text.size();
        text.append("Charge 7");
        QCOMPARE(BodyView::indexIgnoringCase(text, "charge 7", 0), at);
        QCOMPARE(BodyView::indexIgnoringCase(text.toUpper(), "charge 7", 0), at);
        QCOMPARE(BodyView::indexIgnoringCase(text, "charge 8", 0), -1);
    }
};

QTEST_MAIN(TestBodyView)
#include "tst_bodyview.moc"
