#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

// The pi-sandbox that ships beside pi-console, started on a free loopback port when no
// profile is configured, so Send works on first run. It ends with the app. Tests start
// theirs through it too, so both read the same start handshake: the first line pi-sandbox
// prints is its base URL.
class EmbeddedSandbox final : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override;

    // What is started: by default pi-sandbox beside this executable (see executable()), with
    // only --port 0, in childEnvironment(). Set before starting.
    void setProgram(const QString &program) { m_program = program; }
    void setArguments(const QStringList &arguments) { m_arguments = arguments; }
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }
    // Its stderr into that file instead of this process's stderr.
    void setErrorFile(const QString &path) { m_errorFile = path; }

    // Starts it without waiting: started() or failed() follows.
    void startInBackground(int timeoutMs = 5000);
    // Starts it and waits for its base URL; false with errorText() when it does not come up.
    bool startAndWait(int timeoutMs = 15000);
    // SIGTERM, then SIGKILL after graceMs. Its exit code, or -1 when it did not exit by itself.
    int stop(int graceMs = 3000);
    QUrl baseUrl() const { return m_baseUrl; }
    qint64 processId() const { return m_process.processId(); }
    QString errorText() const { return m_error; }
    static QString executable(); // beside the running executable, else on PATH
    // What the sandbox is started with: an allow-list of from, never PI_API_KEY, any variable
    // whose value holds it or another key the redaction knows, nor the console's logging
    // settings.
    static QProcessEnvironment childEnvironment(const QProcessEnvironment &from);

Q_SIGNALS:
    void started(const QUrl &baseUrl);
    void failed(const QString &errorText);

private:
    bool launch();
    // Reads the handshake line: true with baseUrl() set, or false with errorText().
    bool readBaseUrl();
    void fail(const QString &why);

    QProcess m_process;
    QObject m_errorRelay; // what the sandbox prints, to stderr through the redaction
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    QString m_errorFile;
    QUrl m_baseUrl;
    QString m_error;
};
