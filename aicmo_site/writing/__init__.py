"""Stateless writing helpers and domain vocabulary shared by the generating apps."""
