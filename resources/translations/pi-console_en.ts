<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plurals: the source strings say "(s)"; these say one or many. -->
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>RequestPanel</name>
    <message numerus="yes">
        <source>Valid JSON, %n byte(s)</source>
        <translation>
            <numerusform>Valid JSON, %n byte</numerusform>
            <numerusform>Valid JSON, %n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message numerus="yes">
        <source>%n matching call(s).</source>
        <translation>
            <numerusform>%n matching call.</numerusform>
            <numerusform>%n matching calls.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestTab</name>
    <message numerus="yes">
        <source>%n call(s) in flight · %1 s · %2 received</source>
        <translation>
            <numerusform>%n call in flight · %1 s · %2 received</numerusform>
            <numerusform>%n calls in flight · %1 s · %2 received</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BodyView</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n line(s)</source>
        <translation>
            <numerusform>%1, %n line</numerusform>
            <numerusform>%1, %n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BodyComparisonView</name>
    <message numerus="yes">
        <source>%n difference(s).</source>
        <translation>
            <numerusform>%n difference.</numerusform>
            <numerusform>%n differences.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallComparisonDialog</name>
    <message numerus="yes">
        <source>%n field(s) differ</source>
        <translation>
            <numerusform>%n field differs</numerusform>
            <numerusform>%n fields differ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureSummary</name>
    <message numerus="yes">
        <source>this key has used %1 of %n request(s)</source>
        <translation>
            <numerusform>this key has used %1 of %n request</numerusform>
            <numerusform>this key has used %1 of %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Readable</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
</TS>
