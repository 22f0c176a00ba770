"""Onboarding: clients, intake, the normalized brief and the project state."""
