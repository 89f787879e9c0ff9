// The line view of large bodies: rows cut between UTF-8 characters, each row found from its mark as
// a plain walk finds it; rows selected by mouse and Shift, copied as drawn and without a remembered
// key; a million rows scrolled to any one; the line under the cursor given to assistive technology.
#include "app/response/lineview.h"
#include "core/secrets/redaction.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QFontMetricsF>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

// The large body's line view: it draws the rows on screen, selects and copies them as a list
// does, scrolls to any of millions, and tells assistive technology where its cursor is.
class TestLineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Only every 64th row's start is kept: each row, found from its mark, is where a plain
    // walk through the text puts it, in short lines, long lines cut in segments, CRLF, UTF-8.
    void everyRowIsFoundFromItsMark()
    {
        QByteArray text;
        for (int i = 0; i < 500; ++i) {
            text += QByteArray("{\"n\": ") + QByteArray::number(i) + (i % 7 ? ",\n" : ",\r\n");
            if (i % 97 == 0)
                text += QByteArray("é").repeated(1500 + i) + '\n'; // 3,000+ bytes: cut in two
            if (i % 131 == 0)
                text += '\n'; // an empty line
            if (i % 149 == 0)
                text += QByteArray(2048, 'c') + "\r\n"; // a CRLF just past the cut
        }
        text += "no newline at the end";
        QList<qsizetype> starts; // a plain walk: to the newline, or 2,048 bytes less a partial
        for (qsizetype at = 0; at < text.size();) {
            starts.append(at);
            const qsizetype newline = text.indexOf('\n', at);
            qsizetype cut = at + LineList::segment;
            while (cut < text.size() && (uchar(text.at(cut)) & 0xC0) == 0x80)
                --cut;
            // A newline right at the cut ends the row: no empty row after it.
            const qsizetype limit = at + LineList::segment;
            const bool inRow = newline >= 0 && (newline <= limit ||
                                                (newline == limit + 1 && text.at(limit) == '\r'));
            at = inRow ? newline + 1 : std::min(cut, text.size());
        }
        const LineList lines(text);
        QCOMPARE(lines.rowCount(), starts.size());
        for (qsizetype row = 0; row < starts.size(); ++row) {
            QCOMPARE(lines.rowStart(row), starts.at(row));
            QCOMPARE(lines.rowOfOffset(starts.at(row)), row);
            const qsizetype end = row + 1 < starts.size() ? starts.at(row + 1) : text.size();
            QCOMPARE(lines.rowOfOffset(end - 1), row);
            QVERIFY(!lines.rowBytes(row).endsWith('\r'));
        }
        QCOMPARE(lines.rowBytes(lines.rowCount() - 1), QByteArrayView("no newline at the end"));
        QCOMPARE(lines.rowStart(lines.rowCount()), 0); // past the end: from the top
        QCOMPARE(LineList(QByteArray()).rowCount(), 1);
        // A line of exactly 2,048 bytes, or one whose CR is its 2,048th byte, is one row.
        QCOMPARE(LineList(QByteArray(2048, 'a') + "\nb").rowCount(), 2);
        QCOMPARE(LineList(QByteArray(2047, 'a') + "\r\nb").rowCount(), 2);
        QCOMPARE(LineList(QByteArray(2048, 'a') + "\r\nb").rowCount(), 2);
        QCOMPARE(LineList(QByteArray(2048, 'a') + "\r\nb").rowBytes(0), QByteArray(2048, 'a'));
        QCOMPARE(LineList(QByteArray(2047, 'a') + "\r\nb").rowBytes(0), QByteArray(2047, 'a'));
        // A CR that ends no line is text.
        QCOMPARE(LineList(QByteArray(2047, 'a') + "\r" + QByteArray(10, 'b')).rowBytes(0).size(),
                 2048);
        QCOMPARE(LineList().rowCount(), 0);
    }

    void linesAreIndentedByTheirDepthAndTheirCutsAreNot()
    {
        const QByteArray text = "[\n\"" + QByteArray(3000, 'x') + "\"\n]\n";
        const LineList lines(text, {0, 1, 0});
        QCOMPARE(lines.rowCount(), 4);
        QCOMPARE(lines.indentOf(0), 0);
        QCOMPARE(lines.indentOf(1), 4);
        QCOMPARE(lines.indentOf(2), 0); // the rest of the long line
        QCOMPARE(lines.indentOf(3), 0);
        QCOMPARE(lines.widest(), LineList::segment + 4);
    }

    void rowsSelectedWithShiftAreCopiedIndented()
    {
        LineView view;
        view.resize(400, 300);
        view.setLines(LineList("{\n\"a\": 1,\n\"b\": [\n2\n]\n}\n", {0, 1, 1, 2, 1, 0}));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int rowHeight = view.fontMetrics().lineSpacing();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(20, rowHeight + 2));
        QCOMPARE(view.currentRow(), 1);
        QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(view.selectedText(), QStringLiteral("    \"a\": 1,\n    \"b\": [\n        2"));
        QApplication::clipboard()->clear();
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), view.selectedText());
        // A click without Shift starts again from the row clicked.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(20, 2));
        QCOMPARE(view.selectedText(), QStringLiteral("{"));
    }

    void aCopiedRowHoldsNoKey()
    {
        const QString key = QStringLiteral("pi_test_LineViewCopyKey0123456789abcdef");
        Redaction::rememberSecret(key);
        LineView view;
        view.setLines(LineList("{\"echo\": \"" + key.toUtf8() + "\"}"));
        view.setCurrentRow(0);
        QVERIFY(view.selectedText().contains(key)); // it shows what the server sent
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(!copied.contains(key), qPrintable(copied));
        QVERIFY(copied.contains(QStringLiteral("[redacted]")));
    }

    // Long lines are cut into rows for the screen only: a copy of all of them is the text,
    // CRLFs and all, so a key that runs across a cut is whole when the redaction reads it.
    void aCopyIsTheTextItsCutsUndoneAndItsKeysRedacted()
    {
        const QString key = QStringLiteral("pi_test_AcrossTheCutKey0123456789abcdef");
        Redaction::rememberSecret(key);
        const QByteArray text =
            QByteArray(2033, 'x') + key.toUtf8() + QByteArray(3000, 'y') + "\r\nend\r\n";
        LineView view;
        view.setLines(LineList(text));
        QVERIFY(view.lines().rowCount() > 3);
        QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(view.selectedText(), QString::fromLatin1(text.chopped(2)));
        QApplication::clipboard()->clear();
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QString expected = QString::fromLatin1(text.chopped(2));
        expected.replace(key, QStringLiteral("[redacted]"));
        QCOMPARE(QApplication::clipboard()->text(), expected);
    }

    // Megabytes are copied on a worker, the key redacted there too; the view says when.
    void aLargeCopyIsMadeOnAWorker()
    {
        const QString key = QStringLiteral("pi_test_LargeCopyKey0123456789abcdef");
        Redaction::rememberSecret(key);
        QByteArray text;
        for (int i = 0; i < 100'000; ++i)
            text += "\"n\": " + QByteArray::number(i) + ",\n";
        text += key.toUtf8();
        LineView view;
        view.setLines(LineList(text));
        QSignalSpy started(&view, &LineView::copyStarted);
        QSignalSpy copied(&view, &LineView::copied);
        QApplication::clipboard()->clear();
        QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(started.size(), 1);
        QVERIFY(copied.wait(10000));
        QCOMPARE(copied.first().first().value<qsizetype>(), view.lines().rowCount());
        const QString copiedText = QApplication::clipboard()->text();
        QCOMPARE(copiedText.size(), text.size() - key.size() + qsizetype(strlen("[redacted]")));
        QVERIFY(copiedText.startsWith(QStringLiteral("\"n\": 0,\n")));
        QVERIFY(copiedText.endsWith(QStringLiteral("[redacted]")));
    }

    // The last copy asked for wins: a large copy still being made when a small one is asked
    // for never reaches the clipboard, nor says it was made.
    void aLaterCopyWinsOverALargeOneStillBeingMade()
    {
        QByteArray text;
        for (int i = 0; i < 200'000; ++i)
            text += "\"n\": " + QByteArray::number(i) + ",\n";
        LineView view;
        view.setLines(LineList(text, QList<quint8>(200'001, 3))); // indented: 3.6 MB
        QCOMPARE(view.lines().copySize(0, 0), 12 + 8);
        QSignalSpy copied(&view, &LineView::copied);
        // The overtaken copy says it was dropped once its worker is done, so no one waits for
        // it, and this test waits for exactly that.
        QSignalSpy dropped(&view, &LineView::copyDropped);
        QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_End);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.first().first().value<qsizetype>(), 1);
        const QString last = QApplication::clipboard()->text();
        QVERIFY2(last.size() < 100, qPrintable(last.left(100)));
        QVERIFY(dropped.wait(10000));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(QApplication::clipboard()->text(), last);
        // Again, the small copy at the top this time.
        dropped.clear();
        QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_Home);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QVERIFY(dropped.wait(10000));
        QCOMPARE(copied.size(), 2);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("            \"n\": 0,"));
    }

    void aClickBelowTheLastRowSelectsNothing()
    {
        LineView view;
        view.resize(300, 300);
        view.setLines(LineList("one\ntwo\n"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCurrentRow(1);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(20, 250));
        QCOMPARE(view.currentRow(), -1);
        QVERIFY(view.selectedText().isEmpty());
    }

    void theSelectedRowIsDrawnHighlighted()
    {
        LineView view;
        view.resize(300, 200);
        view.setLines(LineList("one\ntwo\nthree\n"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int rowHeight = view.fontMetrics().lineSpacing();
        const QPoint inSecondRow(view.viewport()->width() - 4, rowHeight + rowHeight / 2);
        const QColor base = view.viewport()->grab().toImage().pixelColor(inSecondRow);
        view.setCurrentRow(1);
        const QImage after = view.viewport()->grab().toImage();
        QVERIFY(after.pixelColor(inSecondRow) != base);
        QCOMPARE(after.pixelColor(inSecondRow),
                 view.palette().color(QPalette::Inactive, QPalette::Highlight));
        // Text is drawn: the first row is not all background.
        bool inked = false;
        for (int x = 0; x < 60 && !inked; ++x)
            for (int y = 0; y < rowHeight && !inked; ++y)
                inked = after.pixelColor(x, y) != base;
        QVERIFY(inked);
    }

    void anyOfMillionsOfRowsIsReachedAndShown()
    {
        QByteArray text;
        for (int i = 0; i < 1'000'000; ++i)
            text += QByteArray::number(i) + '\n';
        LineView view;
        view.resize(400, 300);
        view.setLines(LineList(text));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.lines().rowCount(), 1'000'000);
        const int rowsShown = view.viewport()->height() / view.fontMetrics().lineSpacing();
        view.setCurrentRow(654'321);
        QVERIFY(view.verticalScrollBar()->value() <= 654'321);
        QVERIFY(view.verticalScrollBar()->value() + rowsShown > 654'321);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentRow(), 999'999);
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
        QCOMPARE(view.verticalScrollBar()->maximum() + rowsShown, 1'000'000);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.currentRow(), 999'999 - rowsShown);
        QCOMPARE(view.selectedText(), QString::number(999'999 - rowsShown));
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.verticalScrollBar()->value(), 0);
        // A new text starts at its top, with nothing selected.
        view.setLines(LineList("x\n"));
        QCOMPARE(view.currentRow(), -1);
        QCOMPARE(view.verticalScrollBar()->maximum(), 0);
    }

    void aLongRowScrollsSideways()
    {
        LineView view;
        view.resize(300, 200);
        view.setLines(LineList(QByteArray(1000, 'w')));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.horizontalScrollBar()->maximum() > 0);
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(view.horizontalScrollBar()->value() > 0);
        // Scrolled to the end, the end of the row is on screen.
        const QFontMetricsF metrics(view.font());
        const qreal rowWidth = metrics.horizontalAdvance(QString(1000, QLatin1Char('w')));
        QVERIFY2(view.horizontalScrollBar()->maximum() + view.viewport()->width() >= rowWidth,
                 qPrintable(QString::number(rowWidth)));
        // A row of tabs is wider than its bytes: measured once drawn.
        view.setLines(LineList(QByteArray("a\t").repeated(300)));
        view.viewport()->repaint();
        const qreal tabbed = metrics.horizontalAdvance(QString::fromLatin1("a\t").repeated(300));
        QTRY_VERIFY2(view.horizontalScrollBar()->maximum() + view.viewport()->width() >= tabbed,
                     qPrintable(QString::number(tabbed)));
        // A row of wide characters reaches its end, and not far past it.
        const QString wide = QString(QStringLiteral("漢字")).repeated(300);
        view.setLines(LineList(wide.toUtf8()));
        view.viewport()->repaint();
        const qreal wideWidth = metrics.horizontalAdvance(wide);
        QTRY_VERIFY(view.horizontalScrollBar()->maximum() + view.viewport()->width() >= wideWidth);
        // Not far past its end: past the wider of the row as drawn and the row counted in
        // columns, the view's estimate before drawing (wider when no font on the machine has
        // these characters and their stand-ins are narrow).
        const qreal counted = wide.size() * metrics.horizontalAdvance(QLatin1Char('M'));
        QVERIFY2(view.horizontalScrollBar()->maximum() + view.viewport()->width() <
                     std::max(wideWidth, counted) * 1.1 + 20,
                 qPrintable(QString::number(view.horizontalScrollBar()->maximum())));
    }

    void assistiveTechnologyHearsTheLineWithTheCursor()
    {
        LineView view;
        view.setAccessibleName(QStringLiteral("Response body"));
        view.setLines(LineList("{\n\"id\": \"ch_1\"\n}\n", {0, 1, 0}));
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(&view);
        QVERIFY(a);
        QCOMPARE(a->role(), QAccessible::Document);
        QVERIFY(a->state().readOnly);
        QCOMPARE(a->text(QAccessible::Name), QStringLiteral("Response body"));
        QCOMPARE(a->text(QAccessible::Description), QStringLiteral("3 lines"));
        view.setCurrentRow(1);
        QCOMPARE(a->text(QAccessible::Description), QStringLiteral("Line 2 of 3"));
        QCOMPARE(a->text(QAccessible::Value), QStringLiteral("    \"id\": \"ch_1\""));
    }
};

QTEST_MAIN(TestLineView)
#include "tst_lineview.moc"
