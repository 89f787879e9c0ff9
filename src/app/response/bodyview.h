#pragma once

#include <QByteArray>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class LineView;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

// A response body, pretty or raw, searchable. Small bodies go in a text editor; large ones
// in a line view that draws only the visible lines. Formatting and line indexing run on
// a worker thread, so a 50 MB body never stalls the window.
class BodyView final : public QWidget
{
    Q_OBJECT

public:
    static constexpr qsizetype largeBody = 64 * 1024;

    explicit BodyView(QWidget *parent = nullptr);

    void setBody(const QByteArray &body);
    void clear();
    QByteArray body() const { return m_body; }
    // What is on screen (pretty or raw), once ready. In the line list of a large body, the
    // pretty lines come without their indentation, which the list adds as it draws them.
    QByteArray shownText() const { return m_shown; }
    // Where needle first occurs at or after `from`, ASCII letters in either case; -1 if not.
    static qsizetype indexIgnoringCase(const QByteArray &text, const QByteArray &needle,
                                       qsizetype from);
    // indexIgnoringCase for a match starting in [from, to), read a few MB at a time, giving
    // up (-1) as soon as `stopped` says so.
    static qsizetype indexInChunks(const QByteArray &text, const QByteArray &needle, qsizetype from,
                                   qsizetype to, const std::function<bool()> &stopped);
    bool isLargeMode() const;
    bool isReady() const { return m_ready; }
    void focusFind();

Q_SIGNALS:
    void ready();

private:
    void render();
    // A new body or view: searches on workers of the one before stop.
    quint64 nextGeneration();
    // In the line list (its model already holds the text), or in the text editor.
    void display(const QByteArray &text, quint64 generation, bool inList);
    void findNext();
    // at: where needle was found, -1 nowhere, -2 when the search was stopped part-way.
    void showFound(const QByteArray &needle, qsizetype at, quint64 generation);
    // The state line's "3.2 MB, 41,000 lines" (or the byte count) for what is shown.
    void showSize();

    QByteArray m_body;
    QByteArray m_shown;
    quint64 m_generation = 0;
    // The generation on screen, as searches on workers see it.
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_searchGeneration = 0;                  // the text a search runs on, if one does
    std::shared_ptr<std::atomic<bool>> m_searchStop; // set when that search's needle changes
    bool m_renderedThisTurn = false;
    bool m_findWhenReady = false; // Enter pressed while the next body was being formatted
    QTimer m_coalesced;           // renders the last body set, when several come in one turn
    bool m_ready = true;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    LineView *m_lines;
    QCheckBox *m_pretty;
    QLineEdit *m_find;
    QLabel *m_state;
};
