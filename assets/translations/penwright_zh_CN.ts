<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/inspector.py" line="59"/>
        <source>Inspector</source>
        <comment>from the model file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/inspector.py" line="62"/>
        <source>Inspector</source>
        <comment>none in the model file; using the {name} format. This may be a base model: the Story pane (raw completion) suits it best.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="66"/>
        <source>Inspector</source>
        <comment>your override ({name})</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="41"/>
        <source>Chat conversations</source>
        <extracomment>the message of yours being edited (sending makes a sibling branch of it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="46"/>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="47"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="56"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="57"/>
        <source>Ask anything. Try: “Suggest three names for a cat.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="60"/>
        <source>Editing a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="64"/>
        <source>Message input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="65"/>
        <source>Message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="68"/>
        <location filename="../../app/ui/panes/chat.py" line="368"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="69"/>
        <source>Send or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="71"/>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="72"/>
        <source>Regenerate the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="76"/>
        <source>Last reply statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="78"/>
        <source>Previous version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="79"/>
        <source>Previous version of the last reply (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="82"/>
        <source>Next version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="83"/>
        <source>Next version of the last reply (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="86"/>
        <source>Version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="214"/>
        <source>partial reply ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="215"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="270"/>
        <source>Editing your message: Send makes a new branch beside it (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="290"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="290"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="368"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="380"/>
        <source>Left out of the last reply: the conversation is longer than n_ctx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="385"/>
        <source>{n} earlier messages did not fit in the context window (n_ctx) and were left out of this reply. They stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="391"/>
        <source>{n} tokens · {rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHub</name>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="127"/>
        <source>A provider is still being set up; try again in a moment.</source>
        <extracomment>Interval of the view flush timer, in milliseconds (about 30 fps). Interval of partial-reply saves while streaming, in milliseconds (issue 2: ~1 s). the name the library gives the loaded model (set by the window on load) the picked provider&apos;s id and &quot;provider · model&quot; label (empty while local)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="145"/>
        <source>The provider could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="196"/>
        <source>A model is still loading; choose again when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="308"/>
        <source>The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="312"/>
        <source>“{name}” is not a GGUF model file. Choose a .gguf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="315"/>
        <source>“{name}” is incomplete or damaged. Download it again or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="318"/>
        <source>The model file “{name}” cannot be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="319"/>
        <source>Loading “{name}” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="320"/>
        <source>No model is loaded. Choose a model in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="323"/>
        <source>The provider cannot be reached: check its address and that it is running. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="326"/>
        <source>The secure connection failed: the provider&apos;s certificate was not accepted. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="329"/>
        <source>The provider refused the key or token (401). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="332"/>
        <source>The key has no permission for this model or action (403). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="335"/>
        <source>The provider does not know this model or deployment (404). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="338"/>
        <source>The provider is limiting requests (429); wait and try again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="341"/>
        <source>The provider failed; try again later. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="342"/>
        <source>The provider refused the request as invalid. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="345"/>
        <source>The connection closed before the reply was complete. The text so far is kept; regenerate to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="350"/>
        <source>The provider&apos;s content filter stopped the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="353"/>
        <source>The text is longer than the model&apos;s context window. Send a shorter text, or put long texts in the Story pane. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="360"/>
        <source>“{name}” is in the old GGML format. Get a GGUF version of this model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="125"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="126"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="127"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="167"/>
        <location filename="../../app/ui/panes/history.py" line="588"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="258"/>
        <source>Search all messages (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="259"/>
        <source>Search all history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="269"/>
        <source>Only this pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="270"/>
        <source>All panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="274"/>
        <source>Only this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="279"/>
        <location filename="../../app/ui/panes/history.py" line="1097"/>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="281"/>
        <source>Only this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="286"/>
        <location filename="../../app/ui/panes/history.py" line="1100"/>
        <source>Any folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="287"/>
        <source>&amp;Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="288"/>
        <source>Only between two dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="291"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="293"/>
        <source>To date (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="307"/>
        <source>&amp;Pane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="308"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="309"/>
        <source>F&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="318"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="326"/>
        <source>Stored conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="329"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="330"/>
        <source>Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="331"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="332"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="333"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="358"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="369"/>
        <source>Search summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="389"/>
        <source>History message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="390"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="391"/>
        <source>Undo the delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="392"/>
        <source>Bring the deleted conversations back (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="394"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="395"/>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="412"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="413"/>
        <location filename="../../app/ui/panes/history.py" line="741"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="414"/>
        <location filename="../../app/ui/panes/history.py" line="727"/>
        <source>&amp;Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="416"/>
        <source>&amp;Move to folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="424"/>
        <source>&amp;New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="426"/>
        <source>Rename &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="428"/>
        <source>Delete f&amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="430"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="431"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="432"/>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="442"/>
        <source>Open the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="442"/>
        <source>Open (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="445"/>
        <source>Rename the selected conversation or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="445"/>
        <source>Rename (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="449"/>
        <source>Pin or unpin the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="450"/>
        <source>Pin to the top (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="452"/>
        <source>&amp;Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="453"/>
        <source>Move the selected conversations to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="454"/>
        <source>Move to a folder (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="460"/>
        <source>Delete the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="461"/>
        <source>Delete (Del); Undo brings them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="464"/>
        <source>Create a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="464"/>
        <source>New folder (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="468"/>
        <source>Export conversations to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="469"/>
        <source>Export the selected conversations or folder, or everything when nothing is selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="473"/>
        <source>Import conversations from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="474"/>
        <source>Import a Penwright JSON export or ChatGPT&apos;s conversations.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="478"/>
        <source>Back up the history now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="479"/>
        <source>Copy the whole history to the backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="551"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="552"/>
        <source>%n conversation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="562"/>
        <source>Folder {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="606"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="608"/>
        <source>{title}, pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="727"/>
        <source>Un&amp;pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="741"/>
        <source>&amp;Rename folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="742"/>
        <source>&amp;Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="824"/>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="824"/>
        <source>Folder name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="865"/>
        <source>Top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="874"/>
        <source>New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="897"/>
        <source>Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="898"/>
        <source>Delete the folder “{name}”? Its conversations move to the top level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="911"/>
        <source>Deleted the folder “{name}”; %n conversation(s) moved to the top level.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="949"/>
        <source>Deleted %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="971"/>
        <source>Restored %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1062"/>
        <source>{pane}, {role}, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1072"/>
        <source>The first %n messages found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1074"/>
        <source>%n message(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1077"/>
        <source>No message matches. Words match anywhere in the text; try fewer or shorter ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1169"/>
        <source>There is nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1171"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1171"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1171"/>
        <source>HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1180"/>
        <source>Export conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1193"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1194"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1197"/>
        <source>Exported %n conversation(s) to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1218"/>
        <source>Import conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1220"/>
        <source>Conversation exports (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1220"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1227"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1227"/>
        <source>Nothing was imported. {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1230"/>
        <source>Imported %n conversation(s) from {name}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1252"/>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1252"/>
        <source>Could not copy the history: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1255"/>
        <source>Backed up the history to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1271"/>
        <source>&amp;Move to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="419"/>
        <location filename="../../app/ui/panes/history.py" line="742"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../app/ui/inspector.py" line="30"/>
        <source>Randomness: 0 always picks the most likely token.</source>
        <extracomment>Short explanations shown as tooltips, by parameter (llama.cpp&apos;s meanings).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="31"/>
        <source>Sample only from the k most likely tokens (0 = off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="32"/>
        <source>Sample from the smallest set of tokens whose probabilities add up to top_p.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="35"/>
        <source>Drop tokens less likely than min_p times the most likely one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="36"/>
        <source>Locally typical sampling (1 = off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="37"/>
        <source>Penalise tokens repeated within the window (1 = off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="38"/>
        <source>How many recent tokens the penalties look at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="39"/>
        <source>Penalise any token already present in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="40"/>
        <source>Penalise tokens by how often they occur in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="43"/>
        <source>0 = off, 1 = Mirostat, 2 = Mirostat 2.0 (replaces top_k/top_p/min_p).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="46"/>
        <source>Mirostat&apos;s target surprise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="47"/>
        <source>Mirostat&apos;s learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="48"/>
        <source>Most tokens in one reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="49"/>
        <source>-1 draws a new random seed for every reply (shown after it); a fixed seed repeats it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="83"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="87"/>
        <source>Preset of the current pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="103"/>
        <source>Stop strings, separated by “|”. Use \n for a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="107"/>
        <source>Seed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="108"/>
        <source>Use this seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="109"/>
        <source>Use the seed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="115"/>
        <source>Save as default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="116"/>
        <source>Save these values as this pane&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="118"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="119"/>
        <source>Reset this pane&apos;s values to the defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="125"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="132"/>
        <location filename="../../app/ui/inspector.py" line="210"/>
        <source>No model loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="133"/>
        <source>Model information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="135"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="155"/>
        <source>Values used in {pane}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="166"/>
        <source>Last reply&apos;s seed: {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="192"/>
        <source>Not sent to remote providers: the OpenAI API has no such parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="204"/>
        <source>A remote provider: your messages are sent to it over the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="215"/>
        <source>architecture: {a} · {p:.0f}M parameters · {s:.0f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="218"/>
        <source>n_ctx in force: {n} (trained: {t})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="219"/>
        <source>runs on: {b} (n_gpu_layers {g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="220"/>
        <source>chat template: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="223"/>
        <source>⚠ The GPU could not load it; it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keychain</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="265"/>
        <source>No system keychain is available (on Linux, install and unlock a Secret Service such as GNOME Keyring or KWallet). Keys are kept only until Penwright quits.</source>
        <extracomment>Precise failure kinds of remote engines (``Failed.detail``), translated below.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="270"/>
        <source>The system keychain did not answer (is it locked and waiting for a password?). Keys are kept only until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="275"/>
        <source>The system keychain refused the key ({detail}). It is kept until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="278"/>
        <source>The system keychain could not be read ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="281"/>
        <source>The system keychain could not delete the key ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="73"/>
        <source>{n} reply(ies) cut off when Penwright last stopped were kept and marked partial.</source>
        <extracomment>How many daily copies of the history database are kept (``backups/`` next to it). Prefix of the picker&apos;s data for a remote provider (&quot;provider:&lt;id&gt;&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="79"/>
        <source>Your history was upgraded to this version&apos;s format; the old file was copied to {path} first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="113"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="115"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="116"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="117"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="120"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="126"/>
        <source>{label} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="172"/>
        <source>{rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="174"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="188"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="209"/>
        <source>Sampling applies to Chat, Story, Poetry and Q&amp;A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="223"/>
        <source>Saved these values as the default for this pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="242"/>
        <source>This model&apos;s chat template has no system role, so the pane&apos;s instructions were added to your first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="251"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>Where the model runs and its context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="258"/>
        <source>Speed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="259"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="260"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="262"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="266"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="267"/>
        <source>Cancel loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="298"/>
        <source>Add a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="299"/>
        <source>Remote providers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="338"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="349"/>
        <source>The daily copy of your history could not be made: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="365"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="379"/>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="379"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="394"/>
        <source>{name} answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="413"/>
        <source>Connecting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="423"/>
        <source>Replies now come from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="431"/>
        <source>The provider cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="440"/>
        <source>remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="528"/>
        <source>{backend} · n_ctx {n_ctx}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="512"/>
        <source>The GPU could not load {name} (out of memory or a driver error); it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="252"/>
        <location filename="../../app/ui/main_window.py" line="626"/>
        <source>The model or remote provider that answers in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="517"/>
        <source>The engine restarted after a crash; {name} is loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="521"/>
        <source>Loaded {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="548"/>
        <source> {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="555"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="556"/>
        <source>Starting engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="557"/>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="558"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="559"/>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="560"/>
        <source>Engine crashed; restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="564"/>
        <source>Answering: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="570"/>
        <source>The engine stopped unexpectedly. Your text is kept; restarting it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="592"/>
        <source>Wait for the current reply, or stop it, first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="624"/>
        <source>Stop the reply being written to choose another model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="116"/>
        <source>Previous version (branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="118"/>
        <source>Next version (branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="123"/>
        <source>edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="125"/>
        <source>Edit this message: sending makes a new branch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPane</name>
    <message>
        <location filename="../../app/ui/panes/models.py" line="52"/>
        <source>From the model file</source>
        <extracomment>Reinstall commands for GPU builds of llama-cpp-python (also in the README).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="56"/>
        <source>Custom Jinja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="94"/>
        <source>Models in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="99"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="100"/>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="101"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="102"/>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="103"/>
        <source>File size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="104"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="105"/>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="106"/>
        <source>Memory needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="118"/>
        <source>&amp;Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="119"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="120"/>
        <source>Re&amp;name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="121"/>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="122"/>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="123"/>
        <source>Add fol&amp;der…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="124"/>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="136"/>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="140"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="143"/>
        <location filename="../../app/ui/panes/models.py" line="171"/>
        <source>Chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="148"/>
        <source>Custom chat template (Jinja)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="157"/>
        <source>even, or shares such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="158"/>
        <location filename="../../app/ui/panes/models.py" line="159"/>
        <source>Flash attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="161"/>
        <source>KV cache type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="163"/>
        <source>&amp;Apply and reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="164"/>
        <source>Save these settings and reload the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="173"/>
        <source>KV cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="176"/>
        <source>Settings of the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="180"/>
        <source>Hugging Face repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="181"/>
        <source>repository, e.g. bartowski/SmolLM2-360M-Instruct-GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="183"/>
        <source>File name in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="184"/>
        <source>file, e.g. SmolLM2-360M-Instruct-Q4_K_M.gguf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="185"/>
        <location filename="../../app/ui/panes/models.py" line="498"/>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="186"/>
        <source>Download or cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="189"/>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="192"/>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="197"/>
        <source>Download a GGUF from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="205"/>
        <source>Checking what this llama.cpp build can do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="206"/>
        <source>GPU support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="209"/>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="275"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="275"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="276"/>
        <source>{size} at n_ctx {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="283"/>
        <source>file missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="297"/>
        <source>cannot read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="322"/>
        <source>This llama.cpp build has no GPU support (see GPU).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="324"/>
        <source>This llama.cpp build can offload to the GPU ({backend}). Set n_gpu_layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="329"/>
        <source>This llama.cpp build runs on the CPU only. To use a GPU, rebuild it in the project folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="344"/>
        <location filename="../../app/ui/panes/models.py" line="353"/>
        <source>Import models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="344"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="354"/>
        <source>Copy the files into Penwright&apos;s model folder, or use them where they are?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="355"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="356"/>
        <source>&amp;Use in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="362"/>
        <source>Importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="380"/>
        <source>Could not import {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="382"/>
        <source>Imported {n} model(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="390"/>
        <source>Rename model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="390"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="403"/>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="404"/>
        <source>Remove “{name}” from the library?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="405"/>
        <source>Also delete the file from Penwright&apos;s model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="417"/>
        <source>Add a folder of models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="428"/>
        <source>Models in {folder} are now in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="440"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="450"/>
        <source>Give the repository and the file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="454"/>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="457"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="473"/>
        <source>Download cancelled; start it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="477"/>
        <source>Download failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="489"/>
        <source>{done} of {total} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="493"/>
        <source>{done} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="502"/>
        <source>Downloaded “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="541"/>
        <source>tensor_split must be numbers, such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaneBase</name>
    <message>
        <location filename="../../app/ui/panes/base.py" line="54"/>
        <source>No model is loaded yet. Wait for it to load, or choose one in the status bar.</source>
        <extracomment>the sampling values used for the next generation (shown in the inspector)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="116"/>
        <source>Chat</source>
        <extracomment>The panes whose sessions are stored, in the order of the nav rail. How long the Undo bar stays after a delete (seconds). Pause after the last keystroke before searching (ms): one query per pause, not per key. Most hits shown for one search.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="117"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="118"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="119"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoetryPane</name>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="32"/>
        <source>Free verse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="33"/>
        <source>Haiku (5-7-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="34"/>
        <source>Limerick (AABBA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="35"/>
        <source>Shakespearean sonnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="36"/>
        <source>五言绝句 (five-character quatrain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="37"/>
        <source>七言绝句 (seven-character quatrain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="50"/>
        <source>Poetic form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="54"/>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="55"/>
        <source>e.g. autumn rain, the sea at night, 月亮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="57"/>
        <location filename="../../app/ui/panes/poetry.py" line="141"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="58"/>
        <source>Generate a poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="62"/>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="63"/>
        <source>The poem appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="65"/>
        <source>Poem status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="69"/>
        <source>&amp;Form:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="70"/>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="129"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="130"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvidersDialog</name>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="71"/>
        <location filename="../../app/ui/providers_dialog.py" line="72"/>
        <source>Remote providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="77"/>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="79"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="80"/>
        <source>Add a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="82"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="83"/>
        <source>Remove the selected provider and its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="93"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="95"/>
        <source>Kind of provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="97"/>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="98"/>
        <source>Azure OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="99"/>
        <source>OpenAI-compatible server (llama.cpp, Ollama, LM Studio, vLLM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="105"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="109"/>
        <source>Model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="110"/>
        <source>&amp;Fetch list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="111"/>
        <source>Fetch the server&apos;s model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="117"/>
        <source>Azure endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="120"/>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="122"/>
        <source>api-version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="125"/>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="126"/>
        <location filename="../../app/ui/providers_dialog.py" line="130"/>
        <location filename="../../app/ui/providers_dialog.py" line="320"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="127"/>
        <source>Microsoft Entra ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="133"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="135"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="137"/>
        <source>Timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="140"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="142"/>
        <source>Retries after 429 or 5xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="145"/>
        <source>How often to try again when the server is busy (429) or failing (5xx) before it answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="149"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="150"/>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="151"/>
        <source>Base &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="152"/>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="156"/>
        <source>&amp;Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="157"/>
        <source>De&amp;ployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="158"/>
        <source>api-&amp;version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="159"/>
        <source>Aut&amp;hentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="160"/>
        <location filename="../../app/ui/providers_dialog.py" line="319"/>
        <source>API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="161"/>
        <source>&amp;Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="162"/>
        <source>Pro&amp;ject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="163"/>
        <source>T&amp;imeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="164"/>
        <source>&amp;Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="166"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="167"/>
        <source>Save this provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="169"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="170"/>
        <source>Test the connection with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="177"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="181"/>
        <source>Keychain problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="183"/>
        <source>Try the keychain a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="184"/>
        <source>Try to store the keys in the system keychain again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="235"/>
        <source>New provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="249"/>
        <source>Removed {name} and its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="284"/>
        <source>none saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="286"/>
        <source>kept in memory until Penwright quits; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="288"/>
        <source>saved in the system keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="309"/>
        <source>Leave empty for api.openai.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="311"/>
        <source>Ends in /v1 for most servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="319"/>
        <source>Entra ID to&amp;ken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="320"/>
        <source>Entra ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="347"/>
        <location filename="../../app/ui/providers_dialog.py" line="397"/>
        <location filename="../../app/ui/providers_dialog.py" line="428"/>
        <source>Incomplete settings: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="356"/>
        <source>Saved. Storing the key in the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="361"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="366"/>
        <source>Saved; the key is in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="368"/>
        <source>Saved; the key is kept in memory until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="383"/>
        <source>The keys are now in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="385"/>
        <source>The keychain still cannot be used; the keys stay in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="401"/>
        <source>Testing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="416"/>
        <source>The settings cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="418"/>
        <source>Connected: the model answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="447"/>
        <source>Type the model name instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="454"/>
        <source>The server offers {n} model(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="456"/>
        <source>Asking the server for its models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAPane</name>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="31"/>
        <location filename="../../app/ui/panes/qa.py" line="81"/>
        <location filename="../../app/ui/panes/qa.py" line="94"/>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="33"/>
        <source>Ask a question (Enter asks). Try: “What is the boiling point of water?”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="37"/>
        <location filename="../../app/ui/panes/qa.py" line="105"/>
        <source>&amp;Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="38"/>
        <source>Ask or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="41"/>
        <location filename="../../app/ui/panes/qa.py" line="81"/>
        <location filename="../../app/ui/panes/qa.py" line="95"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="42"/>
        <source>The answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="44"/>
        <source>Answer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="96"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="97"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="217"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="218"/>
        <source>stopped at the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="219"/>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="221"/>
        <source>{n} tokens · {rate:.1f} tok/s · prompt {p} tokens · seed {seed} · {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="294"/>
        <source>The provider is busy; trying again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryPane</name>
    <message>
        <location filename="../../app/ui/panes/story.py" line="50"/>
        <source>Story text</source>
        <extracomment>Delay of the draft autosave after the last keystroke, in milliseconds. Characters per line of the editor&apos;s measure (UI.md: about 70).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="53"/>
        <source>Start your story here, then press Continue (Ctrl+Enter).

Try: “The lighthouse keeper found a letter in the sand.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="62"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="63"/>
        <source>Continue the story at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="65"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="66"/>
        <source>Stop writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="69"/>
        <source>&amp;New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="70"/>
        <source>New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="73"/>
        <source>Story status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="167"/>
        <source>The chosen provider offers no raw completion, which Continue needs; choose a local model or an OpenAI-compatible server in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="180"/>
        <source>Write a few words first: Continue goes on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="192"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenMeter</name>
    <message>
        <location filename="../../app/ui/token_meter.py" line="40"/>
        <source>Token meter</source>
        <extracomment>Delay after the last edit before counting, in milliseconds. What to count: (&quot;messages&quot;, [chat messages]) or (&quot;text&quot;, raw prompt).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="41"/>
        <source>Tokens of what would be sent, out of the model&apos;s context window (n_ctx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="60"/>
        <source>tokens: counted by the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="87"/>
        <source>{used:,} / {n_ctx:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
