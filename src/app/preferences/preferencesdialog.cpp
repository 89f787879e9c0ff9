#include "app/preferences/preferencesdialog.h"

#include "core/base/readable.h"
#include "core/history/historystore.h"
#include "ui_preferencesdialog.h"

#include <QLocale>

namespace {

constexpr qint64 megabyte = 1024 * 1024;

int clampedInt(qint64 value, const QSpinBox *spin)
{
    return int(std::clamp<qint64>(value, spin->minimum(), spin->maximum()));
}

} // namespace

PreferencesDialog::PreferencesDialog(const Preferences &current, HistoryStore *history,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
    , m_history(history)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("preferencesDialog"));
    m_maxBytes = current.maxBytes;
    m_ui->maxCallsSpin->setValue(clampedInt(current.maxCalls, m_ui->maxCallsSpin));
    m_ui->maxAgeSpin->setValue(clampedInt(current.maxAgeDays, m_ui->maxAgeSpin));
    // Whole megabytes, rounded up: a budget under 1 MB is 1 MB, never "no limit".
    m_ui->maxBytesSpin->setValue(
        clampedInt((current.maxBytes + megabyte - 1) / megabyte, m_ui->maxBytesSpin));
    m_shownMaxBytes = m_ui->maxBytesSpin->value();
    m_ui->bodyCapSpin->setValue(
        clampedInt((current.responseBodyCap + 1023) / 1024, m_ui->bodyCapSpin));
    m_ui->timeoutSpin->setValue(clampedInt(current.timeoutSecs, m_ui->timeoutSpin));
    connect(m_ui->compactButton, &QPushButton::clicked, this, [this] {
        m_ui->compactButton->setEnabled(false);
        m_ui->sizeLabel->setText(tr("Compacting…"));
        m_history->compact();
    });
    connect(m_history, &HistoryStore::compacted, this, [this] {
        m_ui->compactButton->setEnabled(true);
        showSize();
    });
    showSize();
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.maxCalls = m_ui->maxCallsSpin->value();
    p.maxAgeDays = m_ui->maxAgeSpin->value();
    // Unchanged, a value that was not whole megabytes stays as it was.
    p.maxBytes = m_ui->maxBytesSpin->value() == m_shownMaxBytes
                     ? m_maxBytes
                     : qint64(m_ui->maxBytesSpin->value()) * megabyte;
    p.responseBodyCap = qint64(m_ui->bodyCapSpin->value()) * 1024;
    p.timeoutSecs = m_ui->timeoutSpin->value();
    return p;
}

void PreferencesDialog::showSize()
{
    const auto &db = m_history->database();
    // The path in a field of its own: a long one scrolls there instead of being cut.
    m_ui->sizeLabel->setText(
        db.inMemory ? tr("The history is in memory only this time.")
                    : tr("On disk now: %1").arg(Readable::size(m_history->sizeOnDisk())));
    m_ui->pathEdit->setText(db.inMemory ? tr("(none: in memory)") : db.path);
    m_ui->pathEdit->setCursorPosition(0);
    m_ui->compactButton->setEnabled(!db.inMemory);
}
