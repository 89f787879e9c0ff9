// The body view: large bodies formatted off the UI thread and drawn indented and highlighted;
// search in either case on a worker, wrapping round, waiting for the body on its way.
#include "app/response/bodyview.h"
#include "app/response/linelist.h"
#include "app/response/lineview.h"

#include <QLabel>
#include <QLineEdit>
#include <QTest>

// The response body's large view: lines cut on characters, search in either case.
class TestBodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longLinesAreCutBetweenCharacters()
    {
        const QByteArray text = QByteArray("héllo wörld ").repeated(6000); // one 78 KB line
        const LineList lines(text);
        QVERIFY(lines.rowCount() > 30);
        QByteArray joined;
        for (qsizetype row = 0; row < lines.rowCount(); ++row) {
            const qsizetype start = lines.rowStart(row);
            QVERIFY2((uchar(text.at(start)) & 0xC0) != 0x80, qPrintable(QString::number(start)));
            joined += lines.rowBytes(row);
        }
        QCOMPARE(joined, text);
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

    // The large view searches on a worker, a few MB at a time: a match across two of those
    // reads is found, one that starts past the end of the range is not, and a search that is
    // told to stop does.
    void searchInChunksFindsAMatchAcrossTwoChunks()
    {
        constexpr qsizetype chunk = 4 * 1024 * 1024;
        QByteArray text(chunk + 100, '.');
        text.replace(chunk - 3, 6, "NEEDLE");
        const auto never = [] {
            return false;
        };
        QCOMPARE(BodyView::indexInChunks(text, "needle", 0, text.size(), never), chunk - 3);
        QCOMPARE(BodyView::indexInChunks(text, "needle", 0, chunk - 3, never), -1);
        QCOMPARE(BodyView::indexInChunks(text, "needle", chunk - 2, text.size(), never), -1);
        QCOMPARE(BodyView::indexInChunks(text, "needle", 0, text.size(), [] { return true; }), -1);
    }

    // Calls that finish in one turn of the event loop: the first body is shown at once, the
    // others are laid out once, as the last of them, when the loop turns.
    void bodiesSetInOneTurnAreShownOnceAsTheLast()
    {
        BodyView view;
        view.setBody("{\"n\":1}");
        QVERIFY(view.isReady());
        QVERIFY(view.shownText().contains("\"n\": 1"));
        view.setBody("{\"n\":2}");
        view.setBody("{\"n\":3}");
        QVERIFY(!view.isReady());
        QVERIFY(view.shownText().contains("\"n\": 1"));
        QTRY_VERIFY(view.isReady());
        QVERIFY(view.shownText().contains("\"n\": 3"));
        QCOMPARE(view.body(), QByteArray("{\"n\":3}"));
        // In a later turn, a body is shown at once again.
        QTest::qWait(1);
        view.setBody("{\"n\":4}");
        QVERIFY(view.isReady());
        QVERIFY(view.shownText().contains("\"n\": 4"));
    }

    // Enter pressed while the next body is still being formatted searches that body, once it
    // is shown, not the one on its way out; and a search whose needle is cleared while it
    // runs leaves the state line as it was.
    void aSearchWaitsForTheBodyOnItsWay()
    {
        BodyView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setBody(QByteArray(5 * 1024 * 1024, 'x') + "XQ" + QByteArray(1000, 'x'));
        QTRY_VERIFY(view.isReady());
        QTest::qWait(1);
        QByteArray list = "[";
        for (int i = 0; i < 3000; ++i)
            list += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + "}";
        list += "]";
        view.setBody(list);
        auto *find = view.findChild<QLineEdit *>(QStringLiteral("findInBodyEdit"));
        auto *lines = view.findChild<LineView *>(QStringLiteral("responseBodyLines"));
        auto *state = view.findChild<QLabel *>(QStringLiteral("bodyStateLabel"));
        find->setText(QStringLiteral("xq"));
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_COMPARE(state->text(), QStringLiteral("Not found"));
        QCOMPARE(lines->currentRow(), -1);

        // A needle changed while its search runs stops that search: cleared, the state line
        // says the size again at once; put back, it is searched for afresh, not "Not found".
        view.setBody(QByteArray(40 * 1024 * 1024, 'y') + "YYZQ");
        QTRY_VERIFY(view.isReady());
        const QString size = state->text();
        find->setText(QStringLiteral("yyzq"));
        QTest::keyClick(find, Qt::Key_Return);
        find->setText(QStringLiteral("yyz"));
        find->setText(QStringLiteral("yyzq"));
        // Every byte a candidate: seconds under the sanitizers.
        QTRY_VERIFY2_WITH_TIMEOUT(state->text().startsWith(QStringLiteral("Line ")),
                                  qPrintable(state->text()), 60000);
        QCOMPARE(lines->currentRow(), lines->lines().rowCount() - 1);
        find->setText(QStringLiteral("yyz"));
        QTest::keyClick(find, Qt::Key_Return);
        find->clear();
        QCOMPARE(state->text(), size);
    }

    void largeBodySearchFindsTheLineAndWrapsAround()
    {
        QByteArray body = "[";
        for (int i = 0; i < 5000; ++i)
            body += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + ",\"tag\":\"t" +
                    QByteArray::number(i) + "\"}";
        body += "]";
        BodyView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setBody(body);
        QTRY_VERIFY(view.isReady());
        QVERIFY(view.isLargeMode());
        auto *find = view.findChild<QLineEdit *>(QStringLiteral("findInBodyEdit"));
        auto *lines = view.findChild<LineView *>(QStringLiteral("responseBodyLines"));
        auto *state = view.findChild<QLabel *>(QStringLiteral("bodyStateLabel"));
        const auto currentLine = [lines] {
            return lines->lines().rowText(lines->currentRow());
        };
        // Its pretty lines are drawn indented, though kept without their indentation.
        qsizetype lineOfN = 0;
        while (lineOfN < lines->lines().rowCount() &&
               !lines->lines().rowText(lineOfN).contains(QStringLiteral("\"n\": 17,")))
            ++lineOfN;
        QCOMPARE(lines->lines().rowText(lineOfN), QStringLiteral("        \"n\": 17,"));
        QVERIFY(!view.shownText().contains("    \"n\""));
        find->setText(QStringLiteral("\"T4321\""));
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_VERIFY(currentLine().contains(QStringLiteral("t4321")));
        QVERIFY2(state->text().startsWith(QStringLiteral("Line ")), qPrintable(state->text()));
        // From below it, the next Enter comes round from the top to the same line.
        const qsizetype row = lines->currentRow();
        state->clear();
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_VERIFY(state->text().startsWith(QStringLiteral("Line ")));
        QCOMPARE(lines->currentRow(), row);
        find->setText(QStringLiteral("t50000"));
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_COMPARE(state->text(), QStringLiteral("Not found"));
    }
};

QTEST_MAIN(TestBodyView)
#include "tst_bodyview.moc"
