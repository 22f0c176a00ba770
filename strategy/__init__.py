"""Strategy: versioned, approvable strategies generated from a brief."""
