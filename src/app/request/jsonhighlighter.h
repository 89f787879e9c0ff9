#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours JSON as it is typed: keys, strings, numbers, literals. Colours follow the palette,
// so they read on light and dark themes alike.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);
    // Colours for text drawn on this palette (the editor's, after a theme change).
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};
