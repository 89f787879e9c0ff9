#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

// The pi-sandbox that ships beside pi-console, started on a free loopback port when no
// profile is configured, so Send works on first run. It ends with the app.
class EmbeddedSandbox final : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override;

    // Starts it without waiting: started() or failed() follows.
    void startInBackground(int timeoutMs = 5000);
    void stop();
    QUrl baseUrl() const { return m_baseUrl; }
    qint64 processId() const { return m_process.processId(); }
    QString errorText() const { return m_error; }
    static QString executable(); // beside the running executable, else on PATH
    static QString demoKey();
    // What the sandbox is started with: an allow-list of from, never PI_API_KEY nor any
    // variable whose value holds its key.
    static QProcessEnvironment childEnvironment(const QProcessEnvironment &from);

Q_SIGNALS:
    void started(const QUrl &baseUrl);
    void failed(const QString &errorText);

private:
    bool launch();
    void fail(const QString &why);

    QProcess m_process;
    QUrl m_baseUrl;
    QString m_error;
};
