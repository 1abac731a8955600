<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
    <context>
        <name>Formatting</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n working day(s)</source>
            <translation>
                <numerusform>%n working day</numerusform>
                <numerusform>%n working days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IntakeController</name>
        <message numerus="yes">
            <source>Not saved: %n mistake(s) to correct, shown in red next to the fields. Nothing typed was lost.</source>
            <translation>
                <numerusform>Not saved: %n mistake to correct, shown in red next to the field. Nothing typed was lost.</numerusform>
                <numerusform>Not saved: %n mistakes to correct, shown in red next to the fields. Nothing typed was lost.</numerusform>
            </translation>
        </message>
    </context>
</TS>
