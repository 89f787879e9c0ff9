#include "app/response/bodyview.h"

#include "app/common/afterfirstpaint.h"
#include "app/common/backgroundrelease.h"
#include "app/response/lineview.h"
#include "core/base/jsontext.h"
#include "core/base/readable.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStackedWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <algorithm>
#include <cstring>
#include <utility>

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_lines(new LineView(this))
    , m_pretty(new QCheckBox(tr("Pretty"), this))
    , m_find(new QLineEdit(this))
    , m_state(new QLabel(this))
{
    m_coalesced.setSingleShot(true);
    m_coalesced.setInterval(0);
    connect(&m_coalesced, &QTimer::timeout, this, &BodyView::render);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_state->setTextFormat(Qt::PlainText);
    m_text->setObjectName(QStringLiteral("responseBodyText"));
    m_text->setReadOnly(true);
    m_text->setFont(mono);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setAccessibleName(tr("Response body"));
    m_lines->setObjectName(QStringLiteral("responseBodyLines"));
    m_lines->setFont(mono);
    m_lines->setAccessibleName(tr("Response body"));
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_lines);

    m_pretty->setChecked(true);
    m_pretty->setObjectName(QStringLiteral("prettyCheck"));
    m_find->setObjectName(QStringLiteral("findInBodyEdit"));
    m_find->setAccessibleName(tr("Find in response body"));
    m_find->setPlaceholderText(tr("Find in body (Enter for next)"));
    AfterFirstPaint::run(this, [this] { m_find->setClearButtonEnabled(true); });
    m_state->setObjectName(QStringLiteral("bodyStateLabel"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_pretty);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_state);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_pretty, &QCheckBox::toggled, this, &BodyView::render);
    connect(m_lines, &LineView::copyStarted, this, [this] { m_state->setText(tr("Copying…")); });
    connect(m_lines, &LineView::copyDropped, this, [this] {
        if (m_state->text() == tr("Copying…")) // no later copy has said anything since
            showSize();
    });
    connect(m_lines, &LineView::copied, this, [this](qsizetype rows) {
        m_state->setText(rows == 1 ? tr("1 line copied") : tr("%L1 lines copied").arg(rows));
    });
    connect(m_find, &QLineEdit::returnPressed, this, &BodyView::findNext);
    connect(m_find, &QLineEdit::textChanged, this, [this] {
        // A search for what is no longer asked for stops at its next chunk; the state line
        // says the size again at once.
        if (m_searchGeneration == m_generation && m_searchStop && !m_searchStop->exchange(true))
            showSize();
    });
}

bool BodyView::isLargeMode() const
{
    return m_stack->currentWidget() == m_lines;
}

void BodyView::focusFind()
{
    m_find->setFocus();
    m_find->selectAll();
}

void BodyView::clear()
{
    setBody({});
}

void BodyView::setBody(const QByteArray &body)
{
    BackgroundRelease::drop(std::exchange(m_body, body));
    if (body.isEmpty())
        m_findWhenReady = false; // cleared: nothing is on its way to be searched
    if (m_renderedThisTurn) {
        // Calls that finish together are shown together: of the bodies set before the event
        // loop turns again, only the last is laid out, once.
        nextGeneration();
        m_ready = false;
        m_coalesced.start();
        return;
    }
    render();
}

quint64 BodyView::nextGeneration()
{
    m_latest->store(++m_generation);
    return m_generation;
}

void BodyView::render()
{
    m_coalesced.stop();
    if (!m_renderedThisTurn) {
        m_renderedThisTurn = true;
        QTimer::singleShot(0, this, [this] { m_renderedThisTurn = false; });
    }
    const quint64 generation = nextGeneration();
    const QByteArray body = m_body;
    const bool pretty = m_pretty->isChecked();
    if (body.size() < largeBody / 4) {
        display(pretty ? JsonText::pretty(body) : body, generation, false);
        return;
    }
    // Large: format and index on a worker; the window stays responsive meanwhile.
    m_ready = false;
    m_state->setText(tr("Formatting %1…").arg(Readable::size(body.size())));
    QPointer<BodyView> self(this);
    QThreadPool::globalInstance()->start([self, body, pretty, generation] {
        // A large body's pretty lines are kept without their indentation, which the list
        // draws: that copy is about the body's size, where an indented one is twice it.
        const bool list = body.size() >= largeBody;
        QByteArray text = body;
        QList<quint8> depths;
        try {
            if (pretty)
                text = list ? JsonText::prettyLines(body, &depths) : JsonText::pretty(body);
        } catch (const std::bad_alloc &) {
            text = body; // no memory for a pretty copy: the body as it came
            depths.clear();
        }
        LineList lines;
        if (list || text.size() >= largeBody)
            lines = LineList(text, std::exchange(depths, {}));
        QMetaObject::invokeMethod(QCoreApplication::instance(),
                                  [self, text, lines = std::move(lines), generation]() mutable {
                                      if (!self || generation != self->m_generation)
                                          return;
                                      const bool inList = lines.rowCount() > 0;
                                      if (inList)
                                          self->m_lines->setLines(std::move(lines));
                                      self->display(text, generation, inList);
                                  });
    });
}

void BodyView::display(const QByteArray &text, quint64 generation, bool inList)
{
    if (generation != m_generation)
        return;
    BackgroundRelease::drop(std::exchange(m_shown, text));
    if (inList) {
        m_text->clear();
        m_stack->setCurrentWidget(m_lines);
    } else {
        m_lines->setLines({});
        m_text->setPlainText(QString::fromUtf8(text));
        m_stack->setCurrentWidget(m_text);
    }
    showSize();
    m_ready = true;
    Q_EMIT ready();
    if (std::exchange(m_findWhenReady, false))
        findNext();
}

void BodyView::showSize()
{
    if (isLargeMode())
        m_state->setText(tr("%1, %n line(s)", nullptr, m_lines->lines().rowCount())
                             .arg(Readable::size(m_shown.size())));
    else
        m_state->setText(m_shown.isEmpty() ? QString()
                                           : tr("%n byte(s)", nullptr, int(m_body.size())));
}

qsizetype BodyView::indexIgnoringCase(const QByteArray &text, const QByteArray &needle,
                                      qsizetype from)
{
    // As the small view finds: letters in either case (ASCII), each candidate found by memchr.
    // The next place of each case is kept until passed, so text without one of them is read
    // once, not once per candidate of the other.
    if (needle.isEmpty())
        return -1;
    const char *begin = text.constData();
    const char *end = begin + text.size();
    struct Next
    {
        char c;
        const char *at = nullptr; // the next place at or after p; end when there is none
    };
    // ASCII only, whatever the C locale says of other bytes.
    const char first = needle.at(0);
    const bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    Next lower{letter ? char(first | 0x20) : first};
    Next upper{letter ? char(first & ~0x20) : first};
    const auto advance = [end](Next *n, const char *p) {
        if (n->at == end || (n->at && n->at >= p))
            return;
        const void *found = std::memchr(p, n->c, size_t(end - p));
        n->at = found ? static_cast<const char *>(found) : end;
    };
    for (const char *p = begin + std::clamp<qsizetype>(from, 0, text.size());
         end - p >= needle.size();) {
        advance(&lower, p);
        advance(&upper, p);
        const char *hit = std::min(lower.at, upper.at);
        if (end - hit < needle.size())
            return -1;
        // The lengths given: a NUL in the needle is a byte to match, not its end.
        if (qstrnicmp(hit, needle.size(), needle.constData(), needle.size()) == 0)
            return hit - begin;
        p = hit + 1;
    }
    return -1;
}

void BodyView::findNext()
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return;
    if (!m_ready) {
        // What is on screen is about to be replaced: the search waits for what comes.
        m_findWhenReady = true;
        return;
    }
    if (!isLargeMode()) {
        if (!m_text->find(needle)) {
            m_text->moveCursor(QTextCursor::Start);
            if (!m_text->find(needle))
                m_state->setText(tr("Not found"));
        }
        return;
    }
    if (m_searchGeneration == m_generation)
        return; // Enter again while a search of this text runs: that search answers
    // On a worker: tens of MB take tens of milliseconds, and a needle that almost matches
    // everywhere takes longer. A new body or view stops it, at the next chunk.
    const qsizetype current = m_lines->currentRow();
    const qsizetype from = current >= 0 ? m_lines->lines().rowStart(current + 1) : 0;
    m_searchGeneration = m_generation;
    m_state->setText(tr("Searching…"));
    QPointer<BodyView> self(this);
    const QByteArray text = m_shown;
    const QByteArray utf8 = needle.toUtf8();
    const quint64 generation = m_generation;
    const std::shared_ptr<std::atomic<quint64>> latest = m_latest;
    m_searchStop = std::make_shared<std::atomic<bool>>(false);
    QThreadPool::globalInstance()->start([self, text, utf8, from, generation, latest,
                                          stop = m_searchStop] {
        const auto stopped = [&] {
            return latest->load() != generation || stop->load();
        };
        qsizetype at = indexInChunks(text, utf8, from, text.size(), stopped);
        if (at < 0)
            at = indexInChunks(text, utf8, 0, from, stopped); // from the top, as far as here
        const bool cut = stop->load(); // stopped part-way: -1 says nothing then
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, utf8, at, generation, cut] {
            if (self)
                self->showFound(utf8, cut ? -2 : at, generation);
        });
    });
}

void BodyView::showFound(const QByteArray &needle, qsizetype at, quint64 generation)
{
    if (m_searchGeneration == generation)
        m_searchGeneration = 0;
    if (generation != m_generation)
        return; // another body or view since: its own search, if any, starts afresh
    if (at == -2 || m_find->text().toUtf8() != needle) {
        showSize();
        findNext(); // typed on while it searched: the text as it is now, if any
        return;
    }
    if (at < 0) {
        m_state->setText(tr("Not found"));
        return;
    }
    const qsizetype row = m_lines->lines().rowOfOffset(at);
    m_lines->setCurrentRow(row);
    m_state->setText(tr("Line %L1 of %L2").arg(row + 1).arg(m_lines->lines().rowCount()));
}

qsizetype BodyView::indexInChunks(const QByteArray &text, const QByteArray &needle, qsizetype from,
                                  qsizetype to, const std::function<bool()> &stopped)
{
    // A match may start anywhere before `to`; chunks overlap by the needle, less a byte.
    constexpr qsizetype chunk = 4 * 1024 * 1024;
    to = std::min(to, text.size());
    for (qsizetype start = std::max<qsizetype>(0, from); start < to; start += chunk) {
        if (stopped())
            return -1;
        const qsizetype end = std::min(text.size(), start + chunk + needle.size() - 1);
        const QByteArray window = QByteArray::fromRawData(text.constData(), end);
        const qsizetype at = indexIgnoringCase(window, needle, start);
        if (at >= 0)
            return at < to ? at : -1;
    }
    return -1;
}
