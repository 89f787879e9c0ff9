#include "support/cuttext.h"

#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QTabBar>
#include <QTextDocument>
#include <QToolButton>

#include <cmath>

namespace {

QString name(const QWidget *w)
{
    QString n = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                          : w->objectName();
    if (!w->accessibleName().isEmpty())
        n += QStringLiteral(" (%1)").arg(w->accessibleName());
    return n;
}

QString problem(const QWidget *w, const QString &text, QSize has, QSize needs)
{
    return QStringLiteral("%1 \"%2\": %3×%4, needs %5×%6")
        .arg(name(w), text.left(60))
        .arg(has.width())
        .arg(has.height())
        .arg(needs.width())
        .arg(needs.height());
}

// Inside a scroll area's viewport a widget may be larger than what is in view: scrolling
// shows the rest, nothing is cut.
bool scrolls(const QWidget *w)
{
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QAbstractScrollArea *>(p))
            return true;
    return false;
}

void checkLabel(const QLabel *label, QStringList *out)
{
    if (label->text().isEmpty() || scrolls(label))
        return;
    // A wrapping label needs the height its text takes at its width, and no word wider.
    if (label->wordWrap()) {
        const QRect room = label->contentsRect();
        const QRect wrapped = label->fontMetrics().boundingRect(QRect(0, 0, room.width(), 100000),
                                                                Qt::TextWordWrap, label->text());
        const int needs = label->heightForWidth(label->width());
        if (needs > label->height() + 1 || wrapped.width() > room.width() + 1)
            out->append(problem(label, label->text(), label->size(),
                                {std::max(label->width(), wrapped.width()), needs}));
        return;
    }
    const int margins = 2 * label->margin();
    QSize needs;
    if (label->textFormat() != Qt::PlainText && Qt::mightBeRichText(label->text())) {
        QTextDocument doc;
        doc.setDefaultFont(label->font());
        doc.setDocumentMargin(0);
        doc.setHtml(label->text());
        needs = QSize(int(std::ceil(doc.idealWidth())), int(std::ceil(doc.size().height())));
    } else {
        // With a buddy, one '&' marks the mnemonic and is not drawn.
        const int mnemonic = label->buddy() ? int(Qt::TextShowMnemonic) : 0;
        needs = label->fontMetrics()
                    .boundingRect(QRect(0, 0, 100000, 100000), int(label->alignment()) | mnemonic,
                                  label->text())
                    .size();
    }
    needs += QSize(margins, margins);
    const QSize has = label->contentsRect().size();
    if (needs.width() > has.width() + 1 || needs.height() > has.height() + 1)
        out->append(problem(label, label->text(), has, needs));
}

void checkButton(const QAbstractButton *button, QStringList *out)
{
    if (button->text().isEmpty() || scrolls(button))
        return;
    // A check box or radio button needs its whole size hint: indicator, gap and text.
    // A push or tool button needs its text and icon inside the style's margins.
    QSize needs = button->sizeHint();
    if (qobject_cast<const QPushButton *>(button) || qobject_cast<const QToolButton *>(button)) {
        QString text = button->text();
        text.remove(QLatin1Char('&'));
        const int margin = button->style()->pixelMetric(QStyle::PM_ButtonMargin, nullptr, button);
        const int icon = button->icon().isNull() ? 0 : button->iconSize().width() + 4;
        needs.setWidth(button->fontMetrics().horizontalAdvance(text) + icon + margin);
        needs.setHeight(button->fontMetrics().height());
    }
    if (needs.width() > button->width() || needs.height() > button->height())
        out->append(problem(button, button->text(), button->size(), needs));
}

void checkGroupBox(const QGroupBox *box, QStringList *out)
{
    if (box->title().isEmpty())
        return;
    QString title = box->title();
    title.remove(QLatin1Char('&'));
    const int needs = box->fontMetrics().horizontalAdvance(title) + 16;
    if (needs > box->width())
        out->append(problem(box, title, box->size(), {needs, box->height()}));
}

void checkHeader(const QHeaderView *header, QStringList *out)
{
    const QAbstractItemModel *model = header->model();
    if (!model || header->orientation() != Qt::Horizontal)
        return;
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i))
            continue;
        const QString text = model->headerData(i, Qt::Horizontal).toString();
        const int needs =
            header->fontMetrics().horizontalAdvance(text) +
            2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) + 2;
        if (needs > header->sectionSize(i))
            out->append(problem(header, text, {header->sectionSize(i), header->height()},
                                {needs, header->height()}));
    }
}

// A combo box shows its current text whole, beside its arrow.
void checkCombo(const QComboBox *combo, QStringList *out)
{
    if (combo->currentText().isEmpty() || scrolls(combo) || combo->isEditable())
        return;
    const int arrow = combo->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, combo);
    const int needs = combo->fontMetrics().horizontalAdvance(combo->currentText()) + arrow + 8;
    if (needs > combo->width())
        out->append(problem(combo, combo->currentText(), combo->size(), {needs, combo->height()}));
}

// A field a person types into keeps room for a dozen characters: squeezed below that, what
// is typed is cut as it is typed.
void checkLineEdit(const QLineEdit *edit, QStringList *out)
{
    if (scrolls(edit) || !edit->isEnabled())
        return;
    const int needs = edit->fontMetrics().averageCharWidth() * 12;
    if (needs > edit->width())
        out->append(problem(edit, edit->text(), edit->size(), {needs, edit->height()}));
}

// Every tab's title whole.
void checkTabBar(const QTabBar *bar, QStringList *out)
{
    for (int i = 0; i < bar->count(); ++i) {
        QString title = bar->tabText(i);
        title.remove(QLatin1Char('&'));
        const int needs = bar->fontMetrics().horizontalAdvance(title);
        if (needs > bar->tabRect(i).width())
            out->append(
                problem(bar, title, bar->tabRect(i).size(), {needs, bar->tabRect(i).height()}));
    }
}

} // namespace

namespace CutText {

QStringList find(QWidget *root)
{
    QStringList out;
    QList<QWidget *> all = root->findChildren<QWidget *>();
    all.prepend(root);
    for (const QWidget *w : std::as_const(all)) {
        if (!w->isVisible() || w->width() <= 0)
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(w))
            checkLabel(label, &out);
        else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            checkButton(button, &out);
        else if (const auto *box = qobject_cast<const QGroupBox *>(w))
            checkGroupBox(box, &out);
        else if (const auto *header = qobject_cast<const QHeaderView *>(w))
            checkHeader(header, &out);
        else if (const auto *combo = qobject_cast<const QComboBox *>(w))
            checkCombo(combo, &out);
        else if (const auto *edit = qobject_cast<const QLineEdit *>(w))
            checkLineEdit(edit, &out);
        else if (const auto *bar = qobject_cast<const QTabBar *>(w))
            checkTabBar(bar, &out);
    }
    return out;
}

} // namespace CutText
