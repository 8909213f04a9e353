// The bound on what an I/O thread hands to the server's thread, and who wakes
// whom: the worker waits once the bound is reached; the server's thread wakes
// it once, at half; a worker that looks after everything was taken reads on.

#include <netcore/src/deliverygate.h>

#include <QtTest/QTest>

using netcore::DeliveryGate;

class tst_DeliveryGate : public QObject
{
    Q_OBJECT

private slots:
    void fullAtTheBoundOfMessagesOrBytes()
    {
        DeliveryGate gate;
        QVERIFY(gate.hasRoom({DeliveryGate::maxMessages - 1, 0}));
        QVERIFY(!gate.hasRoom({DeliveryGate::maxMessages, 0}));
        gate.handOver({DeliveryGate::maxMessages - 10, 0});
        QVERIFY(gate.hasRoom({9, 0}));
        QVERIFY(!gate.hasRoom({10, 0}));
        DeliveryGate bytes;
        bytes.handOver({1, DeliveryGate::maxBytes - 1});
        QVERIFY(bytes.hasRoom({0, 0}));
        QVERIFY(!bytes.hasRoom({0, 1}));
    }

    void aWaitingWorkerIsWokenOnceAtHalf()
    {
        DeliveryGate gate;
        gate.handOver({DeliveryGate::maxMessages, 0});
        QVERIFY(!gate.waitForRoom()); // full: the server's thread will wake it
        QVERIFY(!gate.take({DeliveryGate::maxMessages / 2 - 1, 0})); // above half still
        QVERIFY(gate.take({1, 0}));                                   // at half: wake it
        QVERIFY(!gate.take({1, 0}));                                  // once
    }

    void nobodyIsWokenWhoDidNotWait()
    {
        DeliveryGate gate;
        gate.handOver({DeliveryGate::maxMessages, 0});
        QVERIFY(!gate.take({DeliveryGate::maxMessages, 0}));
    }

    void aWorkerThatLooksAfterEverythingWasTakenReadsOn()
    {
        DeliveryGate gate;
        gate.handOver({DeliveryGate::maxMessages, 0});
        // The server's thread took it all between the worker's look and its wait: nobody will wake it.
        QVERIFY(!gate.take({DeliveryGate::maxMessages, 0}));
        QVERIFY(gate.waitForRoom());
        QVERIFY(!gate.take({0, 0})); // and nobody else reads the wake-up
    }

    void loadIsResultsAndPayloadBytes()
    {
        netcore::DecodeResult message;
        message.status = netcore::DecodeResult::MessageReady;
        message.message = netcore::Message::binary(QByteArray(100, 'x'));
        netcore::DecodeResult error;
        error.status = netcore::DecodeResult::FrameError;
        const DeliveryGate::Load load = DeliveryGate::loadOf({message, error, message});
        QCOMPARE(load.messages, 3);
        QCOMPARE(load.bytes, 200);
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryGate)
#include "tst_deliverygate.moc"
