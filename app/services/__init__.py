"""Services: the bookkeeping the window and the CLI share, above the engines and the
storage and below any front end (no Qt here; ``app.ui`` and ``app.cli`` call them)."""

from app.services.conversation import (
    PARTIAL_SAVE_S,
    ConversationService,
    Exchange,
    ReplyRecorder,
)

__all__ = ["PARTIAL_SAVE_S", "ConversationService", "Exchange", "ReplyRecorder"]
