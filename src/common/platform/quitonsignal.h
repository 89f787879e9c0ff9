#pragma once

#include <QObject>

// Quits the application cleanly on SIGTERM and SIGINT, through a self-pipe so the handler
// itself only writes one byte. On systems without these signals it does nothing.
class QuitOnSignal final : public QObject
{
    Q_OBJECT

public:
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;
};
