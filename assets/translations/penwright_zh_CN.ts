<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="36"/>
        <source>Chat conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="39"/>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="40"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="49"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="50"/>
        <source>Ask anything. Try: “Suggest three names for a cat.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="52"/>
        <source>Message input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="53"/>
        <source>Message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="56"/>
        <location filename="../../app/ui/panes/chat.py" line="202"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="57"/>
        <source>Send or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="59"/>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="60"/>
        <source>Regenerate the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="64"/>
        <source>Last reply statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="138"/>
        <source>partial reply ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="139"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="144"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="144"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="202"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="210"/>
        <source>{n} tokens · {rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="161"/>
        <source>The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="165"/>
        <source>“{name}” is not a GGUF model file. Choose a .gguf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="168"/>
        <source>“{name}” is incomplete or damaged. Download it again or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="171"/>
        <source>The model file “{name}” cannot be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="172"/>
        <source>No model is loaded. Choose a model in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="175"/>
        <source>The text is longer than the model&apos;s context window (n_ctx). Shorten it or start a new conversation. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="182"/>
        <source>“{name}” is in the old GGML format. Get a GGUF version of this model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="47"/>
        <source>Stored conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="50"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="51"/>
        <source>Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="52"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="53"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="54"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="64"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="65"/>
        <source>Open the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="67"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="68"/>
        <source>Delete the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="123"/>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="124"/>
        <source>Delete “{title}” and all its messages?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="53"/>
        <source>{n} reply(ies) cut off when Penwright last stopped were kept and marked partial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="72"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="74"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="75"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="76"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="77"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="78"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="84"/>
        <source>{label} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="112"/>
        <source>{rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="126"/>
        <source>The model that answers in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="130"/>
        <source>Where the model runs and its context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="132"/>
        <source>Speed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="133"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="134"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="136"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="141"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="155"/>
        <source>Add a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="169"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="213"/>
        <source>{backend} · n_ctx {n_ctx}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="218"/>
        <source>The engine restarted after a crash; {name} is loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="224"/>
        <source>Loaded {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="239"/>
        <source> {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="245"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="246"/>
        <source>Starting engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="247"/>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="248"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="249"/>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>Engine crashed; restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>The engine stopped unexpectedly. Your text is kept; restarting it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269"/>
        <source>Wait for the current reply, or stop it, first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="25"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="26"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="27"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="28"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoetryPane</name>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="31"/>
        <source>Free verse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="32"/>
        <source>Haiku (5-7-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="33"/>
        <source>Limerick (AABBA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="34"/>
        <source>Shakespearean sonnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="35"/>
        <source>五言绝句 (five-character quatrain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="36"/>
        <source>七言绝句 (seven-character quatrain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="48"/>
        <source>Poetic form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="52"/>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="53"/>
        <source>e.g. autumn rain, the sea at night, 月亮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="55"/>
        <location filename="../../app/ui/panes/poetry.py" line="136"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="56"/>
        <source>Generate a poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="60"/>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="61"/>
        <source>The poem appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="63"/>
        <source>Poem status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="67"/>
        <source>&amp;Form:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="68"/>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="124"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="125"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAPane</name>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="29"/>
        <location filename="../../app/ui/panes/qa.py" line="73"/>
        <location filename="../../app/ui/panes/qa.py" line="92"/>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="31"/>
        <source>Ask a question (Enter asks). Try: “What is the boiling point of water?”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="35"/>
        <location filename="../../app/ui/panes/qa.py" line="103"/>
        <source>&amp;Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="36"/>
        <source>Ask or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="39"/>
        <location filename="../../app/ui/panes/qa.py" line="73"/>
        <location filename="../../app/ui/panes/qa.py" line="93"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="40"/>
        <source>The answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="42"/>
        <source>Answer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="94"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="95"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="128"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="129"/>
        <source>stopped at the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="130"/>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="132"/>
        <source>{n} tokens · {rate:.1f} tok/s · prompt {p} tokens · seed {seed} · {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryPane</name>
    <message>
        <location filename="../../app/ui/panes/story.py" line="36"/>
        <source>Story text</source>
        <extracomment>Characters per line of the editor&apos;s measure (UI.md: about 70).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="39"/>
        <source>Start your story here, then press Continue (Ctrl+Enter).

Try: “The lighthouse keeper found a letter in the sand.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="48"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="49"/>
        <source>Continue the story at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="51"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="52"/>
        <source>Stop writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="55"/>
        <source>&amp;New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="56"/>
        <source>New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="59"/>
        <source>Story status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="114"/>
        <source>Write a few words first: Continue goes on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="126"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
