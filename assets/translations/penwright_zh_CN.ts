<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/inspector.py" line="67"/>
        <source>Inspector</source>
        <comment>from the model file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/inspector.py" line="70"/>
        <source>Inspector</source>
        <comment>none in the model file; using the {name} format. This may be a base model: the Story pane (raw completion) suits it best.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="74"/>
        <source>Inspector</source>
        <comment>your override ({name})</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="71"/>
        <source>PoetryPane</source>
        <comment>Free verse</comment>
        <extracomment>Save the writer&apos;s edits to the chosen poem this long after the last keystroke (ms). Check the edited poem again this long after the last keystroke (ms).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="72"/>
        <source>PoetryPane</source>
        <comment>Haiku (5-7-5)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="73"/>
        <source>PoetryPane</source>
        <comment>Haiku in Japanese (5-7-5 morae)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="74"/>
        <source>PoetryPane</source>
        <comment>Tanka (5-7-5-7-7)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="75"/>
        <source>PoetryPane</source>
        <comment>Limerick (AABBA)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="76"/>
        <source>PoetryPane</source>
        <comment>Shakespearean sonnet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="77"/>
        <source>PoetryPane</source>
        <comment>Five-character quatrain</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="78"/>
        <source>PoetryPane</source>
        <comment>Seven-character quatrain</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="79"/>
        <source>PoetryPane</source>
        <comment>Five-character regulated verse</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="80"/>
        <source>PoetryPane</source>
        <comment>Seven-character regulated verse</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="81"/>
        <source>PoetryPane</source>
        <comment>Couplet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="487"/>
        <source>Decoding</source>
        <comment>{form} has no fixed structure for a grammar to keep.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="491"/>
        <source>Decoding</source>
        <comment>This engine cannot constrain output with a grammar.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="495"/>
        <source>Decoding</source>
        <comment>This engine offers no beam search.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="599"/>
        <source>LineTable</source>
        <comment>Use line {n}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="611"/>
        <source>LineTable</source>
        <comment>Han characters</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="611"/>
        <source>LineTable</source>
        <comment>morae</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="612"/>
        <source>LineTable</source>
        <comment>syllables</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="614"/>
        <source>LineTable</source>
        <comment>{n} {unit}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="616"/>
        <source>LineTable</source>
        <comment>(the form asks for {want})</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="618"/>
        <source>LineTable</source>
        <comment>Estimated (not in the dictionary): {words}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="625"/>
        <source>LineTable</source>
        <comment>Rhyme of “{word}”: {key}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="629"/>
        <source>LineTable</source>
        <comment>count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="630"/>
        <source>LineTable</source>
        <comment>rhyme</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="631"/>
        <source>LineTable</source>
        <comment>end mark</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="632"/>
        <source>LineTable</source>
        <comment>tones</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="639"/>
        <source>LineTable</source>
        <comment>rhyme optional here, not taken</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="659"/>
        <source>LineTable</source>
        <comment>{what}: not checked</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="664"/>
        <source>LineTable</source>
        <comment>{what} kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="664"/>
        <source>LineTable</source>
        <comment>{what} not kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="753"/>
        <source>CandidateTable</source>
        <comment>Conformity to the form</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="754"/>
        <source>CandidateTable</source>
        <comment>Mean log-probability per token (higher is more likely)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="766"/>
        <source>CandidateTable</source>
        <comment>writing…</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AidsPanel</name>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="603"/>
        <source>Story aids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="606"/>
        <location filename="../../app/ui/story_widgets.py" line="658"/>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="607"/>
        <source>Always at the top of the prompt: who, where, what happened so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="608"/>
        <source>E.g. Mara keeps the lighthouse on a northern island.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="611"/>
        <location filename="../../app/ui/story_widgets.py" line="660"/>
        <source>Author&apos;s note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="613"/>
        <source>Inserted a few lines before the end of the prompt, where it steers the most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="615"/>
        <source>E.g. [Style: quiet, melancholic; short sentences]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="625"/>
        <source>Author&apos;s note depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="626"/>
        <source>Lines of story after the author&apos;s note (0 = at the very end).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="627"/>
        <source> lines from the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="631"/>
        <location filename="../../app/ui/story_widgets.py" line="659"/>
        <source>Lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="634"/>
        <source>An entry&apos;s text goes into the prompt when one of its keys (comma-separated) appears in the recent story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="638"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="638"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="638"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="648"/>
        <source>&amp;Add entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="649"/>
        <source>Add a lorebook entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="651"/>
        <source>Remove entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="652"/>
        <source>Remove the selected lorebook entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="661"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="662"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="665"/>
        <source>Tokens: {part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="672"/>
        <source>Token budget note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="674"/>
        <source>&amp;Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="676"/>
        <source>Author&apos;s &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="678"/>
        <source>&amp;Lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="680"/>
        <location filename="../../app/ui/story_widgets.py" line="701"/>
        <source>Tokens in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="728"/>
        <source>Use this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="800"/>
        <source>{n:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="803"/>
        <source>{n:,} / {n_ctx:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="807"/>
        <source>Lorebook entries in use: {rows}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="812"/>
        <source>The oldest {n:,} characters of the story do not fit and are left out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlternativesPanel</name>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="537"/>
        <source>Alternatives</source>
        <extracomment>How strongly the least likely (or most surprising) token is tinted: the weight of the palette&apos;s LinkVisited colour blended into Base (0..1). Not Highlight: a tinted word must not look selected. Surprise (−logprob, nats) at which a scored token gets the full tint: 8 nats is a probability of about 1 in 3,000. How many spans removed whole by edits :class:`SpanTracker` remembers for Redo. A log-probability that is not a finite number (−inf from a remote server) is saved as this (JSON has no infinity); shown, it is the same &quot;&lt;0.1%&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="538"/>
        <source>{n} continuations: use one at the cursor, or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="540"/>
        <source>Alternatives heading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="549"/>
        <source>Alternative {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="551"/>
        <source>Use this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="552"/>
        <source>Use alternative {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="559"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="560"/>
        <source>Use none of the alternatives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidateTable</name>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="521"/>
        <source>[stopped]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="522"/>
        <source>[cut short]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="711"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="712"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="713"/>
        <source>Log-prob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="714"/>
        <source>Ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="715"/>
        <source>Poem</source>
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
        <location filename="../../app/ui/panes/chat.py" line="386"/>
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
        <location filename="../../app/ui/panes/chat.py" line="218"/>
        <source>partial reply ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="219"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="274"/>
        <source>Editing your message: Send makes a new branch beside it (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="294"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="294"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="386"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="398"/>
        <source>Left out of the last reply: the conversation is longer than n_ctx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="403"/>
        <source>{n} earlier messages did not fit in the context window (n_ctx) and were left out of this reply. They stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="409"/>
        <source>{n} tokens · {rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Decoding</name>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="302"/>
        <source>Sampling</source>
        <extracomment>Most candidates one sampling run makes. Weight of the palette&apos;s LinkVisited colour blended into Base behind a failed check (0..1). called at the end of :meth:`finish_now` (the window settles panes before it closes the history): the pane saves the writer&apos;s last edit there</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="303"/>
        <source>Grammar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="304"/>
        <source>Grammar + beam search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecodingPanel</name>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="321"/>
        <location filename="../../app/ui/poetry_widgets.py" line="322"/>
        <source>Decoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="324"/>
        <source>Decoding method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="328"/>
        <source>Sample each candidate token by token with its own seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="333"/>
        <source>Number of candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="334"/>
        <location filename="../../app/ui/poetry_widgets.py" line="446"/>
        <source>How many poems to generate, each with its own seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="338"/>
        <source>Beam width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="339"/>
        <source>Hypotheses the search keeps; its beams are the candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="345"/>
        <source>Length penalty alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="348"/>
        <source>α of the GNMT length normalisation ((5 + length) / 6)^α; 0 ranks by total log-probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="356"/>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="358"/>
        <source>CTRL rule: logits of tokens already in the beam are divided by this (1 = off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="362"/>
        <source>Why some decoding choices are unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="367"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="368"/>
        <source>Ca&amp;ndidates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="369"/>
        <source>&amp;Beam width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="370"/>
        <source>Length penalty &amp;α:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="371"/>
        <source>Re&amp;petition penalty:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="419"/>
        <source>The form&apos;s grammar keeps the structure while decoding</source>
        <extracomment>the writer&apos;s choice, taken again whenever it becomes available (grammar first)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="421"/>
        <source>Beam search under the form&apos;s grammar: the most likely poems as a whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="427"/>
        <source>{choice} is unavailable: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="444"/>
        <source>Beam search returns its beams as the candidates: set the beam width</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHub</name>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="134"/>
        <source>A provider is still being set up; try again in a moment.</source>
        <extracomment>Interval of the view flush timer, in milliseconds (about 30 fps). Interval of partial-reply saves while streaming, in milliseconds (issue 2: ~1 s). what the load thread left for :meth:`_deliver`: (&quot;loaded&quot;, ModelInfo) or (&quot;failed&quot;, (message, kind, path)) the name the library gives the loaded model (set by the window on load) the picked provider&apos;s id and &quot;provider · model&quot; label (empty while local)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="152"/>
        <source>The provider could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="209"/>
        <source>A model is still loading; choose again when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="310"/>
        <source>The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="314"/>
        <source>“{name}” is not a GGUF model file. Choose a .gguf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="362"/>
        <source>“{name}” is incomplete or damaged. Download it again or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="320"/>
        <source>The model file “{name}” cannot be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="317"/>
        <source>“{name}” is incomplete or damaged. Choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="321"/>
        <source>Loading “{name}” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="322"/>
        <source>No model is loaded. Choose a model in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="325"/>
        <source>The provider cannot be reached: check its address and that it is running. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="328"/>
        <source>The secure connection failed: the provider&apos;s certificate was not accepted. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="331"/>
        <source>The provider refused the key or token (401). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="334"/>
        <source>The key has no permission for this model or action (403). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="337"/>
        <source>The provider does not know this model or deployment (404). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="340"/>
        <source>The provider is limiting requests (429); wait and try again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="343"/>
        <source>The provider failed; try again later. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="344"/>
        <source>The provider refused the request as invalid. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="347"/>
        <source>The connection closed before the reply was complete. The text so far is kept; regenerate to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="352"/>
        <source>The provider&apos;s content filter stopped the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="355"/>
        <source>The text is longer than the model&apos;s context window. Send a shorter text, or put long texts in the Story pane. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="366"/>
        <source>“{name}” is in the old GGML format. Get a GGUF version of this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="381"/>
        <source>“{name}” is not a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="382"/>
        <source>“{name}” is incomplete or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="383"/>
        <source>“{name}” cannot be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="384"/>
        <source>Loading “{name}” was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="385"/>
        <source>llama.cpp could not load “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="173"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="174"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="175"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="215"/>
        <location filename="../../app/ui/panes/history.py" line="683"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="316"/>
        <source>Search all messages (Ctrl+F)</source>
        <extracomment>Conversations per import transaction (:data:`app.storage.transfer.CHUNK_CONVERSATIONS`).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="317"/>
        <source>Search all history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="327"/>
        <source>Only this pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="328"/>
        <source>All panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="332"/>
        <source>Only this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="337"/>
        <location filename="../../app/ui/panes/history.py" line="1192"/>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="339"/>
        <source>Only this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="344"/>
        <location filename="../../app/ui/panes/history.py" line="1195"/>
        <source>Any folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="345"/>
        <source>&amp;Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="346"/>
        <source>Only between two dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="349"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="351"/>
        <source>To date (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="365"/>
        <source>&amp;Pane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="366"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="367"/>
        <source>F&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="376"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="384"/>
        <source>Stored conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="387"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="388"/>
        <source>Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="389"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="390"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="391"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="416"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="427"/>
        <source>Search summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="447"/>
        <source>History message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="448"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="449"/>
        <source>Undo the delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="450"/>
        <source>Bring the deleted conversations back (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="452"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="453"/>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="470"/>
        <source>Transfer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="472"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="474"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="475"/>
        <location filename="../../app/ui/panes/history.py" line="1412"/>
        <source>Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="476"/>
        <source>Stop; nothing is imported or written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="489"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="490"/>
        <location filename="../../app/ui/panes/history.py" line="836"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="491"/>
        <location filename="../../app/ui/panes/history.py" line="822"/>
        <source>&amp;Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="493"/>
        <source>&amp;Move to folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="501"/>
        <source>&amp;New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="503"/>
        <source>Rename &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="505"/>
        <source>Delete f&amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="507"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="508"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="509"/>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="519"/>
        <source>Open the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="519"/>
        <source>Open (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="522"/>
        <source>Rename the selected conversation or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="522"/>
        <source>Rename (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="526"/>
        <source>Pin or unpin the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="527"/>
        <source>Pin to the top (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="529"/>
        <source>&amp;Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="530"/>
        <source>Move the selected conversations to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="531"/>
        <source>Move to a folder (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="537"/>
        <source>Delete the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="538"/>
        <source>Delete (Del); Undo brings them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="541"/>
        <source>Create a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="541"/>
        <source>New folder (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="545"/>
        <source>Export conversations to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="546"/>
        <source>Export the selected conversations or folder, or everything when nothing is selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="550"/>
        <source>Import conversations from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="551"/>
        <source>Import a Penwright JSON export or ChatGPT&apos;s conversations.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="555"/>
        <source>Back up the history now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="556"/>
        <source>Copy the whole history to the backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="630"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="631"/>
        <source>%n conversation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="642"/>
        <source>Folder {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="701"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="703"/>
        <source>{title}, pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="822"/>
        <source>Un&amp;pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="836"/>
        <source>&amp;Rename folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="837"/>
        <source>&amp;Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="919"/>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="919"/>
        <source>Folder name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="960"/>
        <source>Top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="969"/>
        <source>New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="992"/>
        <source>Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="993"/>
        <source>Delete the folder “{name}”? Its conversations move to the top level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1006"/>
        <source>Deleted the folder “{name}”; %n conversation(s) moved to the top level.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1044"/>
        <source>Deleted %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1066"/>
        <source>Restored %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1157"/>
        <source>{pane}, {role}, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1167"/>
        <source>The first %n messages found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1169"/>
        <source>%n message(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1172"/>
        <source>No message matches. Words match anywhere in the text; try fewer or shorter ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1271"/>
        <source>There is nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1273"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1273"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1273"/>
        <source>HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1282"/>
        <source>Export conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1360"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1396"/>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1397"/>
        <source>Exporting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1398"/>
        <source>Copying the history to {path}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1404"/>
        <source>Progress of the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1405"/>
        <source>Progress of the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1406"/>
        <source>Progress of the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1412"/>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1430"/>
        <source>Imported {done} of {total} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1432"/>
        <source>Exporting: read {done} of {total} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1476"/>
        <source>Import cancelled. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1484"/>
        <source>%n were already in your history and were left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1490"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1491"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1494"/>
        <source>Export cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1497"/>
        <source>Exported %n conversation(s) to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1316"/>
        <source>Import conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1318"/>
        <source>Conversation exports (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1318"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1473"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1473"/>
        <source>Nothing was imported. {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history.py" line="1479"/>
        <source>Imported %n conversation(s) from {name}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1503"/>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1503"/>
        <source>Could not copy the history: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1506"/>
        <source>Backed up the history to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="1547"/>
        <source>&amp;Move to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="496"/>
        <location filename="../../app/ui/panes/history.py" line="837"/>
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
        <source>0 = sample token by token. 1 or more = beam search with this many beams: the most likely text as a whole, shown when complete (local models only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="54"/>
        <source>Beam search: α of the GNMT length normalisation; higher favours longer texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="57"/>
        <source>-1 draws a new random seed for every reply (shown after it); a fixed seed repeats it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="91"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="95"/>
        <source>Preset of the current pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="111"/>
        <source>Stop strings, separated by “|”. Use \n for a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="115"/>
        <source>Seed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="116"/>
        <source>Use this seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="117"/>
        <source>Use the seed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="123"/>
        <source>Save as default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="124"/>
        <source>Save these values as this pane&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="126"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="127"/>
        <source>Reset this pane&apos;s values to the defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="133"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="140"/>
        <location filename="../../app/ui/inspector.py" line="218"/>
        <source>No model loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="141"/>
        <source>Model information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="143"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="163"/>
        <source>Values used in {pane}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="174"/>
        <source>Last reply&apos;s seed: {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="200"/>
        <source>Not sent to remote providers: the OpenAI API has no such parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="212"/>
        <source>A remote provider: your messages are sent to it over the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="223"/>
        <source>architecture: {a} · {p:.0f}M parameters · {s:.0f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="226"/>
        <source>n_ctx in force: {n} (trained: {t})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="227"/>
        <source>runs on: {b} (n_gpu_layers {g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="228"/>
        <source>chat template: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/inspector.py" line="231"/>
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
    <name>LineTable</name>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="558"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="559"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="560"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="561"/>
        <source>Rhyme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="562"/>
        <source>Count ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="563"/>
        <source>Rhyme ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="564"/>
        <source>End ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/poetry_widgets.py" line="565"/>
        <source>Tones ✓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="76"/>
        <source>{n} reply(ies) cut off when Penwright last stopped were kept and marked partial.</source>
        <extracomment>How many daily copies of the history database are kept (``backups/`` next to it). Prefix of the picker&apos;s data for a remote provider (&quot;provider:&lt;id&gt;&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="82"/>
        <source>Your history was upgraded to this version&apos;s format; the old file was copied to {path} first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="116"/>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="120"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="121"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="122"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="123"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="129"/>
        <source>{label} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175"/>
        <source>{rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="177"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="221"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="245"/>
        <source>Sampling applies to Chat, Story, Poetry and Q&amp;A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="259"/>
        <source>Saved these values as the default for this pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>This model&apos;s chat template has no system role, so the pane&apos;s instructions were added to your first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="287"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="292"/>
        <source>Where the model runs and its context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="294"/>
        <source>Speed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="295"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="298"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="302"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="303"/>
        <source>Cancel loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="307"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>Add a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="335"/>
        <source>Remote providers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="374"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="385"/>
        <source>The daily copy of your history could not be made: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="404"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="418"/>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="418"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="433"/>
        <source>{name} answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="452"/>
        <source>Connecting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="462"/>
        <source>Replies now come from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="470"/>
        <source>The provider cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="479"/>
        <source>remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="568"/>
        <source>{backend} · n_ctx {n_ctx}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="595"/>
        <source>“{name}” could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="599"/>
        <source>{problem} {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="616"/>
        <source>{problem}; {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="552"/>
        <source>The GPU could not load {name} (out of memory or a driver error); it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="288"/>
        <location filename="../../app/ui/main_window.py" line="700"/>
        <source>The model or remote provider that answers in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="557"/>
        <source>The engine restarted after a crash; {name} is loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="561"/>
        <source>Loaded {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="629"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="630"/>
        <source>Starting engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="631"/>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="632"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="633"/>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="634"/>
        <source>Engine crashed; restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="638"/>
        <source>Answering: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="644"/>
        <source>The engine stopped unexpectedly. Your text is kept; restarting it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="666"/>
        <source>Wait for the current reply, or stop it, first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="698"/>
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
        <location filename="../../app/ui/panes/models.py" line="63"/>
        <source>From the model file</source>
        <extracomment>Reinstall commands for GPU builds of llama-cpp-python (also in the README).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="67"/>
        <source>Custom Jinja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="155"/>
        <source>Models in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="160"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="161"/>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="162"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="163"/>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="164"/>
        <source>File size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="165"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="166"/>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="167"/>
        <source>Memory needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="179"/>
        <source>&amp;Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="180"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="181"/>
        <source>Re&amp;name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="182"/>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="183"/>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="184"/>
        <source>Add fol&amp;der…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="185"/>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="197"/>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="201"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="204"/>
        <location filename="../../app/ui/panes/models.py" line="232"/>
        <source>Chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="209"/>
        <source>Custom chat template (Jinja)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="218"/>
        <source>even, or shares such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="219"/>
        <location filename="../../app/ui/panes/models.py" line="220"/>
        <source>Flash attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="222"/>
        <source>KV cache type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="224"/>
        <source>&amp;Apply and reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="225"/>
        <source>Save these settings and reload the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="234"/>
        <source>KV cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="237"/>
        <source>Settings of the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="241"/>
        <source>Hugging Face repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="242"/>
        <source>repository, e.g. bartowski/SmolLM2-360M-Instruct-GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="244"/>
        <source>File name in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="245"/>
        <source>file, e.g. SmolLM2-360M-Instruct-Q4_K_M.gguf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="246"/>
        <location filename="../../app/ui/panes/models.py" line="675"/>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="247"/>
        <source>Download or cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="250"/>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="253"/>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="258"/>
        <source>Download a GGUF from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="266"/>
        <source>Checking what this llama.cpp build can do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="267"/>
        <source>GPU support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="270"/>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="277"/>
        <source>Models message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="356"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="356"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="357"/>
        <source>{size} at n_ctx {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="365"/>
        <source>file missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="376"/>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="379"/>
        <source>The file has {have}; its tensor data needs {need}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="381"/>
        <source>incomplete, {have} of {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="383"/>
        <source>The file ends inside its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="385"/>
        <source>Its metadata cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="386"/>
        <source>unreadable metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="388"/>
        <source>llama.cpp cannot read its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="389"/>
        <source>llama.cpp cannot read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="391"/>
        <source>cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="394"/>
        <source>“{name}” is in the old GGUF version 1 format, which llama.cpp no longer reads. Get a newer GGUF of this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="397"/>
        <source>old GGUF version 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="399"/>
        <source>not a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="401"/>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="402"/>
        <source>damaged: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="497"/>
        <source>Checking and importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="541"/>
        <source>“{name}” could not be copied: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="544"/>
        <source>“{name}” could not be imported: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models.py" line="548"/>
        <source>%n refused: {files}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models.py" line="550"/>
        <source>Imported %n model(s);</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models.py" line="554"/>
        <source>Imported %n model(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="456"/>
        <source>This llama.cpp build has no GPU support (see GPU).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="458"/>
        <source>This llama.cpp build can offload to the GPU ({backend}). Set n_gpu_layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="463"/>
        <source>This llama.cpp build runs on the CPU only. To use a GPU, rebuild it in the project folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="478"/>
        <location filename="../../app/ui/panes/models.py" line="487"/>
        <source>Import models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="478"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="488"/>
        <source>Copy the files into Penwright&apos;s model folder, or use them where they are?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="489"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="490"/>
        <source>&amp;Use in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="496"/>
        <source>Importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="567"/>
        <source>Rename model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="567"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="580"/>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="581"/>
        <source>Remove “{name}” from the library?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="582"/>
        <source>Also delete the file from Penwright&apos;s model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="594"/>
        <source>Add a folder of models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="605"/>
        <source>Models in {folder} are now in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="617"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="627"/>
        <source>Give the repository and the file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="631"/>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="634"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="650"/>
        <source>Download cancelled; start it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="654"/>
        <source>Download failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="666"/>
        <source>{done} of {total} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="670"/>
        <source>{done} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="680"/>
        <source>Downloaded “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models.py" line="719"/>
        <source>tensor_split must be numbers, such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaneBase</name>
    <message>
        <location filename="../../app/ui/panes/base.py" line="44"/>
        <source>Message too long</source>
        <extracomment>the sampling values used for the next generation (shown in the inspector) why the message in the input cannot be sent (too long for n_ctx); hidden when it can</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/base.py" line="62"/>
        <source>No model is loaded yet. Wait for it to load, or choose one in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <location filename="../../app/ui/panes/history.py" line="164"/>
        <source>Chat</source>
        <extracomment>The panes whose sessions are stored, in the order of the nav rail. How long the Undo bar stays after a delete (seconds). Pause after the last keystroke before searching (ms): one query per pause, not per key. Most hits shown for one search.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="165"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="166"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history.py" line="167"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoetryPane</name>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="162"/>
        <source>Poetic form</source>
        <extracomment>The picker&apos;s order of the shipped forms; the user&apos;s forms follow in file-name order. runs the candidates; it is also the pane&apos;s ``controller`` (the window stops, settles and listens to it like every pane&apos;s) candidates in arrival order; ``candidates`` is the ranked view</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="165"/>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="166"/>
        <source>e.g. autumn rain, the sea at night, 月亮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="169"/>
        <source>Language note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="170"/>
        <source>optional, e.g. plain modern words; 用现代汉语</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="171"/>
        <source>Added to the request as you write it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="173"/>
        <location filename="../../app/ui/panes/poetry.py" line="515"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="174"/>
        <location filename="../../app/ui/panes/poetry.py" line="516"/>
        <source>Generate candidate poems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="178"/>
        <source>About the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="184"/>
        <source>Candidate poems, best first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="188"/>
        <source>Lines of the selected candidate, with the checker&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="191"/>
        <source>Check of the selected candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="193"/>
        <source>&amp;Use this poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="194"/>
        <source>Use the selected candidate as the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="196"/>
        <source>Com&amp;bine chosen lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="198"/>
        <source>Combine the ticked lines of all candidates into the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="205"/>
        <source>Your poem: use a candidate or combine ticked lines, then edit it here. It is saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="211"/>
        <source>Lines of your poem, with the checker&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="213"/>
        <source>Check of your poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="473"/>
        <source>Stop generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="482"/>
        <source>Beam search (width {w})… the beams appear when the search ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="486"/>
        <source>Writing candidate {k} of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="520"/>
        <source> {n} candidate(s) were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="522"/>
        <source>The poem cut short is marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="528"/>
        <source>Stopped; {n} finished candidate(s) kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="530"/>
        <source>The poem being written is kept too, marked as stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="533"/>
        <source>{n} candidate(s), best conformity {best}. Pick one, or tick lines and combine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="536"/>
        <source>The model wrote nothing; try another topic or decoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="558"/>
        <source>Could not save the candidates: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="627"/>
        <source>Conformity {score}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="629"/>
        <source>{n} of {want} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="631"/>
        <source>rhyme ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="631"/>
        <source>rhyme ✗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="633"/>
        <source>mean log-prob {lp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="635"/>
        <source>seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="680"/>
        <source>Candidate {rank} is your poem; edit it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="692"/>
        <source>Combined {n} line(s) from {k} candidate(s); edit them below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="721"/>
        <source>Your poem is checked here as you edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="800"/>
        <source>This poem&apos;s form ({form}) is no longer installed; it is shown against {shown}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="202"/>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="216"/>
        <source>Poem status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="224"/>
        <source>&amp;Form:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="225"/>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="226"/>
        <source>&amp;Language note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="244"/>
        <source>&amp;Candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="251"/>
        <source>Li&amp;nes of the selected candidate (tick lines to combine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="270"/>
        <source>&amp;Your poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="345"/>
        <source>Add your own forms as JSON or TOML files in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="348"/>
        <source>Some form files were skipped: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="369"/>
        <source>Rhyme scheme: {scheme}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="445"/>
        <source>That decoding is unavailable here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="471"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry.py" line="472"/>
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
        <location filename="../../app/ui/panes/qa.py" line="83"/>
        <location filename="../../app/ui/panes/qa.py" line="98"/>
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
        <location filename="../../app/ui/panes/qa.py" line="109"/>
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
        <location filename="../../app/ui/panes/qa.py" line="83"/>
        <location filename="../../app/ui/panes/qa.py" line="99"/>
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
        <location filename="../../app/ui/panes/qa.py" line="100"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="101"/>
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
        <location filename="../../app/ui/panes/story.py" line="236"/>
        <source>Story text</source>
        <extracomment>Delay of the autosave after the last change, in milliseconds. Delay of the token budget count after the last change, in milliseconds. Characters per line of the editor&apos;s measure (UI.md: about 70). Alternatives asked for per AI token on local engines (and on remote ones while &quot;Show probabilities&quot; is on). How many continuations &quot;Give me 3&quot; writes. Alternatives are sampled at this temperature at least: at 0 all three would be the same. Tokens allowed for the chat template around Rewrite/Describe&apos;s messages (role markers and the like) when checking that a selection fits n_ctx. Recent stories in the &quot;Open&quot; menu. The system prompt of Rewrite and Describe.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="239"/>
        <source>Start your story here, then press Continue (Ctrl+Enter).

Try: “The lighthouse keeper found a letter in the sand.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="256"/>
        <source>&amp;Open recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="259"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="260"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="261"/>
        <location filename="../../app/ui/panes/story.py" line="274"/>
        <source>&amp;Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="263"/>
        <source>&amp;Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="264"/>
        <source>Story menu: new, open, import, export, versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="267"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="269"/>
        <source>Start a new story (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="272"/>
        <source>Story title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="273"/>
        <source>Title (the first words if left empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="275"/>
        <source>Versions of the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="278"/>
        <source>&amp;Aids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="281"/>
        <source>Show memory, author&apos;s note and lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="282"/>
        <source>Memory, author&apos;s note, lorebook and the token budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="299"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="299"/>
        <source>Continue the story at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="302"/>
        <source>&amp;Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="303"/>
        <source>Rewrite the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="305"/>
        <source>Rewrite the selected passage (an instruction to the model; best with instruct models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="308"/>
        <source>&amp;Describe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="309"/>
        <source>Describe the selection in more detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="311"/>
        <source>Write a more detailed version of the selected passage after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="314"/>
        <source>Give me &amp;3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="315"/>
        <source>Write three continuations to choose from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="318"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="318"/>
        <source>Stop writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="366"/>
        <source>Perplexity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="369"/>
        <source>exp of the mean negative log-likelihood per token under the loaded model: lower means the model found the text more predictable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="374"/>
        <source>Evaluation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="377"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="378"/>
        <source>Cancel the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="477"/>
        <source>The chosen provider offers no raw completion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="480"/>
        <source>Continue needs raw completion; choose a local model or an OpenAI-compatible server in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="484"/>
        <source>Continue at the cursor (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="487"/>
        <source>Write {n} continuations one after another (different seeds, temperature at least {t}) and pick one (Ctrl+Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="499"/>
        <source>Tint the AI&apos;s words by how likely the model found them; hover for the alternatives, Ctrl+click to choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="503"/>
        <source>This engine gives no token probabilities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="508"/>
        <source>Perplexity of the selection, or of the whole story, under the loaded model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="511"/>
        <source>Perplexity needs a local model: remote providers do not score texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="560"/>
        <location filename="../../app/ui/panes/story.py" line="644"/>
        <location filename="../../app/ui/panes/story.py" line="696"/>
        <source>Untitled story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="613"/>
        <source>Wait for the model, or stop it (Esc), then open the story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="647"/>
        <source>No stories yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="654"/>
        <source>Write something first: a new story has no versions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="687"/>
        <source>Version restored. Ctrl+Z undoes it; the text before is a version too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="701"/>
        <source>The story could not be exported: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="703"/>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="714"/>
        <source>The file could not be imported: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="722"/>
        <source>Imported “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="729"/>
        <source>Export the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="731"/>
        <source>Markdown (*.md);;Plain text (*.txt);;Word document (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="738"/>
        <source>Import a story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="738"/>
        <source>Text and Markdown (*.txt *.md *.markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="786"/>
        <source>Fitting the story into the context window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="795"/>
        <location filename="../../app/ui/panes/story.py" line="925"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="898"/>
        <source>Select a passage first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="916"/>
        <source>Counting the selection&apos;s tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="934"/>
        <source>The selection takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx). Select a shorter passage, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="939"/>
        <source>The text changed while it was counted; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1030"/>
        <source>Write a few words first: alternatives go on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1048"/>
        <source>Writing alternative 1 of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1077"/>
        <source>Writing alternative {i} of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1085"/>
        <source>Pick one, or None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1116"/>
        <source>Alternative {n} inserted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1136"/>
        <source>{token}: probability {p}, surprise {s:.2f} nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1147"/>
        <source>{token}: probability {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1156"/>
        <source>Alternatives:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1159"/>
        <source>Ctrl+click to choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1170"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1176"/>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1227"/>
        <source>Writing from “{token}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1312"/>
        <source>There is nothing to evaluate yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1321"/>
        <source>Evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1335"/>
        <source>Perplexity {ppl:.1f} over {n:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1340"/>
        <source>Evaluated in {s:.1f} s. Hover a word for its probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1348"/>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="1362"/>
        <source>Counted by the provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="254"/>
        <source>&amp;New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="268"/>
        <source>New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="318"/>
        <source>Stop (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="319"/>
        <source>Show &amp;probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="321"/>
        <source>Show token probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="323"/>
        <source>&amp;Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="324"/>
        <source>Evaluate the perplexity of the selection or the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="363"/>
        <source>Story status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="859"/>
        <source>Write a few words first: Continue goes on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story.py" line="842"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenMeter</name>
    <message>
        <location filename="../../app/ui/token_meter.py" line="82"/>
        <source>Token meter</source>
        <extracomment>Delay after the last edit before counting, in milliseconds. Tokens of n_ctx a reply needs at the least: a message that leaves fewer is refused. Tokens a chat template may add around the messages, at most (for :meth:`surely_fits`). Failed counts in a row, with the engine idle, after which a waiting send goes ahead uncounted (a template the tokenizer call cannot render; the engine then says why). What to count: (&quot;messages&quot;, [chat messages]) or (&quot;text&quot;, raw prompt). tokens of all of what would be sent, at the last count tokens of what must fit on its own, at the last count (an upper bound: the whole payload&apos;s count when that fits) n_ctx at the last count</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="83"/>
        <source>Tokens of what would be sent, out of the model&apos;s context window (n_ctx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="140"/>
        <source>This message takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx). Shorten it, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="145"/>
        <source>This message takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx), which leaves too little room for a reply. Shorten it, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="160"/>
        <source>counting tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="166"/>
        <source>tokens: counted by the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="234"/>
        <source>{used:,} / {n_ctx:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="833"/>
        <location filename="../../app/ui/story_widgets.py" line="836"/>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="834"/>
        <source>Versions of the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="837"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="837"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="837"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="847"/>
        <source>Preview of the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="848"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="849"/>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="851"/>
        <source>The story becomes this version; the current text is kept as a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="858"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="870"/>
        <source>Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="871"/>
        <source>Generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="872"/>
        <source>Before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="873"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/story_widgets.py" line="885"/>
        <source>{n:,} characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
