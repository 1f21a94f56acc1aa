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
        <location filename="../../app/ui/panes/chat.py" line="38"/>
        <source>Chat conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="43"/>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="44"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="53"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="54"/>
        <source>Ask anything. Try: “Suggest three names for a cat.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="56"/>
        <source>Message input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="57"/>
        <source>Message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="60"/>
        <location filename="../../app/ui/panes/chat.py" line="223"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="61"/>
        <source>Send or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="63"/>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="64"/>
        <source>Regenerate the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="68"/>
        <source>Last reply statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="148"/>
        <source>partial reply ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="149"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="154"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="154"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="223"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="234"/>
        <source>Left out of the last reply: the conversation is longer than n_ctx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="239"/>
        <source>{n} earlier messages did not fit in the context window (n_ctx) and were left out of this reply. They stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="245"/>
        <source>{n} tokens · {rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHub</name>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="101"/>
        <source>A model is still loading; choose again when it is ready.</source>
        <extracomment>Interval of the view flush timer, in milliseconds (about 30 fps). Interval of partial-reply saves while streaming, in milliseconds (issue 2: ~1 s). the name the library gives the loaded model (set by the window on load)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="200"/>
        <source>The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="204"/>
        <source>“{name}” is not a GGUF model file. Choose a .gguf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="207"/>
        <source>“{name}” is incomplete or damaged. Download it again or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="210"/>
        <source>The model file “{name}” cannot be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="211"/>
        <source>Loading “{name}” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="212"/>
        <source>No model is loaded. Choose a model in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="215"/>
        <source>The text is longer than the model&apos;s context window. Send a shorter text, or put long texts in the Story pane. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="222"/>
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
        <location filename="../../app/ui/inspector.py" line="192"/>
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
        <location filename="../../app/ui/inspector.py" line="197"/>
        <source>architecture: {a} · {p:.0f}M parameters · {s:.0f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="200"/>
        <source>n_ctx in force: {n} (trained: {t})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="201"/>
        <source>runs on: {b} (n_gpu_layers {g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="202"/>
        <source>chat template: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="205"/>
        <source>⚠ The GPU could not load it; it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="63"/>
        <source>{n} reply(ies) cut off when Penwright last stopped were kept and marked partial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="91"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="93"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="94"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="95"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="96"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="97"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="98"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="104"/>
        <source>{label} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="141"/>
        <source>{rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="143"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="178"/>
        <source>Sampling applies to Chat, Story, Poetry and Q&amp;A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <source>Saved these values as the default for this pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="211"/>
        <source>This model&apos;s chat template has no system role, so the pane&apos;s instructions were added to your first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="220"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="221"/>
        <location filename="../../app/ui/main_window.py" line="438"/>
        <source>The model that answers in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="225"/>
        <source>Where the model runs and its context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="227"/>
        <source>Speed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="228"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="229"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="231"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="235"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="236"/>
        <source>Cancel loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="240"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="261"/>
        <source>Add a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="285"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="293"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="300"/>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="300"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="333"/>
        <source>{backend} · n_ctx {n_ctx}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="339"/>
        <source>The GPU could not load {name} (out of memory or a driver error); it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="344"/>
        <source>The engine restarted after a crash; {name} is loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="348"/>
        <source>Loaded {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="367"/>
        <source> {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="374"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="375"/>
        <source>Starting engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="376"/>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="377"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="378"/>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="379"/>
        <source>Engine crashed; restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="386"/>
        <source>The engine stopped unexpectedly. Your text is kept; restarting it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="407"/>
        <source>Wait for the current reply, or stop it, first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="436"/>
        <source>Stop the reply being written to choose another model</source>
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
        <location filename="../../app/ui/panes/base.py" line="46"/>
        <source>No model is loaded yet. Wait for it to load, or choose one in the status bar.</source>
        <extracomment>the sampling values used for the next generation (shown in the inspector)</extracomment>
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
        <location filename="../../app/ui/panes/poetry.py" line="147"/>
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
        <location filename="../../app/ui/panes/poetry.py" line="135"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="136"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAPane</name>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="31"/>
        <location filename="../../app/ui/panes/qa.py" line="81"/>
        <location filename="../../app/ui/panes/qa.py" line="100"/>
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
        <location filename="../../app/ui/panes/qa.py" line="111"/>
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
        <location filename="../../app/ui/panes/qa.py" line="101"/>
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
        <location filename="../../app/ui/panes/qa.py" line="102"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="103"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="167"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="168"/>
        <source>stopped at the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="169"/>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="171"/>
        <source>{n} tokens · {rate:.1f} tok/s · prompt {p} tokens · seed {seed} · {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryPane</name>
    <message>
        <location filename="../../app/ui/panes/story.py" line="49"/>
        <source>Story text</source>
        <extracomment>Delay of the draft autosave after the last keystroke, in milliseconds. Characters per line of the editor&apos;s measure (UI.md: about 70).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="52"/>
        <source>Start your story here, then press Continue (Ctrl+Enter).

Try: “The lighthouse keeper found a letter in the sand.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="61"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="62"/>
        <source>Continue the story at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="64"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="65"/>
        <source>Stop writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="68"/>
        <source>&amp;New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="69"/>
        <source>New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="72"/>
        <source>Story status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="166"/>
        <source>Write a few words first: Continue goes on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="178"/>
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
        <location filename="../../app/ui/token_meter.py" line="82"/>
        <source>{used:,} / {n_ctx:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
