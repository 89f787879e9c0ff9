#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

// A real HTTP proxy, tinyproxy, on 127.0.0.1 for the duration of a test, with its log in a
// file the test reads: every request it relays, CONNECT tunnels included.
class TinyproxyProcess final
{
public:
    // With a user and password, the proxy answers 407 until they are given (Basic).
    // Its configuration and log go in folder (made if needed), else in a temporary one.
    explicit TinyproxyProcess(QString user = {}, QString password = {}, QString folder = {});
    ~TinyproxyProcess();

    // False with errorText() when tinyproxy is missing or does not listen.
    bool start();
    QString errorText() const { return m_error; }
    quint16 port() const { return m_port; }
    QUrl address() const;
    QByteArray log() const;

private:
    QString m_user;
    QString m_password;
    QTemporaryDir m_temporary;
    QString m_folder;
    QString path(const QString &name) const { return m_folder + QLatin1Char('/') + name; }
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
