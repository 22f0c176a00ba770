"""QC: the rule engine that scores a draft and decides whether it passes."""
