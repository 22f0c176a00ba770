"""Production: packs, content drafts and creative assets."""
