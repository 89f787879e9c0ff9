#pragma once

#include "core/compare/bodydiff.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;

// One body of each call side by side, the differing lines marked, and the list of
// differences (a JSON path or a line each); choosing one scrolls both sides to it. Each side
// shows the first 100 K characters; the differences list covers the whole diff.
class BodyComparisonView final : public QWidget
{
    Q_OBJECT

public:
    explicit BodyComparisonView(QWidget *parent = nullptr);

    void setDiff(const BodyDiff &diff);
    void clear(const QString &message);

private:
    void showPlace(int row);

    QLabel *m_note;
    QPlainTextEdit *m_a;
    QPlainTextEdit *m_b;
    QListWidget *m_differences;
    BodyDiff m_diff;
};
