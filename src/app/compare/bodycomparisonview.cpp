#include "app/compare/bodycomparisonview.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

constexpr qsizetype maxShownChars = 100 * 1024;

QPlainTextEdit *sideView(const QString &name, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(name);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

void setText(QPlainTextEdit *view, const QString &text, const QList<int> &lines)
{
    const bool cut = text.size() > maxShownChars;
    view->setPlainText(cut ? text.left(maxShownChars) +
                                 BodyComparisonView::tr("\n… (the rest is not shown)")
                           : text);
    // The differing lines marked in the palette's highlight, faint enough to read through.
    QColor mark = view->palette().color(QPalette::Highlight);
    mark.setAlpha(70);
    QList<QTextEdit::ExtraSelection> marks;
    const QTextDocument *doc = view->document();
    for (const int line : lines) {
        const QTextBlock block = doc->findBlockByLineNumber(line - 1);
        if (!block.isValid() || marks.size() >= 2000)
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(mark);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks.append(s);
    }
    view->setExtraSelections(marks);
}

void scrollTo(QPlainTextEdit *view, int line)
{
    if (line <= 0)
        return;
    const QTextBlock block = view->document()->findBlockByLineNumber(line - 1);
    if (!block.isValid())
        return;
    view->setTextCursor(QTextCursor(block));
    view->centerCursor();
}

} // namespace

BodyComparisonView::BodyComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_a(sideView(tr("Body A"), this))
    , m_b(sideView(tr("Body B"), this))
    , m_differences(new QListWidget(this))
{
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_note->setAccessibleName(tr("Comparison note"));
    m_differences->setAccessibleName(tr("Body differences"));
    m_differences->setUniformItemSizes(true); // thousands of rows without measuring each
    auto *sides = new QSplitter(Qt::Horizontal);
    sides->addWidget(m_a);
    sides->addWidget(m_b);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(sides);
    split->addWidget(m_differences);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
    connect(m_differences, &QListWidget::currentRowChanged, this, &BodyComparisonView::showPlace);
}

void BodyComparisonView::clear(const QString &message)
{
    m_diff = {};
    m_note->setText(message);
    m_a->clear();
    m_b->clear();
    m_differences->clear();
}

void BodyComparisonView::setDiff(const BodyDiff &diff)
{
    m_diff = diff;
    QString note = diff.identical()
                       ? tr("The bodies are identical.")
                       : tr("%n difference(s).", nullptr, int(diff.differences.size()));
    if (diff.json)
        note += QLatin1Char(' ') + tr("Compared as JSON: key order and whitespace do not count.");
    if (!diff.note.isEmpty())
        note += QLatin1Char(' ') + diff.note;
    m_note->setText(note);
    setText(m_a, diff.textA, diff.linesA);
    setText(m_b, diff.textB, diff.linesB);
    m_differences->clear();
    m_differences->addItems(diff.differences);
    if (!diff.identical())
        m_differences->setCurrentRow(0);
}

void BodyComparisonView::showPlace(int row)
{
    if (row < 0 || row >= m_diff.places.size())
        return;
    scrollTo(m_a, m_diff.places.at(row).first);
    scrollTo(m_b, m_diff.places.at(row).second);
}
