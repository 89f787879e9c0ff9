#include "app/request/requestpanel.h"

#include "app/common/afterfirstpaint.h"
#include "app/common/colors.h"
#include "app/common/spoken.h"
#include "app/request/jsonhighlighter.h"
#include "core/curl/curlimport.h"
#include "core/net/httpheaders.h"
#include "core/net/sendpolicy.h"
#include "ui_requestpanel.h"

#include <QFontDatabase>
#include <QInputDialog>
#include <QMessageBox>
#include <QToolButton>

namespace {

IdempotencyMode modeAt(int index)
{
    switch (index) {
    case 1:
        return IdempotencyMode::Deterministic;
    case 2:
        return IdempotencyMode::Manual;
    case 3:
        return IdempotencyMode::None;
    default:
        return IdempotencyMode::RandomUuid;
    }
}

} // namespace

RequestPanel::RequestPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestPanel>())
    , m_uuidKey(IdempotencyKeys::newUuid())
{
    m_ui->setupUi(this);
    m_ui->bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_ui->bodyEdit->document());
    m_ui->headersTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->pathEdit->setText(QStringLiteral("/v1/ping"));
    m_loadedText = m_ui->bodyEdit->toPlainText();
    m_loadedBody = m_loadedText.toUtf8();
    // Its icon is the first one loaded: not before the window is on screen.
    AfterFirstPaint::run(this, [this] {
        m_ui->pathEdit->setClearButtonEnabled(true);
        // Qt's clear button has no name of its own: a screen reader would say "button".
        for (QToolButton *clear : m_ui->pathEdit->findChildren<QToolButton *>())
            clear->setAccessibleName(tr("Clear path"));
    });

    m_checkDelay.setSingleShot(true);
    m_checkDelay.setInterval(150);
    connect(&m_checkDelay, &QTimer::timeout, this, &RequestPanel::updateBodyCheck);
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, &m_checkDelay,
            qOverload<>(&QTimer::start));
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, this,
            &RequestPanel::updateIdempotencyRow);
    connect(m_ui->pathEdit, &QLineEdit::textChanged, this, &RequestPanel::updateIdempotencyRow);
    connect(m_ui->methodCombo, &QComboBox::currentTextChanged, this,
            &RequestPanel::updateIdempotencyRow);
    connect(m_ui->methodCombo, &QComboBox::currentTextChanged, this,
            &RequestPanel::updateBodyCheck);
    connect(m_ui->sendBodyCheck, &QCheckBox::toggled, this, &RequestPanel::updateBodyCheck);
    connect(m_ui->idempotencyModeCombo, &QComboBox::currentIndexChanged, this,
            &RequestPanel::updateIdempotencyRow);
    connect(m_ui->newKeyButton, &QPushButton::clicked, this, [this] {
        m_uuidKey = IdempotencyKeys::newUuid();
        if (m_ui->idempotencyModeCombo->currentIndex() != 0)
            m_ui->idempotencyModeCombo->setCurrentIndex(0);
        updateIdempotencyRow();
    });
    connect(m_ui->sendButton, &QPushButton::clicked, this, &RequestPanel::sendRequested);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &RequestPanel::cancelRequested);
    connect(m_ui->pathEdit, &QLineEdit::returnPressed, this, &RequestPanel::sendRequested);
    connect(m_ui->addHeaderButton, &QPushButton::clicked, this, [this] {
        // Typing goes straight into the new row's name cell, not to the button.
        QTableWidget *table = m_ui->headersTable;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem);
        table->setItem(row, 1, new QTableWidgetItem);
        table->setFocus();
        table->setCurrentCell(row, 0);
        table->editItem(table->item(row, 0));
    });
    connect(m_ui->removeHeaderButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->headersTable->currentRow();
        if (row >= 0)
            m_ui->headersTable->removeRow(row);
    });
    connect(m_ui->pasteCurlButton, &QPushButton::clicked, this, &RequestPanel::askForCurl);

    updateIdempotencyRow();
    updateBodyCheck();
}

RequestPanel::~RequestPanel() = default;

QByteArray RequestPanel::body() const
{
    const QString text = m_ui->bodyEdit->toPlainText();
    return text == m_loadedText ? m_loadedBody : text.toUtf8();
}

bool RequestPanel::sendsBody() const
{
    const QByteArray method = m_ui->methodCombo->currentText().toLatin1();
    if (method == "GET" || method == "HEAD")
        return false;
    return method != "DELETE" || m_ui->sendBodyCheck->isChecked();
}

JsonText::Check RequestPanel::bodyCheck() const
{
    return JsonText::check(sendsBody() ? body() : QByteArray());
}

ApiRequest RequestPanel::request() const
{
    ApiRequest r;
    r.method = m_ui->methodCombo->currentText().toLatin1();
    r.path = m_ui->pathEdit->text().trimmed();
    if (sendsBody())
        r.body = body();
    for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
        const QTableWidgetItem *name = m_ui->headersTable->item(row, 0);
        const QTableWidgetItem *value = m_ui->headersTable->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            r.headers.append(
                {name->text().trimmed().toUtf8(), value ? value->text().toUtf8() : QByteArray()});
    }
    r.idempotencyMode = modeAt(m_ui->idempotencyModeCombo->currentIndex());
    if (r.idempotencyMode != IdempotencyMode::None)
        r.idempotencyKey = m_ui->idempotencyKeyEdit->text().trimmed().toLatin1();
    return r;
}

QString RequestPanel::headerProblem()
{
    for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
        const QTableWidgetItem *name = m_ui->headersTable->item(row, 0);
        const QTableWidgetItem *value = m_ui->headersTable->item(row, 1);
        if (!name || name->text().trimmed().isEmpty())
            continue;
        const QString why = Http::problem(name->text().trimmed().toUtf8(),
                                          value ? value->text().toUtf8() : QByteArray());
        if (!why.isEmpty()) {
            m_ui->headersTable->setCurrentCell(
                row, Http::problem(name->text().trimmed().toUtf8(), {}).isEmpty() ? 1 : 0);
            return tr("Header row %1: %2").arg(row + 1).arg(why);
        }
    }
    return {};
}

QString RequestPanel::setRequest(const ApiRequest &r)
{
    const QString methodText = QString::fromLatin1(r.method);
    if (r.method.isEmpty() || !Http::problem(r.method, {}).isEmpty())
        return tr("The method \"%1\" is not an HTTP method (letters and digits, no spaces): "
                  "nothing was taken.")
            .arg(methodText.left(40));
    int method = m_ui->methodCombo->findText(methodText);
    if (method < 0) {
        m_ui->methodCombo->addItem(methodText); // any token the client can send
        method = m_ui->methodCombo->count() - 1;
    }
    m_ui->methodCombo->setCurrentIndex(method);
    m_ui->pathEdit->setText(r.path);
    m_ui->sendBodyCheck->setChecked(r.method == "DELETE" && !r.body.isEmpty());
    m_ui->bodyEdit->setPlainText(QString::fromUtf8(r.body));
    m_loadedBody = r.body;
    m_loadedText = m_ui->bodyEdit->toPlainText();
    m_ui->headersTable->setRowCount(0);
    for (const auto &h : r.headers) {
        const int row = m_ui->headersTable->rowCount();
        m_ui->headersTable->insertRow(row);
        m_ui->headersTable->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(h.first)));
        m_ui->headersTable->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(h.second)));
    }
    if (!r.idempotencyKey.isEmpty()) {
        m_ui->idempotencyModeCombo->setCurrentIndex(2);
        m_ui->idempotencyKeyEdit->setText(QString::fromLatin1(r.idempotencyKey));
    } else if (modeAt(m_ui->idempotencyModeCombo->currentIndex()) == IdempotencyMode::Manual) {
        // A key typed for another request would draw a 409 with this one's body.
        m_uuidKey = IdempotencyKeys::newUuid();
        m_ui->idempotencyModeCombo->setCurrentIndex(0);
    }
    updateIdempotencyRow();
    return {};
}

void RequestPanel::prepareNextKey()
{
    m_uuidKey = IdempotencyKeys::newUuid();
    updateIdempotencyRow();
}

void RequestPanel::focusPath()
{
    m_ui->pathEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->pathEdit->selectAll();
}

void RequestPanel::setTarget(const QUrl &baseUrl)
{
    QUrl trimmed = baseUrl.adjusted(QUrl::StripTrailingSlash);
    if (trimmed.path() == QLatin1String("/"))
        trimmed.setPath({}); // the path typed next begins with its own "/"
    QString shown = trimmed.toDisplayString();
    const bool local = SendPolicy::isLoopbackHost(baseUrl.host());
    QFont font = m_ui->targetLabel->font();
    font.setBold(!local && !baseUrl.isEmpty());
    m_ui->targetLabel->setFont(font);
    QPalette pal = m_ui->targetLabel->palette();
    pal.setColor(QPalette::WindowText, local || baseUrl.isEmpty()
                                           ? palette().color(QPalette::WindowText)
                                           : Colors::of(Colors::Role::Caution, palette()));
    m_ui->targetLabel->setPalette(pal);
    m_target = shown;
    m_targetMark = local || baseUrl.isEmpty() ? QString() : tr(" (not this machine)");
    fitTarget();
    m_ui->targetLabel->setToolTip(
        baseUrl.isEmpty() ? QString()
        : local           ? tr("Calls go to this machine (%1).").arg(baseUrl.toDisplayString())
                          : tr("Calls go to %1, a server that is not on this machine: they reach "
                                         "a real account.")
                      .arg(baseUrl.toDisplayString()));
}

void RequestPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTarget();
}

void RequestPanel::fitTarget()
{
    // The mark stays whole; the URL gives way in its middle.
    const QFontMetrics metrics = m_ui->targetLabel->fontMetrics();
    const int room = std::max(120, width() / 3) - metrics.horizontalAdvance(m_targetMark);
    m_ui->targetLabel->setText(metrics.elidedText(m_target, Qt::ElideMiddle, room) + m_targetMark);
    m_ui->targetLabel->setAccessibleName(m_target + m_targetMark);
}

void RequestPanel::setQueued(const QStringList &lines)
{
    m_queued = int(lines.size());
    m_ui->queuedLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->queuedLabel->setAccessibleDescription(m_ui->queuedLabel->text());
    m_ui->queuedLabel->setVisible(!lines.isEmpty());
    m_ui->cancelButton->setEnabled(m_inFlight > 0 || m_queued > 0);
}

void RequestPanel::setInFlight(int calls)
{
    m_inFlight = calls;
    m_ui->cancelButton->setEnabled(m_inFlight > 0 || m_queued > 0);
    if (calls == 0)
        m_ui->progressLabel->clear();
}

void RequestPanel::setProgress(const QString &text)
{
    m_ui->progressLabel->setText(text);
}

void RequestPanel::updateBodyCheck()
{
    const QString method = m_ui->methodCombo->currentText();
    m_ui->sendBodyCheck->setVisible(method == QLatin1String("DELETE"));
    // The charge example only where a body is expected.
    m_ui->bodyEdit->setPlaceholderText(method == QLatin1String("POST") ||
                                               method == QLatin1String("PUT") ||
                                               method == QLatin1String("PATCH")
                                           ? QStringLiteral("{\"amount\": 1250, \"currency\": "
                                                            "\"eur\"}")
                                           : QString());
    const JsonText::Check c = bodyCheck();
    QPalette pal = m_ui->jsonStatusLabel->palette();
    if (!sendsBody() && !body().isEmpty()) {
        Spoken::setText(
            m_ui->jsonStatusLabel,
            method == QLatin1String("DELETE")
                ? tr("Not sent: a DELETE carries no body unless you choose to send it.")
                : tr("Not sent: a %1 carries no body. The text is kept here.").arg(method));
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    } else if (c.empty) {
        Spoken::setText(m_ui->jsonStatusLabel, tr("No body"));
    } else if (c.ok) {
        Spoken::setText(m_ui->jsonStatusLabel,
                        tr("Valid JSON, %n byte(s)", nullptr, int(body().size())));
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    } else {
        Spoken::setText(
            m_ui->jsonStatusLabel,
            tr("Invalid JSON at line %1, column %2: %3").arg(c.line).arg(c.column).arg(c.message));
        pal.setColor(QPalette::WindowText, Colors::of(Colors::Role::Error, palette()));
    }
    m_ui->jsonStatusLabel->setPalette(pal);
}

void RequestPanel::updateIdempotencyRow()
{
    const bool post = IdempotencyKeys::applies(m_ui->methodCombo->currentText().toLatin1());
    const IdempotencyMode mode = modeAt(m_ui->idempotencyModeCombo->currentIndex());
    m_ui->idempotencyModeCombo->setEnabled(post);
    m_ui->newKeyButton->setEnabled(post);
    m_ui->idempotencyKeyEdit->setEnabled(post && mode != IdempotencyMode::None);
    m_ui->idempotencyKeyEdit->setReadOnly(mode != IdempotencyMode::Manual);
    m_ui->idempotencyKeyEdit->setToolTip(post ? QString()
                                              : tr("Only POST requests carry an Idempotency-Key."));
    if (mode == IdempotencyMode::RandomUuid)
        m_ui->idempotencyKeyEdit->setText(QString::fromLatin1(m_uuidKey));
    else if (mode == IdempotencyMode::Deterministic)
        m_ui->idempotencyKeyEdit->setText(QString::fromLatin1(
            IdempotencyKeys::deterministic(m_ui->methodCombo->currentText().toLatin1(),
                                           m_ui->pathEdit->text().trimmed(), body())));
    else if (mode == IdempotencyMode::None)
        m_ui->idempotencyKeyEdit->clear();
}

void RequestPanel::askForCurl()
{
    bool ok = false;
    const QString command = QInputDialog::getMultiLineText(
        this, tr("Paste curl command"), tr("A curl command to fill the request from:"), QString(),
        &ok);
    if (ok)
        pasteCurl(command);
}

void RequestPanel::pasteCurl(const QString &command)
{
    const CurlImport::Parsed parsed = CurlImport::parse(command);
    if (!parsed.ok) {
        QMessageBox box(QMessageBox::Warning, tr("Paste curl command"), parsed.error,
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("curlImportError"));
        box.setTextFormat(Qt::PlainText); // the command's own text may be quoted in it
        box.exec();
        return;
    }
    if (const QString refused = setRequest(parsed.request); !refused.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Paste curl command"), refused, QMessageBox::Ok,
                        this);
        box.setObjectName(QStringLiteral("curlImportError"));
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return;
    }
    if (!parsed.warnings.isEmpty())
        setProgress(parsed.warnings.join(QLatin1Char(' ')));
    Q_EMIT curlPasted(parsed.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery |
                                          QUrl::RemoveFragment | QUrl::RemoveUserInfo));
}

void RequestPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(m_ui->bodyEdit->palette());
    QWidget::changeEvent(event);
}
