"""The history file's schema: numbered migration scripts and the values its CHECKs allow."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 5

_SCHEMA_V1 = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    pane TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    draft TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'partial')),
    finish_reason TEXT,
    model TEXT NOT NULL DEFAULT '',
    params TEXT,
    seed INTEGER,
    usage TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX conversations_by_update ON conversations(updated_at);
"""

# v2: folders, pinning, provider, soft delete, the remembered branch, full-text search.
# active_leaf_id has no foreign key on purpose: a deleted leaf falls back to the newest
# leaf in thread(), and a key would cost a lookup in conversations per deleted message.
_SCHEMA_V2 = """
CREATE TABLE folders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created_at REAL NOT NULL
);
ALTER TABLE conversations ADD COLUMN folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN deleted_at REAL;
ALTER TABLE conversations ADD COLUMN active_leaf_id INTEGER;
CREATE INDEX conversations_by_folder ON conversations(folder_id);
CREATE INDEX conversations_by_deleted ON conversations(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX messages_by_parent ON messages(parent_id);
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content='messages', content_rowid='id', tokenize='trigram'
);
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
"""

# Schema 3: Story documents (issue 6). A story is a conversation of pane 'story' whose text
# is its ``draft``; its writing aids and its version history live here (app/storage/documents.py).
_SCHEMA_V3 = """
CREATE TABLE documents (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    memory TEXT NOT NULL DEFAULT '',
    authors_note TEXT NOT NULL DEFAULT '',
    note_depth INTEGER NOT NULL DEFAULT 3,
    lorebook TEXT NOT NULL DEFAULT '[]',
    preset TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    memory TEXT NOT NULL DEFAULT '',
    authors_note TEXT NOT NULL DEFAULT '',
    lorebook TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL CHECK (reason IN ('edit', 'generation', 'restore', 'import')),
    created_at REAL NOT NULL
);
CREATE INDEX document_versions_by_document ON document_versions(conversation_id, created_at);
"""

# Schema 4: Poems (issue 7). A poem is a conversation of pane 'poetry' (the request as the
# user message, the chosen poem as the assistant message); its form, topic, decoding settings,
# every candidate with its scores and the chosen text live here (app/storage/poems.py).
_SCHEMA_V4 = """
CREATE TABLE poems (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    form_id TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    decoding TEXT NOT NULL DEFAULT '{}',
    candidates TEXT NOT NULL DEFAULT '[]',
    chosen_text TEXT,
    chosen_score REAL,
    request_message_id INTEGER,
    chosen_message_id INTEGER,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
"""

# Schema 5: the AI-written spans of a story and their tokens' log-probabilities, as JSON
# (app/storage/documents.py, StoryDocument.ai_spans; NULL = none), saved with its text so
# the colours and probabilities survive a reopen.
_SCHEMA_V5 = """
ALTER TABLE documents ADD COLUMN ai_spans TEXT;
"""

#: Numbered migrations: index i upgrades schema i to i+1 (index 0 creates schema 1).
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4, _SCHEMA_V5)

ROLES = ("system", "user", "assistant")
STATUSES = ("final", "partial")


def split_sql(script: str) -> list[str]:
    """Split a migration script into statements (trigger bodies contain ';')."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements
