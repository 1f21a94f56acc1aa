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
        <location filename="../../app/ui/panes/poetry/form_view.py" line="50"/>
        <source>PoetryPane</source>
        <comment>Free verse</comment>
        <extracomment>Weight of the palette&apos;s LinkVisited colour blended into Base behind a failed check (0..1).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="51"/>
        <source>PoetryPane</source>
        <comment>Haiku (5-7-5)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="52"/>
        <source>PoetryPane</source>
        <comment>Haiku in Japanese (5-7-5 morae)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="53"/>
        <source>PoetryPane</source>
        <comment>Tanka (5-7-5-7-7)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="54"/>
        <source>PoetryPane</source>
        <comment>Limerick (AABBA)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="55"/>
        <source>PoetryPane</source>
        <comment>Shakespearean sonnet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="56"/>
        <source>PoetryPane</source>
        <comment>Five-character quatrain</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="57"/>
        <source>PoetryPane</source>
        <comment>Seven-character quatrain</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="58"/>
        <source>PoetryPane</source>
        <comment>Five-character regulated verse</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="59"/>
        <source>PoetryPane</source>
        <comment>Seven-character regulated verse</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="60"/>
        <source>PoetryPane</source>
        <comment>Couplet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="217"/>
        <source>Decoding</source>
        <comment>{form} has no fixed structure for a grammar to keep.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="221"/>
        <source>Decoding</source>
        <comment>This engine cannot constrain output with a grammar.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="225"/>
        <source>Decoding</source>
        <comment>This engine offers no beam search.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="101"/>
        <source>PoetryPane</source>
        <comment>Conformity {score}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="103"/>
        <source>PoetryPane</source>
        <comment>{n} of {want} lines</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="105"/>
        <source>PoetryPane</source>
        <comment>rhyme ✓</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="105"/>
        <source>PoetryPane</source>
        <comment>rhyme ✗</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="108"/>
        <source>PoetryPane</source>
        <comment>mean log-prob {lp}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="110"/>
        <source>PoetryPane</source>
        <comment>seed {seed}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="174"/>
        <source>LineTable</source>
        <comment>Use line {n}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="186"/>
        <source>LineTable</source>
        <comment>Han characters</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="186"/>
        <source>LineTable</source>
        <comment>morae</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="187"/>
        <source>LineTable</source>
        <comment>syllables</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="189"/>
        <source>LineTable</source>
        <comment>{n} {unit}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="191"/>
        <source>LineTable</source>
        <comment>(the form asks for {want})</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="193"/>
        <source>LineTable</source>
        <comment>Estimated (not in the dictionary): {words}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="200"/>
        <source>LineTable</source>
        <comment>Rhyme of “{word}”: {key}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="204"/>
        <source>LineTable</source>
        <comment>count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="205"/>
        <source>LineTable</source>
        <comment>rhyme</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="206"/>
        <source>LineTable</source>
        <comment>end mark</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="207"/>
        <source>LineTable</source>
        <comment>tones</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="214"/>
        <source>LineTable</source>
        <comment>rhyme optional here, not taken</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="234"/>
        <source>LineTable</source>
        <comment>{what}: not checked</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="239"/>
        <source>LineTable</source>
        <comment>{what} kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="239"/>
        <source>LineTable</source>
        <comment>{what} not kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="101"/>
        <source>CandidateTable</source>
        <comment>Conformity to the form</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="102"/>
        <source>CandidateTable</source>
        <comment>Mean log-probability per token (higher is more likely)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="114"/>
        <source>CandidateTable</source>
        <comment>writing…</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="93"/>
        <source>ModelsPane</source>
        <comment>Import models</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="94"/>
        <source>ModelsPane</source>
        <comment>Copy the files into Penwright&apos;s model folder, or use them where they are?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="95"/>
        <source>ModelsPane</source>
        <comment>&amp;Copy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="96"/>
        <source>ModelsPane</source>
        <comment>&amp;Use in place</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="119"/>
        <source>ModelsPane</source>
        <comment>“{name}” could not be copied: {why}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/imports.py" line="122"/>
        <source>ModelsPane</source>
        <comment>“{name}” could not be imported: {why}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models/imports.py" line="125"/>
        <source>ModelsPane</source>
        <comment>Imported %n model(s).</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models/imports.py" line="128"/>
        <source>ModelsPane</source>
        <comment>%n refused: {files}</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/models/imports.py" line="130"/>
        <source>ModelsPane</source>
        <comment>Imported %n model(s);</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="177"/>
        <source>PoetryPane</source>
        <comment> {n} candidate(s) were kept.</comment>
        <extracomment>called at the end of :meth:`finish_now` (the window settles panes before it closes the history): the pane saves the writer&apos;s last edit there</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="179"/>
        <source>PoetryPane</source>
        <comment>The poem cut short is marked.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="186"/>
        <source>PoetryPane</source>
        <comment>Stopped; {n} finished candidate(s) kept.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="188"/>
        <source>PoetryPane</source>
        <comment>The poem being written is kept too, marked as stopped.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="191"/>
        <source>PoetryPane</source>
        <comment>{n} candidate(s), best conformity {best}. Pick one, or tick lines and combine.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/run.py" line="194"/>
        <source>PoetryPane</source>
        <comment>The model wrote nothing; try another topic or decoding.</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AiText</name>
    <message>
        <location filename="../../app/ui/panes/story/editor.py" line="276"/>
        <source>{token}: probability {p}, surprise {s:.2f} nats</source>
        <extracomment>How strongly the least likely (or most surprising) token is tinted: the weight of the palette&apos;s LinkVisited colour blended into Base (0..1). Not Highlight: a tinted word must not look selected. Surprise (−logprob, nats) at which a scored token gets the full tint: 8 nats is a probability of about 1 in 3,000. tint AI tokens by their probability (&quot;Show probabilities&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/editor.py" line="287"/>
        <source>{token}: probability {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/editor.py" line="296"/>
        <source>Alternatives:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/editor.py" line="299"/>
        <source>Ctrl+click to choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/editor.py" line="312"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AidsPanel</name>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="45"/>
        <source>Story aids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="48"/>
        <location filename="../../app/ui/panes/story/aids.py" line="100"/>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="49"/>
        <source>Always at the top of the prompt: who, where, what happened so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="50"/>
        <source>E.g. Mara keeps the lighthouse on a northern island.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="53"/>
        <location filename="../../app/ui/panes/story/aids.py" line="102"/>
        <source>Author&apos;s note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="55"/>
        <source>Inserted a few lines before the end of the prompt, where it steers the most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="57"/>
        <source>E.g. [Style: quiet, melancholic; short sentences]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="67"/>
        <source>Author&apos;s note depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="68"/>
        <source>Lines of story after the author&apos;s note (0 = at the very end).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="69"/>
        <source> lines from the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="73"/>
        <location filename="../../app/ui/panes/story/aids.py" line="101"/>
        <source>Lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="76"/>
        <source>An entry&apos;s text goes into the prompt when one of its keys (comma-separated) appears in the recent story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="80"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="80"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="80"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="90"/>
        <source>&amp;Add entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="91"/>
        <source>Add a lorebook entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="93"/>
        <source>Remove entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="94"/>
        <source>Remove the selected lorebook entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="103"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="104"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="107"/>
        <source>Tokens: {part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="114"/>
        <source>Token budget note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="116"/>
        <source>&amp;Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="118"/>
        <source>Author&apos;s &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="120"/>
        <source>&amp;Lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="122"/>
        <location filename="../../app/ui/panes/story/aids.py" line="143"/>
        <source>Tokens in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="170"/>
        <source>Use this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="242"/>
        <source>{n:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="245"/>
        <source>{n:,} / {n_ctx:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="249"/>
        <source>Lorebook entries in use: {rows}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/aids.py" line="254"/>
        <source>The oldest {n:,} characters of the story do not fit and are left out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlternativesPanel</name>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="58"/>
        <source>Alternatives</source>
        <extracomment>How many continuations &quot;Give me 3&quot; writes. Alternatives are sampled at this temperature at least: at 0 all three would be the same.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="59"/>
        <source>{n} continuations: use one at the cursor, or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="61"/>
        <source>Alternatives heading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="70"/>
        <source>Alternative {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="72"/>
        <source>Use this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="73"/>
        <source>Use alternative {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="80"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/alternatives.py" line="81"/>
        <source>Use none of the alternatives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetCounter</name>
    <message>
        <location filename="../../app/ui/panes/story/prompt.py" line="203"/>
        <source>Counted by the provider.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidateTable</name>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="38"/>
        <source>[stopped]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="39"/>
        <source>[cut short]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="59"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="60"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="61"/>
        <source>Log-prob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="62"/>
        <source>Ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="63"/>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidatesView</name>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="172"/>
        <source>Candidate poems, best first</source>
        <extracomment>the poem being written (shown as the table&apos;s last row), None: none</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="176"/>
        <source>Lines of the selected candidate, with the checker&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="179"/>
        <source>Check of the selected candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="181"/>
        <source>&amp;Use this poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="182"/>
        <source>Use the selected candidate as the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="184"/>
        <source>Com&amp;bine chosen lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="186"/>
        <source>Combine the ticked lines of all candidates into the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="190"/>
        <source>&amp;Candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="192"/>
        <source>Li&amp;nes of the selected candidate (tick lines to combine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="315"/>
        <source>Candidate {rank} is your poem; edit it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/candidates.py" line="327"/>
        <source>Combined {n} line(s) from {k} candidate(s); edit them below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="44"/>
        <source>Chat conversations</source>
        <extracomment>stores the messages and replies (the same bookkeeping as ``penwright chat``) the message of yours being edited (sending makes a sibling branch of it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="49"/>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="50"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="59"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="60"/>
        <source>Ask anything. Try: “Suggest three names for a cat.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="63"/>
        <source>Editing a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="67"/>
        <source>Message input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="68"/>
        <source>Message (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="71"/>
        <location filename="../../app/ui/panes/chat.py" line="389"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="72"/>
        <source>Send or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="74"/>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="75"/>
        <source>Regenerate the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="79"/>
        <source>Last reply statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="81"/>
        <source>Previous version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="82"/>
        <source>Previous version of the last reply (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="85"/>
        <source>Next version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="86"/>
        <source>Next version of the last reply (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="89"/>
        <source>Version of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="221"/>
        <source>partial reply ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="222"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="277"/>
        <source>Editing your message: Send makes a new branch beside it (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="297"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="297"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="389"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="401"/>
        <source>Left out of the last reply: the conversation is longer than n_ctx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="406"/>
        <source>{n} earlier messages did not fit in the context window (n_ctx) and were left out of this reply. They stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/chat.py" line="412"/>
        <source>{n} tokens · {rate:.1f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="92"/>
        <source>Stored conversations</source>
        <extracomment>What a row is: (CONVERSATION or FOLDER, its id).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="94"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="94"/>
        <source>Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="94"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="94"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="94"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="148"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/tree.py" line="149"/>
        <source>%n conversation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="160"/>
        <source>Folder {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="199"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="217"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="219"/>
        <source>{title}, pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="406"/>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="406"/>
        <source>Folder name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="448"/>
        <source>Top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="457"/>
        <source>New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="480"/>
        <source>Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/tree.py" line="481"/>
        <source>Delete the folder “{name}”? Its conversations move to the top level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/tree.py" line="494"/>
        <source>Deleted the folder “{name}”; %n conversation(s) moved to the top level.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="58"/>
        <source>Interrupted replies</source>
        <extracomment>English names of the panes, translated in the &quot;Panes&quot; context (as the navigation does).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="62"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="65"/>
        <source>What was interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="66"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="68"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="69"/>
        <source>Dismiss the notice about interrupted replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="92"/>
        <source>“{title}” ({pane})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="101"/>
        <source>Penwright stopped while it was writing a reply in {conversation}. The text written until then is kept, marked as interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="106"/>
        <source>Open {conversation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="112"/>
        <source>Penwright stopped while it was writing {n} replies: {conversations}. The text written until then is kept, marked as interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/crash_notice.py" line="116"/>
        <source>Open one of the interrupted replies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Decoding</name>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="32"/>
        <source>Sampling</source>
        <extracomment>Most candidates one sampling run makes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="33"/>
        <source>Grammar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="34"/>
        <source>Grammar + beam search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecodingPanel</name>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="51"/>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="52"/>
        <source>Decoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="54"/>
        <source>Decoding method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="58"/>
        <source>Sample each candidate token by token with its own seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="63"/>
        <source>Number of candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="64"/>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="176"/>
        <source>How many poems to generate, each with its own seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="68"/>
        <source>Beam width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="69"/>
        <source>Hypotheses the search keeps; its beams are the candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="75"/>
        <source>Length penalty alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="78"/>
        <source>α of the GNMT length normalisation ((5 + length) / 6)^α; 0 ranks by total log-probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="86"/>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="88"/>
        <source>CTRL rule: logits of tokens already in the beam are divided by this (1 = off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="92"/>
        <source>Why some decoding choices are unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="97"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="98"/>
        <source>Ca&amp;ndidates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="99"/>
        <source>&amp;Beam width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="100"/>
        <source>Length penalty &amp;α:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="101"/>
        <source>Re&amp;petition penalty:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="149"/>
        <source>The form&apos;s grammar keeps the structure while decoding</source>
        <extracomment>the writer&apos;s choice, taken again whenever it becomes available (grammar first)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="151"/>
        <source>Beam search under the form&apos;s grammar: the most likely poems as a whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="157"/>
        <source>{choice} is unavailable: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/decoding.py" line="174"/>
        <source>Beam search returns its beams as the candidates: set the beam width</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadBox</name>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="50"/>
        <source>Download a GGUF from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="53"/>
        <source>Hugging Face repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="54"/>
        <source>repository, e.g. bartowski/SmolLM2-360M-Instruct-GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="56"/>
        <source>File name in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="57"/>
        <source>file, e.g. SmolLM2-360M-Instruct-Q4_K_M.gguf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="58"/>
        <location filename="../../app/ui/panes/models/downloads.py" line="151"/>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="59"/>
        <source>Download or cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="62"/>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="65"/>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="83"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="93"/>
        <source>Give the repository and the file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="95"/>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="98"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="142"/>
        <source>{done} of {total} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="146"/>
        <source>{done} · {speed}/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="158"/>
        <source>Downloaded “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="168"/>
        <source>Download failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/downloads.py" line="172"/>
        <source>Download cancelled; start it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHub</name>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="143"/>
        <source>A provider is still being set up; try again in a moment.</source>
        <extracomment>Shortest time between two batches of streamed text handed to the view, in milliseconds (about 30 per second; see :meth:`Operation.on_yielded`). the (re)load running or not delivered yet the name the library gives the loaded model (set by the window on load) the picked provider&apos;s id and &quot;provider · model&quot; label (empty while local) the provider set-up running or not delivered yet the title being made (until it is delivered or dropped) and its engine cancel token</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="161"/>
        <source>The provider could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/engine_bridge.py" line="212"/>
        <source>A model is still loading; choose again when it is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Evaluator</name>
    <message>
        <location filename="../../app/ui/panes/story/evaluate.py" line="138"/>
        <source>There is nothing to evaluate yet.</source>
        <extracomment>Alternatives asked for per AI token on local engines (and on remote ones while &quot;Show probabilities&quot; is on), and per evaluated token.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/evaluate.py" line="147"/>
        <source>Evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/evaluate.py" line="162"/>
        <source>Perplexity {ppl:.1f} over {n:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/evaluate.py" line="167"/>
        <source>Evaluated in {s:.1f} s. Hover a word for its probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/evaluate.py" line="175"/>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="315"/>
        <source>The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="319"/>
        <source>“{name}” is not a GGUF model file. Choose a .gguf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="376"/>
        <source>“{name}” is incomplete or damaged. Download it again or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="325"/>
        <source>The model file “{name}” cannot be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="322"/>
        <source>“{name}” is incomplete or damaged. Choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="326"/>
        <source>Loading “{name}” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="327"/>
        <source>No model is loaded. Choose a model in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="330"/>
        <source>The provider cannot be reached: check its address and that it is running. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="333"/>
        <source>The secure connection failed: the provider&apos;s certificate was not accepted. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="336"/>
        <source>The provider refused the key or token (401). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="339"/>
        <source>The key has no permission for this model or action (403). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="342"/>
        <source>The provider does not know this model or deployment (404). ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="345"/>
        <source>The provider is limiting requests (429); wait and try again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="348"/>
        <source>The provider failed; try again later. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="349"/>
        <source>The provider refused the request as invalid. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="352"/>
        <source>The connection closed before the reply was complete. The text so far is kept; regenerate to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="357"/>
        <source>The provider&apos;s content filter stopped the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="360"/>
        <source>The provider took the request but did not answer in time; it was not sent again. Raise the provider&apos;s timeout under Remote providers for slow servers. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="365"/>
        <source>The provider sent a reply Penwright cannot read. The text so far is kept. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="369"/>
        <source>The text is longer than the model&apos;s context window. Send a shorter text, or put long texts in the Story pane. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="380"/>
        <source>“{name}” is in the old GGML format. Get a GGUF version of this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="395"/>
        <source>“{name}” is not a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="396"/>
        <source>“{name}” is incomplete or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="397"/>
        <source>“{name}” cannot be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="398"/>
        <source>Loading “{name}” was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="399"/>
        <source>llama.cpp could not load “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="65"/>
        <source>Only this pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="66"/>
        <source>All panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="70"/>
        <source>Only this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="75"/>
        <location filename="../../app/ui/panes/history/filters.py" line="126"/>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="77"/>
        <source>Only this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="82"/>
        <location filename="../../app/ui/panes/history/filters.py" line="127"/>
        <source>Any folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="83"/>
        <source>&amp;Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="84"/>
        <source>Only between two dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="87"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="89"/>
        <source>To date (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="103"/>
        <source>&amp;Pane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="104"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="105"/>
        <source>F&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/filters.py" line="114"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <location filename="../../app/ui/panes/history/labels.py" line="26"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/labels.py" line="27"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/labels.py" line="28"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/labels.py" line="68"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="141"/>
        <source>&amp;Open</source>
        <extracomment>The stacked pages: the list, or the search results.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="142"/>
        <location filename="../../app/ui/panes/history/pane.py" line="298"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="143"/>
        <location filename="../../app/ui/panes/history/pane.py" line="284"/>
        <source>&amp;Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="145"/>
        <source>&amp;Move to folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="153"/>
        <source>&amp;New folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="155"/>
        <source>Rename &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="157"/>
        <source>Delete f&amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="159"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="160"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="161"/>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="171"/>
        <source>Open the selected conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="171"/>
        <source>Open (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="174"/>
        <source>Rename the selected conversation or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="174"/>
        <source>Rename (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="178"/>
        <source>Pin or unpin the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="179"/>
        <source>Pin to the top (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="181"/>
        <source>&amp;Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="182"/>
        <source>Move the selected conversations to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="183"/>
        <source>Move to a folder (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="189"/>
        <source>Delete the selected conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="190"/>
        <source>Delete (Del); Undo brings them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="193"/>
        <source>Create a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="193"/>
        <source>New folder (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="197"/>
        <source>Export conversations to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="198"/>
        <source>Export the selected conversations or folder, or everything when nothing is selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="202"/>
        <source>Import conversations from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="203"/>
        <source>Import a Penwright JSON export or ChatGPT&apos;s conversations.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="207"/>
        <source>Back up the history now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="208"/>
        <source>Copy the whole history to the backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="284"/>
        <source>Un&amp;pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="298"/>
        <source>&amp;Rename folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="299"/>
        <source>&amp;Delete folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/pane.py" line="367"/>
        <source>Deleted %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/pane.py" line="375"/>
        <source>Restored %n conversation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="520"/>
        <source>&amp;Move to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/pane.py" line="148"/>
        <location filename="../../app/ui/panes/history/pane.py" line="299"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistorySearch</name>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="119"/>
        <source>Search all messages (Ctrl+F)</source>
        <extracomment>Pause after the last keystroke before searching (ms): one query per pause, not per key. Most hits shown for one search. Item data role of a result row: its SearchHit.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="120"/>
        <source>Search all history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="130"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="142"/>
        <source>Search summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="216"/>
        <source>{pane}, {role}, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/search.py" line="226"/>
        <source>The first %n messages found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/search.py" line="228"/>
        <source>%n message(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/search.py" line="231"/>
        <source>No message matches. Words match anywhere in the text; try fewer or shorter ones.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoBar</name>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="39"/>
        <source>History message</source>
        <extracomment>How long the Undo bar stays after a delete (seconds).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="40"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="41"/>
        <source>Undo the delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="42"/>
        <source>Bring the deleted conversations back (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="44"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/info_bar.py" line="45"/>
        <source>Hide this message</source>
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
        <location filename="../../app/ui/widgets.py" line="271"/>
        <source>No system keychain is available (on Linux, install and unlock a Secret Service such as GNOME Keyring or KWallet). Keys are kept only until Penwright quits.</source>
        <extracomment>Precise failure kinds of remote engines (``Failed.detail``), translated below.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="276"/>
        <source>The system keychain did not answer (is it locked and waiting for a password?). Keys are kept only until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="281"/>
        <source>The system keychain refused the key ({detail}). It is kept until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="284"/>
        <source>The system keychain could not be read ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="287"/>
        <source>The system keychain could not delete the key ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryTable</name>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="107"/>
        <source>Models in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="112"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="113"/>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="114"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="115"/>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="116"/>
        <source>File size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="117"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="118"/>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="119"/>
        <source>Memory needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="194"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="194"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="195"/>
        <source>{size} at n_ctx {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="205"/>
        <source>file missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="216"/>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="219"/>
        <source>The file has {have}; its tensor data needs {need}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="221"/>
        <source>incomplete, {have} of {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="223"/>
        <source>The file ends inside its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="225"/>
        <source>Its metadata cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="226"/>
        <source>unreadable metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="228"/>
        <source>llama.cpp cannot read its metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="229"/>
        <source>llama.cpp cannot read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="231"/>
        <source>cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="234"/>
        <source>“{name}” is in the old GGUF version 1 format, which llama.cpp no longer reads. Get a newer GGUF of this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="237"/>
        <source>old GGUF version 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="239"/>
        <source>not a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="241"/>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/table.py" line="242"/>
        <source>damaged: {what}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineTable</name>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="133"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="134"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="135"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="136"/>
        <source>Rhyme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="137"/>
        <source>Count ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="138"/>
        <source>Rhyme ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="139"/>
        <source>End ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/form_view.py" line="140"/>
        <source>Tones ✓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="100"/>
        <source>{n} reply(ies) cut off when Penwright last stopped were kept and marked partial.</source>
        <extracomment>How many daily copies of the history database are kept (``backups/`` next to it). Prefix of the picker&apos;s data for a remote provider (&quot;provider:&lt;id&gt;&quot;). the generating panes built so far, by id (panes are built when first shown)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="106"/>
        <source>Your history was upgraded to this version&apos;s format; the old file was copied to {path} first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="284"/>
        <source>Inspector</source>
        <extracomment>which model or provider answers; the status bar&apos;s picker and engine state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="312"/>
        <source>Sampling applies to Chat, Story, Poetry and Q&amp;A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="326"/>
        <source>Saved these values as the default for this pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="352"/>
        <source>This model&apos;s chat template has no system role, so the pane&apos;s instructions were added to your first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="390"/>
        <source>The daily copy of your history could not be made: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="416"/>
        <source>Wait for the current reply, or stop it, first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="120"/>
        <source>Previous version (branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="122"/>
        <source>Next version (branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="127"/>
        <source>edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="129"/>
        <source>Edit this message: sending makes a new branch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <location filename="../../app/ui/model_session.py" line="93"/>
        <source>{rate:.1f} tok/s</source>
        <extracomment>Prefix of the picker&apos;s data for a remote provider (&quot;provider:&lt;id&gt;&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="103"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="112"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="113"/>
        <location filename="../../app/ui/model_session.py" line="441"/>
        <source>The model or remote provider that answers in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="117"/>
        <source>Where the model runs and its context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="119"/>
        <source>Speed of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="120"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="121"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="123"/>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="127"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="128"/>
        <source>Cancel loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="153"/>
        <source>Add a GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="154"/>
        <source>Remote providers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="188"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="204"/>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="204"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="219"/>
        <source>{name} answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="238"/>
        <source>Connecting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="247"/>
        <source>Replies now come from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="255"/>
        <source>The provider cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="264"/>
        <source>remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="336"/>
        <source>The GPU could not load {name} (out of memory or a driver error); it runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="341"/>
        <source>The engine restarted after a crash; {name} is loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="345"/>
        <source>Loaded {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="351"/>
        <source>{backend} · n_ctx {n_ctx}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="377"/>
        <source>“{name}” could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="381"/>
        <source>{problem} {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="401"/>
        <source>{problem}; {name} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="415"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="416"/>
        <source>Starting engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="417"/>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="418"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="419"/>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="420"/>
        <source>Engine crashed; restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="425"/>
        <source>Answering: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="432"/>
        <source>The engine stopped unexpectedly. Your text is kept; restarting it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/model_session.py" line="439"/>
        <source>Stop the reply being written to choose another model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSettingsForm</name>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="43"/>
        <source>Settings of the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="47"/>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="51"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="54"/>
        <location filename="../../app/ui/panes/models/model_settings.py" line="81"/>
        <source>Chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="59"/>
        <source>Custom chat template (Jinja)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="68"/>
        <source>even, or shares such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="69"/>
        <location filename="../../app/ui/panes/models/model_settings.py" line="70"/>
        <source>Flash attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="72"/>
        <source>KV cache type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="74"/>
        <source>&amp;Apply and reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="75"/>
        <source>Save these settings and reload the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="83"/>
        <source>KV cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="115"/>
        <source>tensor_split must be numbers, such as 0.6, 0.4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="133"/>
        <source>This llama.cpp build has no GPU support (see GPU).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPane</name>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="25"/>
        <source>From the model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/model_settings.py" line="29"/>
        <source>Custom Jinja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="80"/>
        <source>&amp;Load</source>
        <extracomment>Reinstall commands for GPU builds of llama-cpp-python (also in the README).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="81"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="82"/>
        <source>Re&amp;name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="83"/>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="84"/>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="85"/>
        <source>Add fol&amp;der…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="86"/>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="113"/>
        <source>Checking what this llama.cpp build can do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="114"/>
        <source>GPU support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="117"/>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="124"/>
        <source>Models message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="209"/>
        <source>Checking and importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="177"/>
        <source>This llama.cpp build can offload to the GPU ({backend}). Set n_gpu_layers.</source>
        <extracomment>the import batches running (each kept until it reports)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="182"/>
        <source>This llama.cpp build runs on the CPU only. To use a GPU, rebuild it in the project folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="197"/>
        <source>Import models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="197"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="208"/>
        <source>Importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="239"/>
        <source>The import failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="249"/>
        <source>Rename model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="249"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="262"/>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="263"/>
        <source>Remove “{name}” from the library?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="264"/>
        <source>Also delete the file from Penwright&apos;s model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="276"/>
        <source>Add a folder of models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="287"/>
        <source>Models in {folder} are now in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/models/pane.py" line="333"/>
        <source>The settings could not be saved: {why}</source>
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
        <location filename="../../app/ui/panes/registry.py" line="36"/>
        <source>Chat</source>
        <extracomment>Context of the pane names in the translation files.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="37"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="38"/>
        <source>Poetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="39"/>
        <source>Q&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="40"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="41"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="42"/>
        <source>Chat with the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="43"/>
        <source>Write a story with the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="44"/>
        <source>Write poems in fixed forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="45"/>
        <source>Ask a question, get a direct answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="46"/>
        <source>Every conversation, story and poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/registry.py" line="47"/>
        <source>The model library and downloads</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoetryPane</name>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="108"/>
        <source>Poetic form</source>
        <extracomment>Save the writer&apos;s edits to the chosen poem this long after the last keystroke (ms). Check the edited poem again this long after the last keystroke (ms). runs the candidates; it is also the pane&apos;s ``controller`` (the window stops, settles and listens to it like every pane&apos;s)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="111"/>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="112"/>
        <source>e.g. autumn rain, the sea at night, 月亮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="115"/>
        <source>Language note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="116"/>
        <source>optional, e.g. plain modern words; 用现代汉语</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="117"/>
        <source>Added to the request as you write it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="119"/>
        <location filename="../../app/ui/panes/poetry/pane.py" line="388"/>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="120"/>
        <location filename="../../app/ui/panes/poetry/pane.py" line="389"/>
        <source>Generate candidate poems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="124"/>
        <source>About the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="139"/>
        <source>Your poem: use a candidate or combine ticked lines, then edit it here. It is saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="145"/>
        <source>Lines of your poem, with the checker&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="147"/>
        <source>Check of your poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="359"/>
        <source>Stop generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="368"/>
        <source>Beam search (width {w})… the beams appear when the search ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="372"/>
        <source>Writing candidate {k} of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="411"/>
        <source>Could not save the candidates: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="461"/>
        <source>Your poem is checked here as you edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="540"/>
        <source>This poem&apos;s form ({form}) is no longer installed; it is shown against {shown}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="136"/>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="150"/>
        <source>Poem status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="158"/>
        <source>&amp;Form:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="159"/>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="160"/>
        <source>&amp;Language note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="175"/>
        <source>&amp;Your poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="247"/>
        <source>Add your own forms as JSON or TOML files in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="250"/>
        <source>Some form files were skipped: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="271"/>
        <source>Rhyme scheme: {scheme}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="331"/>
        <source>That decoding is unavailable here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="357"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/poetry/pane.py" line="358"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptFitter</name>
    <message>
        <location filename="../../app/ui/panes/story/prompt.py" line="120"/>
        <source>Fitting the story into the context window…</source>
        <extracomment>Delay of the token budget count after the last change, in milliseconds. counting on a worker thread now</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/prompt.py" line="145"/>
        <location filename="../../app/ui/panes/story/prompt.py" line="151"/>
        <source>Stopped.</source>
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
        <location filename="../../app/ui/providers_dialog.py" line="78"/>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="80"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="81"/>
        <source>Add a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="83"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="84"/>
        <source>Remove the selected provider and its key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="94"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="96"/>
        <source>Kind of provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="98"/>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="99"/>
        <source>Azure OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="100"/>
        <source>OpenAI-compatible server (llama.cpp, Ollama, LM Studio, vLLM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="106"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="110"/>
        <source>Model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="111"/>
        <source>&amp;Fetch list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="112"/>
        <source>Fetch the server&apos;s model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="118"/>
        <source>Azure endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="121"/>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="123"/>
        <source>api-version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="126"/>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="127"/>
        <location filename="../../app/ui/providers_dialog.py" line="131"/>
        <location filename="../../app/ui/providers_dialog.py" line="325"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="128"/>
        <source>Microsoft Entra ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="134"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="136"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="138"/>
        <source>Timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="141"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="143"/>
        <source>Retries after 429 or 5xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="146"/>
        <source>How often to try again when the server is busy (429) or failing (5xx) before it answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="150"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="151"/>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="152"/>
        <source>Base &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="153"/>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="157"/>
        <source>&amp;Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="158"/>
        <source>De&amp;ployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="159"/>
        <source>api-&amp;version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="160"/>
        <source>Aut&amp;hentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="161"/>
        <location filename="../../app/ui/providers_dialog.py" line="324"/>
        <source>API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="162"/>
        <source>&amp;Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="163"/>
        <source>Pro&amp;ject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="164"/>
        <source>T&amp;imeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="165"/>
        <source>&amp;Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="167"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="168"/>
        <source>Save this provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="170"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="171"/>
        <source>Test the connection with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="178"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="182"/>
        <source>Keychain problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="184"/>
        <source>Try the keychain a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="185"/>
        <source>Try to store the keys in the system keychain again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="236"/>
        <source>New provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="250"/>
        <source>Removed {name} and its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="289"/>
        <source>none saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="291"/>
        <source>kept in memory until Penwright quits; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="293"/>
        <source>saved in the system keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="314"/>
        <source>Leave empty for api.openai.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="316"/>
        <source>Ends in /v1 for most servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="324"/>
        <source>Entra ID to&amp;ken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="325"/>
        <source>Entra ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="352"/>
        <location filename="../../app/ui/providers_dialog.py" line="403"/>
        <location filename="../../app/ui/providers_dialog.py" line="434"/>
        <source>Incomplete settings: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="361"/>
        <source>Saved. Storing the key in the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="366"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="371"/>
        <source>Saved; the key is in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="373"/>
        <source>Saved; the key is kept in memory until Penwright quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="389"/>
        <source>The keys are now in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="391"/>
        <source>The keychain still cannot be used; the keys stay in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="407"/>
        <source>Testing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="422"/>
        <source>The settings cannot be used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="424"/>
        <source>Connected: the model answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="453"/>
        <source>Type the model name instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="460"/>
        <source>The server offers {n} model(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/providers_dialog.py" line="462"/>
        <source>Asking the server for its models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAPane</name>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="34"/>
        <location filename="../../app/ui/panes/qa.py" line="86"/>
        <location filename="../../app/ui/panes/qa.py" line="99"/>
        <source>Question</source>
        <extracomment>stores each question and its answer (as ``penwright ask --save`` does)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="36"/>
        <source>Ask a question (Enter asks). Try: “What is the boiling point of water?”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="40"/>
        <location filename="../../app/ui/panes/qa.py" line="109"/>
        <source>&amp;Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="41"/>
        <source>Ask or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="44"/>
        <location filename="../../app/ui/panes/qa.py" line="86"/>
        <location filename="../../app/ui/panes/qa.py" line="100"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="45"/>
        <source>The answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="47"/>
        <source>Answer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="101"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/qa.py" line="102"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reply</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="221"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="222"/>
        <source>stopped at the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="223"/>
        <source>stopped by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="225"/>
        <source>{n} tokens · {rate:.1f} tok/s · prompt {p} tokens · seed {seed} · {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/widgets.py" line="299"/>
        <source>The provider is busy; trying again. ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryDrafts</name>
    <message>
        <location filename="../../app/ui/panes/story/drafts.py" line="117"/>
        <location filename="../../app/ui/panes/story/drafts.py" line="206"/>
        <source>Untitled story</source>
        <extracomment>Delay of the autosave after the last change, in milliseconds. Recent stories in the &quot;Open&quot; menu.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/drafts.py" line="170"/>
        <source>Wait for the model, or stop it (Esc), then open the story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/drafts.py" line="209"/>
        <source>No stories yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryFiles</name>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="42"/>
        <source>Untitled story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="47"/>
        <source>The story could not be exported: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="49"/>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="62"/>
        <source>The file could not be imported: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="70"/>
        <source>Imported “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="79"/>
        <source>Export the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="81"/>
        <source>Markdown (*.md);;Plain text (*.txt);;Word document (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="89"/>
        <source>Import a story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/files.py" line="89"/>
        <source>Text and Markdown (*.txt *.md *.markdown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryPane</name>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="119"/>
        <source>Story text</source>
        <extracomment>Characters per line of the editor&apos;s measure (UI.md: about 70).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="122"/>
        <source>Start your story here, then press Continue (Ctrl+Enter).

Try: “The lighthouse keeper found a letter in the sand.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="139"/>
        <source>&amp;Open recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="141"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="142"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="143"/>
        <location filename="../../app/ui/panes/story/pane.py" line="156"/>
        <source>&amp;Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="145"/>
        <source>&amp;Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="146"/>
        <source>Story menu: new, open, import, export, versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="149"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="151"/>
        <source>Start a new story (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="154"/>
        <source>Story title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="155"/>
        <source>Title (the first words if left empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="157"/>
        <source>Versions of the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="160"/>
        <source>&amp;Aids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="163"/>
        <source>Show memory, author&apos;s note and lorebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="164"/>
        <source>Memory, author&apos;s note, lorebook and the token budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="181"/>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="181"/>
        <source>Continue the story at the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="184"/>
        <source>&amp;Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="185"/>
        <source>Rewrite the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="187"/>
        <source>Rewrite the selected passage (an instruction to the model; best with instruct models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="190"/>
        <source>&amp;Describe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="191"/>
        <source>Describe the selection in more detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="193"/>
        <source>Write a more detailed version of the selected passage after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="196"/>
        <source>Give me &amp;3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="197"/>
        <source>Write three continuations to choose from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="200"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="200"/>
        <source>Stop writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="248"/>
        <source>Perplexity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="251"/>
        <source>exp of the mean negative log-likelihood per token under the loaded model: lower means the model found the text more predictable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="256"/>
        <source>Evaluation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="259"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="260"/>
        <source>Cancel the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="361"/>
        <source>The chosen provider offers no raw completion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="364"/>
        <source>Continue needs raw completion; choose a local model or an OpenAI-compatible server in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="368"/>
        <source>Continue at the cursor (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="371"/>
        <source>Write {n} continuations one after another (different seeds, temperature at least {t}) and pick one (Ctrl+Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="383"/>
        <source>Tint the AI&apos;s words by how likely the model found them; hover for the alternatives, Ctrl+click to choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="387"/>
        <source>This engine gives no token probabilities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="392"/>
        <source>Perplexity of the selection, or of the whole story, under the loaded model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="395"/>
        <source>Perplexity needs a local model: remote providers do not score texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="401"/>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="137"/>
        <source>&amp;New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="150"/>
        <source>New story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="200"/>
        <source>Stop (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="201"/>
        <source>Show &amp;probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="203"/>
        <source>Show token probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="205"/>
        <source>&amp;Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="206"/>
        <source>Evaluate the perplexity of the selection or the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/pane.py" line="245"/>
        <source>Story status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryVersions</name>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="143"/>
        <source>Write something first: a new story has no versions yet.</source>
        <extracomment>the dialog last opened (closed and replaced when opened again)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="175"/>
        <source>Version restored. Ctrl+Z undoes it; the text before is a version too.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryWriter</name>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="136"/>
        <source>Writing…</source>
        <extracomment>Tokens allowed for the chat template around Rewrite/Describe&apos;s messages (role markers and the like) when checking that a selection fits n_ctx. The system prompt of Rewrite and Describe.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="161"/>
        <source>Write a few words first: Continue goes on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="205"/>
        <source>Select a passage first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="226"/>
        <source>The selection takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx). Select a shorter passage, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="231"/>
        <source>The text changed while it was counted; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="236"/>
        <source>Counting the selection&apos;s tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="319"/>
        <source>Write a few words first: alternatives go on from the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="341"/>
        <source>Writing alternative 1 of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="372"/>
        <source>Writing alternative {i} of {n}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="380"/>
        <source>Pick one, or None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="412"/>
        <source>Alternative {n} inserted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/generation.py" line="464"/>
        <source>Writing from “{token}”…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenMeter</name>
    <message>
        <location filename="../../app/ui/token_meter.py" line="110"/>
        <source>Token meter</source>
        <extracomment>Delay after the last edit before counting, in milliseconds. Tokens of n_ctx a reply needs at the least: a message that leaves fewer is refused. Tokens a chat template may add around the messages, at most (for :meth:`surely_fits`). Failed counts in a row, with the engine idle, after which a waiting send goes ahead uncounted (a template the tokenizer call cannot render; the engine then says why). Longest wait of a count for another request&apos;s hold on the engine, in seconds. A count starts only while the engine is idle, so this waits for another count (or for a request that started at that moment). What to count: (&quot;messages&quot;, [chat messages]) or (&quot;text&quot;, raw prompt). tokens of all of what would be sent, at the last count tokens of what must fit on its own, at the last count (an upper bound: the whole payload&apos;s count when that fits) n_ctx at the last count</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="111"/>
        <source>Tokens of what would be sent, out of the model&apos;s context window (n_ctx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="169"/>
        <source>This message takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx). Shorten it, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="174"/>
        <source>This message takes {used:,} tokens; the model&apos;s context holds {n_ctx:,} (n_ctx), which leaves too little room for a reply. Shorten it, or load the model with a larger n_ctx in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="189"/>
        <source>counting tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="206"/>
        <source>tokens: counted by the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/token_meter.py" line="274"/>
        <source>{used:,} / {n_ctx:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="119"/>
        <source>Transfer status</source>
        <extracomment>Conversations per import transaction (:data:`app.storage.transfer.CHUNK_CONVERSATIONS`).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="121"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="123"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="124"/>
        <location filename="../../app/ui/panes/history/transfers.py" line="302"/>
        <source>Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="125"/>
        <source>Stop; nothing is imported or written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="153"/>
        <source>There is nothing to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="155"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="155"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="155"/>
        <source>HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="164"/>
        <source>Export conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="197"/>
        <source>Import conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="199"/>
        <source>Conversation exports (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="199"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="236"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="286"/>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="287"/>
        <source>Exporting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="288"/>
        <source>Copying the history to {path}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="294"/>
        <source>Progress of the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="295"/>
        <source>Progress of the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="296"/>
        <source>Progress of the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="302"/>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="321"/>
        <source>Imported {done} of {total} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="323"/>
        <source>Exporting: read {done} of {total} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="370"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="370"/>
        <source>Nothing was imported. {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="373"/>
        <source>Import cancelled. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="376"/>
        <source>Imported %n conversation(s) from {name}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="381"/>
        <source>%n were already in your history and were left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="388"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="389"/>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="392"/>
        <source>Export cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="395"/>
        <source>Exported %n conversation(s) to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="401"/>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="401"/>
        <source>Could not copy the history: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/history/transfers.py" line="404"/>
        <source>Backed up the history to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="414"/>
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="415"/>
        <source>%n audio clip(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="416"/>
        <source>%n reasoning note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="417"/>
        <source>%n hidden message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="418"/>
        <source>%n tool result(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="421"/>
        <source>%n part(s) of type “{kind}”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="427"/>
        <source>%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="433"/>
        <source>{parts} were not imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="438"/>
        <source>%n conversation(s) with no text were not imported: {names}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/panes/history/transfers.py" line="441"/>
        <source>%n conversation(s) had no id in the file: {names}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="47"/>
        <location filename="../../app/ui/panes/story/versions.py" line="50"/>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="48"/>
        <source>Versions of the story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="51"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="51"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="51"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="61"/>
        <source>Preview of the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="62"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="63"/>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="65"/>
        <source>The story becomes this version; the current text is kept as a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="72"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="84"/>
        <source>Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="85"/>
        <source>Generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="86"/>
        <source>Before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="87"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panes/story/versions.py" line="99"/>
        <source>{n:,} characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowFrame</name>
    <message>
        <location filename="../../app/ui/window_frame.py" line="131"/>
        <source>Sections</source>
        <extracomment>Longest wait for the frame&apos;s first paint before the second stage runs anyway (ms): a window started minimized or on another workspace may not be painted for a while. what :meth:`open`&apos;s second stage calls to start the runtime (None once called)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_frame.py" line="141"/>
        <source>{label} ({shortcut})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_frame.py" line="160"/>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_frame.py" line="167"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_frame.py" line="168"/>
        <source>Engine state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/window_frame.py" line="180"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
